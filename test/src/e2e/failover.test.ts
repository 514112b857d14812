/**
 * End to end in a namespace lab: two vipd nodes, a real etcd host and a client host on one
 * bridge. Every assertion is about what the client (or the kernel) sees.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { skipUnlessRoot } from '../harness/lab-skip';
import { pollUntil, sleep } from '../harness/proc';
import { type Lab, type NodeHost, waitClientFollows, withLab } from '../lab';
import { VipdCluster } from './vipd-cluster';
import { TCP_SERVICE_ARGV, tcpServiceCheck } from '../harness/tcp-service';

const NODES: NodeHost[] = ['n1', 'n2'];
const VIP4 = '198.51.100.100';
const VIP6 = '2001:db8::100';
const TTL = 3;
const skip = skipUnlessRoot(__filename);

const spec4 = {
  name: 'web',
  address: `${VIP4}/24`,
  interface: 'e0',
  nodes: { n1: { priority: 150 }, n2: { priority: 100 } },
  preempt: true,
};

/** A lab with etcd and vipd on n1 and n2, the VIP up on n1 and answering the client. */
async function withCluster(
  opts: {
    ipv6?: boolean;
    spec?: Record<string, unknown> & { name: string };
    beforeStart?: (lab: Lab) => Promise<void>;
    checks?: unknown[];
    maintenanceFiles?: boolean;
  },
  fn: (c: VipdCluster, lab: Lab) => Promise<void>,
): Promise<void> {
  await withLab({ nodes: 2, etcd: true, ipv6: opts.ipv6 }, async (lab) => {
    const endpoint = await lab.startEtcd();
    const cluster = new VipdCluster(lab, endpoint, {
      ttlSeconds: TTL,
      checks: opts.checks,
      maintenanceFiles: opts.maintenanceFiles,
    });
    try {
      const spec = opts.spec ?? spec4;
      await cluster.putVip(spec);
      await opts.beforeStart?.(lab);
      cluster.start('n1');
      cluster.start('n2');
      await cluster.waitHolder(String(spec.address), NODES, 15_000, 'n1');
      // Every node up and registered before the fault: otherwise a late starter never saw n1.
      await cluster.waitServing(NODES);
      await fn(cluster, lab);
    } catch (err) {
      cluster.printLogTails(NODES);
      throw err;
    } finally {
      await cluster.stopAll();
    }
  });
}

function report(what: string, outageMs: number, extra = ''): void {
  console.log(`# ${what}: client outage ${Math.round(outageMs)} ms${extra ? ` (${extra})` : ''}`);
}

