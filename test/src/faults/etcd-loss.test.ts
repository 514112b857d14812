/**
 * Fault 8: etcd stopped entirely (all three members killed, then restarted on their data).
 * With the default settings (onEtcdLoss: failsafe), for 60 s: the holder keeps the VIP (every
 * peer confirms over heartbeats that nobody can take it over), the client sees no outage, and
 * nothing moves when etcd returns. With onEtcdLoss: fence, for 10 s: the holder drops it at its
 * lease deadline and nobody adds it. After etcd returns, exactly one node holds it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EtcdHost } from '../lab';
import { ETCD_MEMBER_HOSTS } from '../lab';
import { sleep } from '../harness/proc';
import { clientFollows, skipUnlessRoot, VIP, VIP_CIDR, withFaultCluster } from './fault-cluster';
import { holderSequence, MAX_OVERLAP_MS, report } from './monitor';

const OUTAGE_MS = { default: 60_000, fence: 10_000 } as const;
/** No onEtcdLoss for the default: what an operator gets who never heard of the setting. */
const spec = (policy: 'default' | 'fence') => ({
  name: 'web',
  address: VIP_CIDR,
  interface: 'e0',
  nodes: { n1: { priority: 150 }, n2: { priority: 100 } },
  ...(policy === 'fence' ? { onEtcdLoss: 'fence' } : {}),
});

describe('fault suite: etcd stopped', { skip: skipUnlessRoot(__filename), concurrency: 1 }, () => {
  for (const policy of ['default', 'fence'] as const) {
    const outageMs = OUTAGE_MS[policy];
    const label = policy === 'default' ? 'the default onEtcdLoss (failsafe)' : 'onEtcdLoss: fence';
    it(`8. etcd stopped for ${outageMs / 1000} s with ${label}`, async () => {
      await withFaultCluster({ etcdMembers: 3, spec: spec(policy) }, async (c) => {
        const etcd = c.etcd!;
        const stoppedAt = Date.now();
        for (const h of ETCD_MEMBER_HOSTS) await etcd.kill(h as EtcdHost);
        await sleep(outageMs);
        const heldAtEnd = await c.vipd.holders(VIP_CIDR, c.nodes);
        for (const h of ETCD_MEMBER_HOSTS) etcd.restart(h as EtcdHost);
        for (const h of ETCD_MEMBER_HOSTS) await etcd.waitHealthy(h as EtcdHost);
        const restartedAt = Date.now();
        const holder = await c.vipd.waitHolder(VIP_CIDR, c.nodes, 15_000);
        await sleep(2000);
        assert.deepEqual(await c.vipd.holders(VIP_CIDR, c.nodes), [holder], 'one holder after etcd returns');
        const stats = await clientFollows(c, holder);
        const r = await c.monitor.check();
        const seq = holderSequence(r.timeline.intervals(VIP));
        if (policy === 'default') {
          report(
            `8 etcd stopped ${outageMs / 1000} s, defaults (failsafe)`,
            stats.outageMs,
            r.maxOverlapMs,
            `holders ${seq.join('>')}`,
          );
          assert.deepEqual(heldAtEnd, ['n1'], 'n1 still held the VIP at the end of the etcd outage');
          assert.deepEqual(seq, ['n1'], 'the VIP never moved nor went away');
          assert.ok(stats.outageMs < 50, `client outage ${stats.outageMs} ms`);
        } else {
          const dropped = r.timeline.intervals(VIP, 'n1')[0]?.end;
          assert.ok(dropped !== undefined, 'the holder dropped the VIP');
          const droppedAfter = dropped - stoppedAt;
          report(
            `8 etcd stopped ${outageMs / 1000} s, fence`,
            stats.outageMs,
            r.maxOverlapMs,
            `dropped ${droppedAfter} ms after etcd stopped, back ${Date.now() - restartedAt} ms after etcd returned`,
          );
          assert.deepEqual(heldAtEnd, [], 'nobody held the VIP while etcd was down');
          assert.ok(
            droppedAfter <= 3000,
            `dropped ${droppedAfter} ms after etcd stopped (deadline ≤ 2.25 s + a call)`,
          );
          // etcd restores n1's lease on its return: n1 holds it again; n2 never added it.
          assert.equal(holder, 'n1');
          assert.ok(
            seq.every((h) => h === 'n1'),
            `only n1 ever held it: ${seq.join('>')}`,
          );
        }
        assert.ok(r.maxOverlapMs <= MAX_OVERLAP_MS);
      });
    });
  }
});
