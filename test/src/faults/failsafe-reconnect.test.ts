/**
 * Fault 15: failsafe reconnect. `onEtcdLoss: failsafe`, two nodes, both cut from etcd
 * (nftables in their own namespaces) for longer than the lease TTL while they still hear each
 * other: n1 keeps the VIP (n2 confirms over heartbeats that it cannot take it), and etcd expires
 * both leases, so the leader key is gone. Then one node reaches etcd again before the other:
 *
 * a. the non-holder n2 first: the first node back finds the VIP vacant in etcd while n1 still
 *    answers for it. n2 must add it only after n1 removed it (docs/fast-takeover.md: a heard
 *    peer without etcd that keeps a VIP under failsafe stops everyone else from adding it; the
 *    failsafe holder lets it go once a peer reaches etcd). Never two holders; the client's
 *    outage is reported.
 * b. the holder n1 first: it keeps the VIP and nothing moves, then or when n2 is back.
 *
 * preempt is turned off before the fault, so that n1's return in (a) moves nothing either.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pollUntil, sleep } from '../harness/proc';
import { CLUSTER } from '../e2e/vipd-cluster';
import {
  baseSpec,
  clientFollows,
  clientGaps,
  describeGaps,
  type FaultCluster,
  logsWith,
  skipUnlessRoot,
  TTL,
  VIP,
  VIP_CIDR,
  withFaultCluster,
} from './fault-cluster';
import { holderSequence, MAX_OVERLAP_MS, report } from './monitor';

/** Both nodes without etcd: well past the TTL (etcd expires both leases). */
const OUTAGE_MS = TTL * 1000 + 2500;
/** After a node is back: time enough to re-register, to hand over, to settle. */
const SETTLE_MS = 3000;

/** preempt on for the start (n1 ends up the holder even when n2 started first), off for the fault. */
const spec = { ...baseSpec, onEtcdLoss: 'failsafe' };

/** Cuts both nodes from etcd past the TTL; returns when that was, after checking its effect. */
async function bothCutPastTtl(c: FaultCluster): Promise<{ cutAt: number; heldDuring: string[] }> {
  await c.vipd.putVip({ ...spec, preempt: false });
  await pollUntil(
    async () => (c.nodes.every((h) => logsWith(c, h, 'VIP spec updated').length > 0) ? true : undefined),
    { timeoutMs: 3000, intervalMs: 20, what: 'the spec without preempt to reach both nodes' },
  );
  const cutAt = Date.now();
  await c.lab.blockEtcd('n1');
  await c.lab.blockEtcd('n2');
  await sleep(OUTAGE_MS);
  const heldDuring = await c.vipd.holders(VIP_CIDR, c.nodes);
  // The fault took effect: etcd expired both leases, the leader key went with n1's.
  const leader = await c.vipd.etcdctl(['get', `/vipd/${CLUSTER}/leaders/web`]);
  assert.equal(leader.trim(), '', 'etcd expired the leader key while both nodes were cut off');
  return { cutAt, heldDuring };
}

