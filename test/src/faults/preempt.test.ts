/**
 * Fault 7: preemption. The VIP is on n1 (priority 150); SIGTERM on n1 moves it to n2. When n1
 * comes back, with `preempt` the VIP moves back to n1 exactly once; with `preempt: false` it
 * stays on n2.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sleep } from '../harness/proc';
import {
  baseSpec,
  clientFollows,
  describeGaps,
  skipUnlessRoot,
  VIP,
  VIP_CIDR,
  withFaultCluster,
} from './fault-cluster';
import { holderSequence, MAX_OVERLAP_MS, report } from './monitor';

const OBSERVE_MS = 5000;

describe('fault suite: preemption', { skip: skipUnlessRoot(__filename), concurrency: 1 }, () => {
  for (const preempt of [true, false]) {
    const name = preempt ? '7 preempt' : '7 no preempt';
    it(`${name}: n1 stopped, n2 takes over; n1 back: ${preempt ? 'moves back to n1 once' : 'stays on n2'}`, async () => {
      await withFaultCluster({ spec: { ...baseSpec, preempt } }, async (c) => {
        const t0 = Date.now();
        await c.vipd.signal('n1', 'SIGTERM');
        await c.vipd.waitHolder(VIP_CIDR, c.nodes, 5000, 'n2');
        await sleep(300);
        const restartedAt = Date.now();
        c.vipd.start('n1');
        await c.vipd.waitServing(['n1'], 10_000);
        if (preempt) await c.vipd.waitHolder(VIP_CIDR, c.nodes, 10_000, 'n1');
        // Observe long enough for any second move (or a late preemption) to show.
        await sleep(OBSERVE_MS);
        const final = preempt ? 'n1' : 'n2';
        assert.deepEqual(await c.vipd.holders(VIP_CIDR, c.nodes), [final]);
        const stats = await clientFollows(c, final, 200);
        const r = await c.monitor.check();
        const seq = holderSequence(r.timeline.intervals(VIP));
        const backAt = preempt ? r.timeline.intervals(VIP, 'n1')[1]?.start : undefined;
        report(
          name,
          stats.outageMs,
          r.maxOverlapMs,
          `holders ${seq.join('>')}, client gaps ${describeGaps(c, t0)}, ` +
            `n2 took over at +${Math.round((r.timeline.firstHeld('n2', VIP) ?? t0) - t0)} ms, n1 restarted at +${restartedAt - t0} ms` +
            (backAt ? `, back on n1 ${Math.round(backAt - restartedAt)} ms after its restart` : ''),
        );
        if (seq.length !== (preempt ? 3 : 2)) c.dump(t0);
        assert.deepEqual(
          seq,
          preempt ? ['n1', 'n2', 'n1'] : ['n1', 'n2'],
          'the VIP moved exactly as expected',
        );
        assert.ok(r.maxOverlapMs <= MAX_OVERLAP_MS);
        assert.equal(stats.duplicates, 0);
        assert.ok(stats.outageMs < 500, `client outage ${stats.outageMs} ms`);
      });
    });
  }
});
