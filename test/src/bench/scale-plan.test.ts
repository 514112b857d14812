import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  etcdCounters,
  etcdLoad,
  parseProcStatTicks,
  parseProcStatus,
  parsePrometheus,
  parseScaleArgs,
  planVips,
  spread,
  timingsYaml,
} from './scale-plan';

void describe('bench:scale plan', () => {
  void it('takes VIP counts, samples and faults; refuses bad input with one line', () => {
    assert.deepEqual(parseScaleArgs([]).vips, [500]);
    assert.deepEqual(parseScaleArgs([], { VIPD_BENCH_VIPS: '50,2000' }).vips, [50, 2000]);
    const a = parseScaleArgs(['--vips=50,500,2000', '--samples', '5', '--faults', 'link-cut']);
    assert.deepEqual([a.vips, a.samples, a.faults], [[50, 500, 2000], 5, ['link-cut']]);
    assert.throws(() => parseScaleArgs(['--vips', '2,x']), /--vips must be a whole number from 3/);
    assert.throws(() => parseScaleArgs(['--faults', 'meteor']), /unknown "meteor"/);
    assert.throws(() => parseScaleArgs(['--frobnicate']), /unknown argument "--frobnicate"/);
    const slow = parseScaleArgs(['--timings', '250,1000']).timings;
    assert.deepEqual(slow, { heartbeatMs: 250, holderFenceMs: 1000 });
    assert.deepEqual(timingsYaml(slow), [
      'heartbeat: { intervalMs: 250, suspectAfterMisses: 4 }',
      'takeover: { holderFenceMs: 1000 }',
    ]);
    assert.deepEqual(timingsYaml(undefined), []);
    assert.throws(
      () => parseScaleArgs(['--timings', '250,300']),
      /holder fence must be a whole number from 500/,
    );
    assert.deepEqual(
      parseScaleArgs(['--node-flags', '--max-semi-space-size=2  --optimize-for-size']).nodeFlags,
      ['--max-semi-space-size=2', '--optimize-for-size'],
    );
    assert.deepEqual(parseScaleArgs([]).nodeFlags, []);
    for (const bad of [
      '-e process.exit()',
      '--eval=1',
      '--require=/tmp/x',
      'max-semi-space-size=2',
      '--a=$(id)',
    ]) {
      assert.throws(() => parseScaleArgs(['--node-flags', bad]), /--node-flags/);
    }
  });

  void it('spreads N VIPs evenly over three nodes, each eligible everywhere', () => {
    const vips = planVips(9);
    const count = (n: string) => vips.filter((v) => v.preferred === n).length;
    assert.deepEqual([count('n1'), count('n2'), count('n3')], [3, 3, 3]);
    assert.equal(new Set(vips.map((v) => v.ip)).size, 9);
    assert.equal(planVips(11)[10]?.ip, '2001:db8::1:a');
    assert.deepEqual(vips[1]?.spec.nodes, {
      n2: { priority: 150 },
      n3: { priority: 120 },
      n1: { priority: 100 },
    });
    assert.deepEqual(spread([1, 2, 3, 4, 5, 6], 3), [1, 3, 5]);
    assert.deepEqual(spread([1, 2], 3), [1, 2]);
  });

  void it("reads etcd's request counters and turns two readings into a load", () => {
    const text = (range: number, ka: number, props: number) =>
      [
        '# HELP grpc_server_handled_total Total number of RPCs completed on the server.',
        `grpc_server_handled_total{grpc_code="OK",grpc_method="Range",grpc_service="etcdserverpb.KV",grpc_type="unary"} ${range}`,
        `grpc_server_handled_total{grpc_code="DeadlineExceeded",grpc_method="Txn",grpc_service="etcdserverpb.KV",grpc_type="unary"} 2`,
        `grpc_server_msg_received_total{grpc_method="LeaseKeepAlive",grpc_service="etcdserverpb.Lease",grpc_type="bidi_stream"} ${ka}`,
        `grpc_server_msg_received_total{grpc_method="Range",grpc_service="etcdserverpb.KV",grpc_type="unary"} 999`,
        `etcd_server_proposals_committed_total ${props}`,
      ].join('\n');
    const before = etcdCounters(parsePrometheus(text(100, 40, 7)));
    assert.deepEqual(before, {
      unary: { Range: 100, Txn: 2 },
      streamMsgs: { LeaseKeepAlive: 40 },
      proposals: 7,
    });
    const load = etcdLoad(before, etcdCounters(parsePrometheus(text(120, 60, 17))), 2000);
    assert.deepEqual(load, {
      seconds: 2,
      requestsPerSec: 20,
      writesPerSec: 5,
      byMethod: { Range: 20, LeaseKeepAlive: 20 },
    });
  });

  void it('reads RSS and CPU ticks from /proc, also with a command name holding ") "', () => {
    const status = 'Name:\tnode\nVmHWM:\t  150000 kB\nVmRSS:\t  120000 kB\n';
    assert.deepEqual(parseProcStatus(status), { rssKb: 120000, hwmKb: 150000 });
    const stat = '4242 (no de) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 11 0 100 0 0';
    assert.equal(parseProcStatTicks(stat), 325);
    const withChildren = '4242 (node) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 75 40 2 20 0 11 0 100 0 0';
    assert.equal(parseProcStatTicks(withChildren, true), 367);
    // This test process itself.
    assert.ok(parseProcStatus(readFileSync('/proc/self/status', 'utf8')).rssKb > 1000);
  });
});
