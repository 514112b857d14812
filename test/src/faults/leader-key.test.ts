/**
 * Fault 10: the leader key is deleted or overwritten behind the holder's back (an operator or
 * a buggy tool). The holder lets go within one heartbeat interval (100 ms) plus watch latency
 * (asserted < 300 ms), and shortly after exactly one node holds the VIP again.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pollUntil, sleep } from '../harness/proc';
import { CLUSTER } from '../e2e/vipd-cluster';
import { clientFollows, skipUnlessRoot, VIP, VIP_CIDR, withFaultCluster } from './fault-cluster';
import { holderSequence, MAX_OVERLAP_MS, report } from './monitor';

const KEY = `/vipd/${CLUSTER}/leaders/web`;
const LET_GO_MS = 300;

const tampering: { name: string; args: string[] }[] = [
  { name: '10 leader key deleted', args: ['del', KEY] },
  { name: '10 leader key overwritten', args: ['put', KEY, '{"node":"n2"}'] },
];

describe(
  'fault suite: leader key tampered with',
  { skip: skipUnlessRoot(__filename), concurrency: 1 },
  () => {
    for (const t of tampering) {
      it(`${t.name}: the holder lets go < ${LET_GO_MS} ms, then exactly one node holds the VIP`, async () => {
        await withFaultCluster({}, async (c) => {
          const before = Date.now();
          await c.vipd.etcdctl(t.args);
          const after = Date.now();
          // The holder's address goes (it no longer holds the lock it added the address under).
          const droppedAt = await pollUntil(
            async () => {
              const i = c.monitor.timeline.intervals(VIP, 'n1')[0];
              return i?.end;
            },
            { timeoutMs: 3000, intervalMs: 10, what: 'n1 to let go of the VIP' },
          ).catch(() => undefined);
          await sleep(1000);
          const holder = await c.vipd.waitHolder(VIP_CIDR, c.nodes, 5000);
          await sleep(1000);
          assert.deepEqual(await c.vipd.holders(VIP_CIDR, c.nodes), [holder], 'still exactly one holder');
          const stats = await clientFollows(c, holder, 200);
          const r = await c.monitor.check();
          const again = r.timeline
            .intervals(VIP)
            .filter((i) => droppedAt !== undefined && i.start >= droppedAt)
            .sort((a, b) => a.start - b.start)[0];
          const seq = holderSequence(r.timeline.intervals(VIP));
          report(
            t.name,
            stats.outageMs,
            r.maxOverlapMs,
            `etcdctl took ${after - before} ms; n1 let go ${droppedAt === undefined ? 'never' : `${Math.round(droppedAt - before)} ms`} after it started; ` +
              `held again by ${again?.host ?? 'nobody'} ${again ? `${Math.round(again.start - before)} ms` : ''}; holders ${seq.join('>')}`,
          );
          if (droppedAt === undefined || droppedAt - before >= LET_GO_MS) c.dump(before);
          assert.ok(droppedAt !== undefined, 'the holder let go of the VIP');
          assert.ok(droppedAt - before < LET_GO_MS, `the holder let go after ${droppedAt - before} ms`);
          assert.ok(again !== undefined, 'the VIP is held again');
          assert.ok(r.maxOverlapMs <= MAX_OVERLAP_MS);
          assert.equal(stats.duplicates, 0);
        });
      });
    }
  },
);
