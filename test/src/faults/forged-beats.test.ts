/**
 * Fault 13: forged heartbeats. A host outside the cluster (the lab's client) opens a heartbeat
 * stream to the holder's node port (plaintext, the default) and, claiming to be n2, says every
 * 100 ms that it holds the VIP with fencing revision 999999999. A peer's word is only a hint:
 * the holder checks its leader key in etcd, finds it still its own, and keeps the VIP. Before,
 * it yielded again and again for as long as the impostor ran (client gaps up to ~3 s).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../e2e/vipd-cluster';
import { ipv4Of } from '../lab';
import { describeGaps, skipUnlessRoot, VIP, withFaultCluster } from './fault-cluster';
import { holderSequence, MAX_OVERLAP_MS, pingGaps, report } from './monitor';

const FORGE = join(REPO_ROOT, 'test', 'dist', 'tools', 'forge-beat.js');
const FORGE_MS = 8000;

describe('fault suite: forged heartbeats', { skip: skipUnlessRoot(__filename), concurrency: 1 }, () => {
  it('13. an impostor claiming a newer revision of the VIP over heartbeats: no yield, no client gap', async () => {
    await withFaultCluster({}, async (c) => {
      const t0 = Date.now();
      const out = await c.lab.exec('cli', [
        process.execPath,
        FORGE,
        `${ipv4Of('n1')}:7400`,
        'n2',
        'web',
        '999999999',
        String(FORGE_MS),
      ]);
      const r = await c.monitor.check();
      const seq = holderSequence(r.timeline.intervals(VIP));
      const logs = c.vipd.logs('n1').filter((l) => Date.parse(String(l.time)) >= t0);
      const yields = logs.filter((l) => l.msg === 'VIP down on this node').length;
      const refuted = logs.filter(
        (l) =>
          l.msg === 'a peer says it holds this VIP with a newer revision, but etcd shows our key: ignored',
      ).length;
      report(
        '13 forged beats',
        c.ping.stats().outageMs,
        r.maxOverlapMs,
        `${out.trim()}; yields ${yields}, holders ${seq.join('>')}`,
      );
      assert.match(out, /^sent \d+ answers [1-9]\d*/, 'the impostor got through to the heartbeat service');
      assert.ok(refuted >= 1, 'the holder saw the claim and checked it');
      assert.equal(yields, 0, 'the holder never dropped the VIP');
      assert.deepEqual(seq, ['n1']);
      const gaps = pingGaps(c.ping.output().split('\n'), c.ping.intervalMs).filter((g) => g.ms >= 15);
      assert.equal(gaps.length, 0, `no client gap: ${describeGaps(c, t0)}`);
      assert.ok(r.maxOverlapMs <= MAX_OVERLAP_MS);
    });
  });
});
