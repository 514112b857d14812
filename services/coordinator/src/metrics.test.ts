import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { silentLogger } from '@vipd/log';
import { CoordinatorMetrics } from './metrics';

function value(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('coordinator metrics', () => {
  it('calls by method and code, latency, refusals, streams; etcd health per scrape', async () => {
    let etcdUp = true;
    const m = new CoordinatorMetrics(silentLogger(), {
      version: '9',
      defaultMetrics: false,
      etcdProbe: async () => {
        if (!etcdUp) throw new Error('down');
      },
    });
    m.call('ListVips', grpc.status.OK, 0.003);
    m.call('ListVips', grpc.status.OK, 0.2);
    m.refused('CreateVip', grpc.status.PERMISSION_DENIED);
    m.call('CreateVip', grpc.status.PERMISSION_DENIED, 0.001);
    m.call('WatchEvents', 999 as grpc.status);
    const close = m.watchOpened();
    m.watchOpened();
    close();
    close();
    let text = (await m.render()).body;
    assert.equal(value(text, 'vipd_coordinator_api_calls_total{method="ListVips",code="OK"}'), 2);
    assert.equal(
      value(text, 'vipd_coordinator_api_calls_total{method="CreateVip",code="PERMISSION_DENIED"}'),
      1,
    );
    assert.equal(value(text, 'vipd_coordinator_api_calls_total{method="WatchEvents",code="UNKNOWN"}'), 1);
    assert.equal(
      value(text, 'vipd_coordinator_authz_refusals_total{method="CreateVip",code="PERMISSION_DENIED"}'),
      1,
    );
    assert.equal(value(text, 'vipd_coordinator_api_call_seconds_bucket{le="0.005",method="ListVips"}'), 1);
    assert.equal(value(text, 'vipd_coordinator_api_call_seconds_count{method="WatchEvents"}'), undefined);
    assert.equal(value(text, 'vipd_coordinator_watch_streams'), 1, 'closing twice counts once');
    assert.equal(value(text, 'vipd_coordinator_etcd_healthy'), 1);
    etcdUp = false;
    text = (await m.render()).body;
    assert.equal(value(text, 'vipd_coordinator_etcd_healthy'), 0);
    assert.equal(value(text, 'vipd_coordinator_build_info{version="9"}'), 1);
  });
});
