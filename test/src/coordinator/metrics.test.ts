/**
 * vip-coordinator's /metrics against a real etcd: after a few admin calls (allowed, refused for
 * the role, refused for the token, not found) and a WatchEvents stream, a scrape counts each by
 * method and code, has their latencies, the open stream, and etcd's health, which drops to 0
 * when etcd stops.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type * as grpc from '@grpc/grpc-js';
import { freePort, type LocalEtcd, startLocalEtcd } from '../harness/etcd-local';
import { pollUntil } from '../harness/proc';
import { parseProm, total } from '../harness/prom-text';
import { adminClient, call, callError, type Coordinator, newToken, startCoordinator } from './admin-client';

describe('vip-coordinator: /metrics', { timeout: 120_000 }, () => {
  let etcd: LocalEtcd;
  let coord: Coordinator;
  let url: string;

  before(async () => {
    etcd = await startLocalEtcd();
    const port = await freePort();
    url = `http://127.0.0.1:${port}/metrics`;
    coord = await startCoordinator({
      endpoints: [etcd.endpoint],
      cluster: 'metrics',
      extraYaml: [`metrics: { listen: "127.0.0.1:${port}" }`],
    });
  });
  after(async () => {
    await coord?.stop();
    await etcd?.stop();
  });

  const scrape = async (): Promise<Map<string, number>> => {
    const res = await fetch(url, { signal: AbortSignal.timeout(8000) });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    return parseProm(await res.text());
  };
  const calls = (m: Map<string, number>, method: string, code: string) =>
    total(m, 'vipd_coordinator_api_calls_total', { method, code });

  it('counts calls by method and code, refusals, latency and open watch streams', async () => {
    await call(coord.client, 'ListVips', {});
    await call(coord.client, 'ListVips', {});
    assert.equal((await callError(coord.client, 'GetVip', { name: 'nope' })).code, 5);
    const viewer = adminClient(coord.address, coord.tokens.view);
    const stranger = adminClient(coord.address, newToken());
    try {
      assert.equal((await callError(viewer, 'DeleteVip', { name: 'x' })).code, 7);
      assert.equal((await callError(stranger, 'ListNodes', {})).code, 16);
      const stream = coord.client.WatchEvents({}) as grpc.ClientReadableStream<unknown>;
      stream.on('error', () => undefined);
      await new Promise((resolve) => stream.once('metadata', resolve));
      const open = await scrape();
      assert.equal(total(open, 'vipd_coordinator_watch_streams'), 1);
      stream.cancel();
      const m = await pollUntil(
        async () => {
          const s = await scrape();
          return total(s, 'vipd_coordinator_watch_streams') === 0 ? s : undefined;
        },
        { timeoutMs: 5000, intervalMs: 50, what: 'the watch stream closed' },
      );
      assert.equal(calls(m, 'ListVips', 'OK'), 2);
      assert.equal(calls(m, 'GetVip', 'NOT_FOUND'), 1);
      assert.equal(calls(m, 'DeleteVip', 'PERMISSION_DENIED'), 1);
      assert.equal(calls(m, 'ListNodes', 'UNAUTHENTICATED'), 1);
      assert.equal(calls(m, 'WatchEvents', 'OK'), 1);
      assert.equal(total(m, 'vipd_coordinator_authz_refusals_total'), 2);
      assert.equal(total(m, 'vipd_coordinator_authz_refusals_total', { method: 'DeleteVip' }), 1);
      assert.equal(total(m, 'vipd_coordinator_api_call_seconds_count', { method: 'ListVips' }), 2);
      assert.ok(total(m, 'vipd_coordinator_api_call_seconds_sum', { method: 'ListVips' }) > 0);
      assert.equal(total(m, 'vipd_coordinator_etcd_healthy'), 1);
      assert.equal(total(m, 'vipd_coordinator_build_info'), 1);
    } finally {
      viewer.close();
      stranger.close();
    }
  });

  it('404 off /metrics; etcd_healthy 0 within the scrape once etcd is gone', async () => {
    assert.equal((await fetch(url.replace('/metrics', '/'))).status, 404);
    await etcd.stop();
    const t0 = performance.now();
    const m = await scrape();
    assert.equal(total(m, 'vipd_coordinator_etcd_healthy'), 0);
    assert.ok(performance.now() - t0 < 5000, 'the probe is bounded');
  });
});
