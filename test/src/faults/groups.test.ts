/**
 * VIP groups (spec `group`, keepalived's vrrp_sync_group): three VIPs in one group, a dual-stack
 * pair and a second IPv4 address, live on one node and move together. (a) The holder's link is
 * cut: all three move. (b) A tracked check fails on the holder for one member only: all three
 * move. In both, the event-driven address record (every add and removal on every node, to the
 * microsecond) never shows the group split over two nodes, and no member is held by two reachable
 * nodes for longer than the handover overlap. (c) The holder is stopped (SIGTERM): the shutdown's
 * handover takes all three across without a client gap.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { describe, it } from 'node:test';
import type { NodeHost } from '../lab';
import {
  baseSpec,
  clientFollows,
  type FaultCluster,
  logsWith,
  skipUnlessRoot,
  type Spec,
  VIP,
  withFaultCluster,
} from './fault-cluster';
import { groupSplits, MAX_OVERLAP_MS, maxReachableOverlapMs, type MonitorResult, report } from './monitor';
import { TCP_SERVICE_ARGV, tcpServiceCheck } from '../harness/tcp-service';

const V4B = '198.51.100.101';
const V6 = '2001:db8::100';
const MEMBERS = [VIP, V4B, V6];

/** The lead (the lowest name, `web`) and its two followers. */
const lead: Spec = { ...baseSpec, group: 'web-trio' };
const v4b: Spec = { ...baseSpec, name: 'web-v4b', address: `${V4B}/24`, group: 'web-trio' };
const v6: Spec = { ...baseSpec, name: 'web-v6', address: `${V6}/64`, group: 'web-trio' };

const CHECK = tcpServiceCheck(50);

/** The node hosts that have every member now, and those that have any. */
async function whereMembers(c: FaultCluster): Promise<{ all: NodeHost[]; any: NodeHost[] }> {
  const all: NodeHost[] = [];
  const any: NodeHost[] = [];
  for (const h of c.nodes) {
    const have = new Set((await c.lab.addresses(h)).map((a) => a.split('/')[0]));
    const n = MEMBERS.filter((m) => have.has(m)).length;
    if (n === MEMBERS.length) all.push(h);
    if (n > 0) any.push(h);
  }
  return { all, any };
}

/** Waits (bounded) until exactly `host` has all three members and no other node has any. */
async function waitGroupOn(c: FaultCluster, host: NodeHost, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = { all: [] as NodeHost[], any: [] as NodeHost[] };
  while (Date.now() < until) {
    last = await whereMembers(c);
    if (last.all.length === 1 && last.all[0] === host && last.any.length === 1) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail(`the group is not all on ${host}: all three on [${last.all}], some on [${last.any}]`);
}

/** The safety record's verdict on the whole group: never split, overlaps within the bound. */
function assertTogether(r: MonitorResult): number {
  const splits = groupSplits(r.timeline, MEMBERS);
  assert.deepEqual(splits, [], `the group was split: ${JSON.stringify(splits.slice(0, 3))}`);
  let overlap = 0;
  for (const ip of MEMBERS) {
    overlap = Math.max(overlap, maxReachableOverlapMs(r.timeline.intervals(ip), r.cuts, Date.now()));
  }
  assert.ok(overlap <= MAX_OVERLAP_MS, `a member was held by two reachable nodes for ${overlap} ms`);
  for (const ip of MEMBERS) assert.ok(r.timeline.firstHeld('n2', ip) !== undefined, `${ip} reached n2`);
  return overlap;
}

describe('fault suite: VIP groups', { skip: skipUnlessRoot(__filename), concurrency: 1 }, () => {
  it("groups a. the holder's link is cut: all three members move to n2, never split", async () => {
    await withFaultCluster({ spec: lead, moreSpecs: [v4b, v6] }, async (c) => {
      await waitGroupOn(c, 'n1', 5000);
      const cutAt = Date.now();
      await c.monitor.cut('n1');
      await waitGroupOn(c, 'n2', 8000);
      const stats = await clientFollows(c, 'n2');
      const r = await c.monitor.check();
      const overlap = assertTogether(r);
      const moved = MEMBERS.map((ip) => Math.round(r.timeline.firstHeld('n2', ip)! - cutAt));
      report('groups a link cut', stats.outageMs, overlap, `members up on n2 at +${moved.join('/')} ms`);
      // Cut off, n1 fenced itself (every member) before n2 added any.
      const n1Last = Math.max(...MEMBERS.map((ip) => r.timeline.lastHeld('n1', ip)!));
      const n2First = Math.min(...MEMBERS.map((ip) => r.timeline.firstHeld('n2', ip)!));
      assert.ok(n1Last <= n2First, `n1 dropped its last member ${n1Last - n2First} ms after n2 added one`);
      await c.monitor.restore('n1');
    });
  });

  it('groups c. the holder is stopped (SIGTERM): all three are handed over with no client gap, never split', async () => {
    await withFaultCluster({ spec: lead, moreSpecs: [v4b, v6] }, async (c) => {
      await waitGroupOn(c, 'n1', 5000);
      const stoppedAt = Date.now();
      await c.vipd.signal('n1', 'SIGTERM');
      await waitGroupOn(c, 'n2', 5000);
      const stats = await clientFollows(c, 'n2');
      const r = await c.monitor.check();
      const overlap = assertTogether(r);
      const moved = MEMBERS.map((ip) => Math.round(r.timeline.firstHeld('n2', ip)! - stoppedAt));
      report('groups c SIGTERM', stats.outageMs, overlap, `members up on n2 at +${moved.join('/')} ms`);
      // The followers went with their lead's successor (its key), not after a wait of their own.
      const dropped = MEMBERS.map((ip) => r.timeline.lastHeld('n1', ip)!);
      assert.ok(Math.max(...dropped) - Math.min(...dropped) < 50, `n1 dropped them apart: ${dropped}`);
      assert.ok(stats.outageMs < 100, `client outage ${stats.outageMs} ms`);
    });
  });

  it('groups b. a tracked check fails on the holder for one member only: all three move, never split', async () => {
    const services = new Map<NodeHost, ChildProcess>();
    await withFaultCluster(
      {
        spec: lead,
        moreSpecs: [v4b, { ...v6, track: ['svc'] }],
        vipd: { checks: [CHECK] },
        beforeStart: async (lab) => {
          for (const h of ['n1', 'n2'] as const) services.set(h, lab.spawn(h, TCP_SERVICE_ARGV));
        },
      },
      async (c) => {
        await waitGroupOn(c, 'n1', 5000);
        const killedAt = Date.now();
        await c.lab.kill(services.get('n1')!, 'SIGKILL');
        await waitGroupOn(c, 'n2', 5000);
        const stats = await clientFollows(c, 'n2');
        const r = await c.monitor.check();
        const overlap = assertTogether(r);
        const moved = MEMBERS.map((ip) => Math.round(r.timeline.firstHeld('n2', ip)! - killedAt));
        report(
          'groups b check fails on one member',
          stats.outageMs,
          overlap,
          `members up on n2 at +${moved.join('/')} ms`,
        );
        assert.ok(stats.outageMs < 300, `client outage ${stats.outageMs} ms`);
        assert.ok(
          logsWith(c, 'n1', 'VIP down on this node').some((l) => l.vip === 'web-v4b'),
          'n1 logged the untracked member going down with its group',
        );
      },
    );
  });
});