describe('vipd end to end (namespace lab, real etcd, real ARP)', { skip, concurrency: 1 }, () => {
  it('1. the VIP comes up on the highest-priority node; the client reaches it at that MAC', async () => {
    // A VIP address left by an earlier run (our mark, no lifetime) must be cleaned at start.
    const stale = '198.51.100.150/24';
    const addStale = async (lab: Lab): Promise<void> => {
      await lab.exec('n1', ['ip', 'addr', 'add', stale, 'dev', 'e0', 'metric', '30313', 'label', 'e0:vip']);
    };
    await withCluster({ beforeStart: addStale }, async (c, lab) => {
      assert.ok(!(await lab.addresses('n1')).includes(stale), 'the stale VIP address was removed at start');
      assert.ok(c.logs('n1').some((l) => l.msg === 'removed a VIP address left by an earlier run'));
      assert.equal(await c.health('n1'), 'SERVING');
      assert.equal(await c.health('n2'), 'SERVING');
      // An invalid spec beside the good one is logged and skipped; nothing else is disturbed.
      await c.putRaw('broken', '{"name":"broken","address":"198.51.100.0/24","interface":"e0"}');
      const ping = lab.startPing('cli', VIP4);
      await ping.waitForReply(5000);
      await sleep(300);
      const stats = await ping.stop();
      assert.ok(stats.received > 10, `client got ${stats.received} replies`);
      assert.equal(stats.duplicates, 0, 'only one host answers');
      assert.equal(await lab.neighbour('cli', VIP4), await lab.mac('n1'));
      assert.deepEqual(await c.holders(`${VIP4}/24`, NODES), ['n1']);
      await pollUntil(
        async () =>
          c.logs('n1').some((l) => l.msg === 'invalid VIP spec skipped' && l.vip === 'broken')
            ? true
            : undefined,
        { timeoutMs: 3000, what: 'the invalid spec to be logged' },
      );
      // Cold start: n2 (lower priority) never put the VIP up, even briefly, while n1 was registering.
      assert.ok(
        !c.logs('n2').some((l) => l.msg === 'VIP up on this node'),
        'no flap through n2 at cold start',
      );
      const acquired = c.logs('n1').find((l) => l.msg === 'leadership acquired');
      assert.ok(
        acquired && typeof acquired.rev === 'string',
        'the fencing revision is logged with the acquisition',
      );
    });
  });

  it('2. SIGTERM on the holder: the other node takes over within 0.5 s, overlap at most 100 ms', async () => {
    await withCluster({}, async (c, lab) => {
      const sampler = await lab.startSampler(NODES);
      const ping = lab.startPing('cli', VIP4);
      await ping.waitForReply(5000);
      await sleep(200);
      await c.signal('n1', 'SIGTERM');
      await c.waitHolder(`${VIP4}/24`, NODES, 5000, 'n2');
      const stats = await waitClientFollows(lab, ping, VIP4, 'n2');
      const overlap = (await sampler.stop()).timeline.maxOverlapMs(VIP4);
      report('SIGTERM', stats.outageMs, `handover overlap ${Math.round(overlap)} ms`);
      assert.ok(stats.outageMs < 500, `outage ${stats.outageMs} ms`);
      assert.ok(overlap <= 100, `two hosts held the VIP for ${overlap} ms`);
      assert.equal(stats.duplicates, 0, 'the client never got two answers to one ping');
    });
  });

  it("3. the holder's link is cut: the other node takes over", async () => {
    await withCluster({}, async (c, lab) => {
      const ping = lab.startPing('cli', VIP4);
      await ping.waitForReply(5000);
      await sleep(200);
      await lab.cutLink('n1');
      await pollUntil(async () => ((await c.holders(`${VIP4}/24`, ['n2'])).length ? true : undefined), {
        timeoutMs: (TTL + 3) * 1000,
        intervalMs: 20,
        what: 'n2 to take the VIP',
      });
      const stats = await waitClientFollows(lab, ping, VIP4, 'n2');
      report('link cut', stats.outageMs);
      // Heartbeats notice the silence; the takeover beats the lease TTL (docs/fast-takeover.md).
      assert.ok(stats.outageMs < 1000, `outage ${stats.outageMs} ms`);
      // Cut off from etcd, n1 fenced itself: its VIP is gone even though nobody told it.
      await pollUntil(async () => ((await c.holders(`${VIP4}/24`, ['n1'])).length ? undefined : true), {
        timeoutMs: TTL * 1000,
        what: 'n1 to drop the VIP',
      });
      await lab.restoreLink('n1');
      // n1 comes back with a new lease and, having the higher priority, takes the VIP back once.
      await c.waitHolder(`${VIP4}/24`, NODES, 15_000, 'n1');
    });
  });

  it('4. SIGKILL on the holder daemon: the other node takes over; the dead node loses the VIP within the TTL', async () => {
    await withCluster({}, async (c, lab) => {
      const ping = lab.startPing('cli', VIP4);
      await ping.waitForReply(5000);
      await sleep(200);
      const killedAt = Date.now();
      await c.signal('n1', 'SIGKILL');
      const goneAt = await pollUntil(
        async () => ((await c.holders(`${VIP4}/24`, ['n1'])).length ? undefined : Date.now()),
        { timeoutMs: TTL * 1000 + 1000, intervalMs: 20, what: "the kernel to expire the dead daemon's VIP" },
      );
      await c.waitHolder(`${VIP4}/24`, NODES, (TTL + 3) * 1000, 'n2');
      const stats = await waitClientFollows(lab, ping, VIP4, 'n2');
      const staleMs = goneAt - killedAt;
      report('SIGKILL', stats.outageMs, `stale VIP on the killed node for ${staleMs} ms`);
      // The dead-man's switch removes it at once; the kernel lifetime (≤ TTL) would be the fallback.
      assert.ok(staleMs < 500, `the killed node kept the VIP ${staleMs} ms`);
      assert.ok(stats.outageMs < 1000, `outage ${stats.outageMs} ms`);
    });
  });

  it('5. the holder loses etcd only: it drops the VIP before its lease expires (even under the default onEtcdLoss: failsafe); the other node takes over', async () => {
    await withCluster({}, async (c, lab) => {
      const sampler = await lab.startSampler(NODES);
      const watched = c.watchHealth('n1', 6000);
      const ping = lab.startPing('cli', VIP4);
      await ping.waitForReply(5000);
      const blockedAt = Date.now();
      await lab.blockEtcd('n1');
      await c.waitHolder(`${VIP4}/24`, NODES, (TTL + 3) * 1000, 'n2');
      const stats = await waitClientFollows(lab, ping, VIP4, 'n2');
      const { timeline, discrepancies } = await sampler.stop();
      assert.deepEqual(discrepancies, []);
      const n1Dropped = timeline.lastHeld('n1', VIP4);
      const n2Took = timeline.firstHeld('n2', VIP4);
      assert.ok(n1Dropped !== undefined && n2Took !== undefined);
      report(
        'etcd lost by holder',
        stats.outageMs,
        `n1 dropped ${n1Dropped - blockedAt} ms after the block, n2 added ${n2Took - n1Dropped} ms later`,
      );
      assert.ok(n1Dropped < n2Took, 'the fenced holder let go before anyone else added the VIP');
      // Its lease cannot expire in etcd before its last confirmed renewal t0 + TTL. The first
      // failed renewal logs the time left to its deadline t0 + TTL − fenceMargin (TTL/4).
      const failed = c
        .logs('n1')
        .find((l) => l.msg === 'lease renewal failed' && Date.parse(String(l.time)) >= blockedAt);
      assert.ok(failed && typeof failed.fenceInMs === 'number', 'n1 logged its failed renewal');
      const expiresAt = Date.parse(String(failed.time)) + failed.fenceInMs + (TTL * 1000) / 4;
      assert.ok(
        n1Dropped < expiresAt,
        `dropped ${Math.round(n1Dropped - expiresAt)} ms after its lease could expire in etcd`,
      );
      assert.ok(n1Dropped - blockedAt < TTL * 1000 + 100, 'and within its lease TTL of the block');
      assert.equal(timeline.maxOverlapMs(VIP4), 0);
      assert.ok(
        c.logs('n1').some((l) => l.msg === 'VIP down on this node' && String(l.reason).startsWith('fenced')),
      );
      // Health follows: the fenced node is NOT_SERVING, the new holder SERVING.
      assert.equal(await c.health('n1'), 'NOT_SERVING');
      assert.equal(await c.health('n2'), 'SERVING');
      // A grpc.health.v1 Watch stream opened before the fault saw the same change.
      assert.deepEqual(await watched, ['SERVING', 'NOT_SERVING']);
    });
  });

  it('7. pin (planned move) and drain through etcd: the VIP moves without a client gap', async () => {
    await withCluster({}, async (c, lab) => {
      const sampler = await lab.startSampler(NODES);
      const ping = lab.startPing('cli', VIP4);
      await ping.waitForReply(5000);
      await sleep(200);
      // vip move web --to n2 writes this pin; n2 outranks n1 while pinned, preempt or not.
      await c.etcdctl(['put', `/vipd/lab/pins/web`, '{"node":"n2","at":"2026-01-01T00:00:00Z","by":"test"}']);
      await c.waitHolder(`${VIP4}/24`, NODES, 5000, 'n2');
      const moved = await waitClientFollows(lab, ping, VIP4, 'n2');
      report('pin to n2', moved.outageMs);
      assert.ok(moved.outageMs < 50, `planned move outage ${moved.outageMs} ms`);
      await sleep(1500);
      assert.deepEqual(
        await c.holders(`${VIP4}/24`, NODES),
        ['n2'],
        'the pin keeps it on n2 despite n1 priority',
      );

      // node drain n2: it gives the VIP up; n1 takes it, also without a gap.
      const ping2 = lab.startPing('cli', VIP4);
      await ping2.waitForReply(5000);
      await c.etcdctl(['put', `/vipd/lab/drain/n2`, '{"at":"2026-01-01T00:00:00Z","by":"test"}']);
      await c.waitHolder(`${VIP4}/24`, NODES, 5000, 'n1');
      const drained = await waitClientFollows(lab, ping2, VIP4, 'n1');
      report('drain n2', drained.outageMs);
      assert.ok(drained.outageMs < 50, `drain outage ${drained.outageMs} ms`);
      const overlap = (await sampler.stop()).timeline.maxOverlapMs(VIP4);
      assert.ok(overlap <= 100, `two hosts held the VIP for ${overlap} ms`);
      assert.ok(c.logs('n2').some((l) => l.msg === 'node drained: giving up every VIP'));
    });
  });

  it('8. a tracked check fails on the holder: it hands the VIP over at once', async () => {
    const servers = new Map<NodeHost, ChildProcess>();
    const check = tcpServiceCheck(100);
    await withCluster(
      {
        spec: { ...spec4, track: ['svc'] },
        checks: [check],
        beforeStart: async (lab) => {
          for (const h of NODES) servers.set(h, lab.spawn(h, TCP_SERVICE_ARGV));
        },
      },
      async (c, lab) => {
        const ping = lab.startPing('cli', VIP4);
        await ping.waitForReply(5000);
        await sleep(200);
        const killedAt = Date.now();
        await lab.kill(servers.get('n1')!, 'SIGKILL');
        await c.waitHolder(`${VIP4}/24`, NODES, 3000, 'n2');
        const handoverMs = Date.now() - killedAt;
        const stats = await waitClientFollows(lab, ping, VIP4, 'n2');
        report('tracked check failed', stats.outageMs, `VIP on n2 ${handoverMs} ms after the service died`);
        // fall 2 × interval 100 ms to notice, then the handover itself.
        assert.ok(handoverMs < 300 + 100, `handover took ${handoverMs} ms`);
        assert.ok(stats.outageMs < 50, `outage ${stats.outageMs} ms`);
        assert.ok(
          c
            .logs('n1')
            .some((l) => l.msg === 'VIP down on this node' && String(l.reason).includes('eligible')),
        );
      },
    );
  });

  it('9. three nodes, holder killed: the VIP goes straight to the next best node, never via the worst', async () => {
    const three: NodeHost[] = ['n1', 'n2', 'n3'];
    await withLab({ nodes: 3, etcd: true }, async (lab) => {
      const c = new VipdCluster(lab, await lab.startEtcd(), { ttlSeconds: TTL });
      try {
        await c.putVip({
          ...spec4,
          nodes: { n1: { priority: 150 }, n2: { priority: 120 }, n3: { priority: 100 } },
        });
        for (const h of three) c.start(h);
        await c.waitHolder(`${VIP4}/24`, three, 15_000, 'n1');
        await c.waitServing(three);
        const sampler = await lab.startSampler(three);
        const ping = lab.startPing('cli', VIP4);
        await ping.waitForReply(5000);
        await c.signal('n1', 'SIGKILL');
        await c.waitHolder(`${VIP4}/24`, ['n2', 'n3'], 5000, 'n2');
        const stats = await waitClientFollows(lab, ping, VIP4, 'n2');
        await sleep(1000);
        const { timeline } = await sampler.stop();
        report('3 nodes, SIGKILL', stats.outageMs);
        assert.equal(timeline.firstHeld('n3', VIP4), undefined, 'n3 never held the VIP');
        // And it never even tried: rank 2 waits 2 × acquireStep after the takeover wait W.
        const n3Tried = c
          .logs('n3')
          .filter((l) => (l.decision as { kind?: string } | undefined)?.kind === 'acquire');
        assert.deepEqual(n3Tried, [], 'n3 did not race n2 for the VIP');
        assert.deepEqual(await c.holders(`${VIP4}/24`, ['n2', 'n3']), ['n2']);
        assert.ok(stats.outageMs < 1000, `outage ${stats.outageMs} ms`);
      } finally {
        await c.stopAll();
      }
    });
  });

  it('10. the maintenance file: while it exists the node holds nothing; removing it makes it eligible again', async () => {
    await withCluster({ maintenanceFiles: true }, async (c, lab) => {
      const ping = lab.startPing('cli', VIP4);
      await ping.waitForReply(5000);
      writeFileSync(c.maintenanceFile('n1'), '');
      await c.waitHolder(`${VIP4}/24`, NODES, 5000, 'n2');
      const stats = await waitClientFollows(lab, ping, VIP4, 'n2');
      report('maintenance file on n1', stats.outageMs);
      assert.ok(stats.outageMs < 50, `outage ${stats.outageMs} ms`);
      assert.ok(c.logs('n1').some((l) => l.msg === 'maintenance file present'));
      rmSync(c.maintenanceFile('n1'));
      // Eligible again, and with the higher priority it takes the VIP back (preempt).
      await c.waitHolder(`${VIP4}/24`, NODES, 5000, 'n1');
    });
  });

  it("6. an IPv6 VIP moves likewise, and the client's neighbour entry follows", async () => {
    const spec6 = { ...spec4, name: 'web6', address: `${VIP6}/64` };
    await withCluster({ ipv6: true, spec: spec6 }, async (c, lab) => {
      const ping = lab.startPing('cli', VIP6);
      await ping.waitForReply(5000);
      await sleep(200);
      assert.equal(await lab.neighbour('cli', VIP6), await lab.mac('n1'));
      await c.signal('n1', 'SIGTERM');
      await c.waitHolder(`${VIP6}/64`, NODES, 5000, 'n2');
      const stats = await waitClientFollows(lab, ping, VIP6, 'n2');
      report('IPv6 SIGTERM', stats.outageMs);
      assert.ok(stats.outageMs < 500, `outage ${stats.outageMs} ms`);
    });
  });
});