describe('fault suite: failsafe reconnect', { skip: skipUnlessRoot(__filename), concurrency: 1 }, () => {
  it('15a. both nodes cut from etcd past the TTL, the non-holder back first: it adds the VIP only after the holder removed it', async () => {
    await withFaultCluster({ spec }, async (c) => {
      const { cutAt, heldDuring } = await bothCutPastTtl(c);
      const backAt = Date.now();
      await c.lab.unblockEtcd('n2');
      await c.vipd.waitHolder(VIP_CIDR, c.nodes, 10_000, 'n2');
      await sleep(1000);
      const heldAfterN2 = await c.vipd.holders(VIP_CIDR, c.nodes);
      // n1 back too: nothing moves (preempt off).
      await c.lab.unblockEtcd('n1');
      await sleep(SETTLE_MS);
      const heldAtEnd = await c.vipd.holders(VIP_CIDR, c.nodes);
      const stats = await clientFollows(c, 'n2');
      const r = await c.monitor.stop();
      const n1Dropped = r.timeline.lastHeld('n1', VIP)!;
      const n2Added = r.timeline.firstHeld('n2', VIP)!;
      const seq = holderSequence(r.timeline.intervals(VIP));
      report(
        '15a failsafe reconnect, non-holder first',
        stats.outageMs,
        r.maxOverlapMs,
        `n1 dropped ${Math.round(n1Dropped - backAt)} ms after n2 reached etcd again (${backAt - cutAt} ms after the cut), ` +
          `n2 added ${Math.round(n2Added - n1Dropped)} ms after that; holders ${seq.join('>')}; client gaps ${describeGaps(c, cutAt)}`,
      );
      if (seq.join() !== 'n1,n2') c.dump(cutAt);
      assert.deepEqual(heldDuring, ['n1'], 'n1 kept the VIP while neither node reached etcd (failsafe)');
      assert.ok(n1Dropped <= n2Added, `n2 added the VIP ${n1Dropped - n2Added} ms before n1 removed it`);
      assert.equal(r.maxOverlapMs, 0, 'never two holders (n1 stays reachable by the client)');
      assert.equal(stats.duplicates, 0, 'the client never got two answers to one ping');
      assert.deepEqual(seq, ['n1', 'n2'], 'the VIP moved once, to n2');
      assert.deepEqual(heldAfterN2, ['n2']);
      assert.deepEqual(heldAtEnd, ['n2'], "n1's return moved nothing");
      assert.ok(
        logsWith(c, 'n1', 'VIP down on this node').some((l) => Date.parse(String(l.time)) >= backAt),
        'n1 logged dropping the VIP',
      );
      assert.ok(r.maxOverlapMs <= MAX_OVERLAP_MS);
      assert.ok(stats.outageMs < 2000, `client outage ${stats.outageMs} ms`);
    });
  });

  it('15b. both nodes cut from etcd past the TTL, the holder back first: it keeps the VIP, nothing moves', async () => {
    await withFaultCluster({ spec }, async (c) => {
      const { cutAt, heldDuring } = await bothCutPastTtl(c);
      const backAt = Date.now();
      await c.lab.unblockEtcd('n1');
      // n1 holds the leader key again, under its new lease.
      await pollUntil(
        async () => {
          const out = await c.vipd.etcdctl(['get', `/vipd/${CLUSTER}/leaders/web`, '--print-value-only']);
          return out.includes('"n1"') ? true : undefined;
        },
        { timeoutMs: 10_000, intervalMs: 100, what: 'n1 to hold the leader key again' },
      );
      const keyAgainMs = Date.now() - backAt;
      await sleep(SETTLE_MS);
      const heldAfterN1 = await c.vipd.holders(VIP_CIDR, c.nodes);
      await c.lab.unblockEtcd('n2');
      await sleep(SETTLE_MS);
      const heldAtEnd = await c.vipd.holders(VIP_CIDR, c.nodes);
      const stats = await clientFollows(c, 'n1');
      const r = await c.monitor.check();
      const seq = holderSequence(r.timeline.intervals(VIP));
      report(
        '15b failsafe reconnect, holder first',
        stats.outageMs,
        r.maxOverlapMs,
        `n1 held the leader key again ${keyAgainMs} ms after it reached etcd; ${r.timeline.intervals(VIP, 'n1').length} holding intervals on n1; client gaps ${describeGaps(c, cutAt)}`,
      );
      if (seq.join() !== 'n1' || r.timeline.intervals(VIP).length !== 1) c.dump(cutAt);
      assert.deepEqual(heldDuring, ['n1'], 'n1 kept the VIP while neither node reached etcd (failsafe)');
      assert.deepEqual(heldAfterN1, ['n1']);
      assert.deepEqual(heldAtEnd, ['n1']);
      assert.equal(r.timeline.intervals(VIP).length, 1, 'the VIP never left n1, not even for a moment');
      assert.equal(clientGaps(c).length, 0, `no client outage: ${describeGaps(c, cutAt)}`);
      assert.equal(stats.duplicates, 0);
    });
  });
});
