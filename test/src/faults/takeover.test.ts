/**
 * Faults 1, 2, 4 and 9: a silent holder taken over through heartbeats (docs/fast-takeover.md),
 * and a foreign host answering for the VIP. Every scenario runs under the SafetyMonitor.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pollUntil, sleep } from '../harness/proc';
import { clientFollows, logsWith, skipUnlessRoot, VIP, VIP_CIDR, withFaultCluster } from './fault-cluster';
import { holderSequence, MAX_OVERLAP_MS, report } from './monitor';

const fastProfile = { extraYaml: ['takeover:', '  profile: fast'] };

describe('fault suite: silent holders', { skip: skipUnlessRoot(__filename), concurrency: 1 }, () => {
  for (const [profile, bound] of [
    ['default', 1000],
    ['fast', 300],
  ] as const) {
    it(`1. holder's link cut (${profile} profile): outage below ${bound} ms`, async () => {
      await withFaultCluster({ vipd: profile === 'fast' ? fastProfile : {} }, async (c) => {
        await c.monitor.cut('n1');
        await c.vipd.waitHolder(VIP_CIDR, ['n2'], 5000, 'n2');
        const stats = await clientFollows(c, 'n2');
        const r = await c.monitor.check();
        report(`1 link cut, ${profile} profile`, stats.outageMs, r.maxOverlapMs);
        assert.ok(stats.outageMs < bound, `outage ${stats.outageMs} ms`);
        // Cut off from etcd and peers, n1 fenced itself before n2 added the VIP.
        const n1Dropped = r.timeline.lastHeld('n1', VIP);
        const n2Added = r.timeline.firstHeld('n2', VIP);
        assert.ok(
          n1Dropped !== undefined && n2Added !== undefined && n1Dropped <= n2Added,
          'n1 fenced first',
        );
        await c.monitor.restore('n1');
      });
    });
  }

  it('2. holder cut from etcd and its peers but still reachable by the client: it fences first', async () => {
    await withFaultCluster({}, async (c) => {
      const blockedAt = Date.now();
      await c.lab.blockHosts('n1', ['n2', 'etcd']);
      await c.vipd.waitHolder(VIP_CIDR, c.nodes, 5000, 'n2');
      const stats = await clientFollows(c, 'n2');
      const r = await c.monitor.check();
      const n1Dropped = r.timeline.lastHeld('n1', VIP)!;
      const n2Added = r.timeline.firstHeld('n2', VIP)!;
      report(
        '2 holder cut from etcd and peers',
        stats.outageMs,
        r.maxOverlapMs,
        `n1 fenced ${n1Dropped - blockedAt} ms after the cut, n2 added ${n2Added - n1Dropped} ms later`,
      );
      // n1 still reaches the client, so any overlap would count: there must be none.
      assert.ok(n1Dropped <= n2Added, 'n1 dropped the VIP before n2 added it');
      assert.equal(r.maxOverlapMs, 0);
      assert.equal(stats.duplicates, 0);
      assert.ok(stats.outageMs < 1000, `outage ${stats.outageMs} ms`);
      await c.lab.unblockHosts('n1');
    });
  });

  it('4. holder frozen (SIGSTOP) past the takeover, then resumed: no re-announce, no second holder', async () => {
    // preempt off: after it resumes and re-registers, n1 may not take the VIP back legitimately.
    const spec = {
      name: 'web',
      address: VIP_CIDR,
      interface: 'e0',
      nodes: { n1: { priority: 150 }, n2: { priority: 100 } },
      preempt: false,
    };
    await withFaultCluster({ spec }, async (c) => {
      const proc = c.vipd.procs.get('n1')!;
      const stoppedAt = Date.now();
      process.kill(proc.pid!, 'SIGSTOP');
      try {
        await c.vipd.waitHolder(VIP_CIDR, c.nodes, 5000, 'n2');
        await sleep(1500);
      } finally {
        process.kill(proc.pid!, 'SIGCONT');
      }
      const resumedAt = Date.now();
      await sleep(3000);
      const stats = await clientFollows(c, 'n2');
      const r = await c.monitor.check();
      const n1Dropped = r.timeline.lastHeld('n1', VIP)!;
      report(
        '4 holder frozen then resumed',
        stats.outageMs,
        r.maxOverlapMs,
        `the kernel agent removed n1's VIP ${n1Dropped - stoppedAt} ms after SIGSTOP`,
      );
      assert.ok(n1Dropped < resumedAt, "the frozen holder's VIP was removed while it was frozen");
      assert.deepEqual(holderSequence(r.timeline.intervals(VIP)), ['n1', 'n2'], 'n1 never held it again');
      const afterResume = c.vipd
        .logs('n1')
        .filter(
          (l) =>
            (l.msg === 'announcement sent' || l.msg === 'VIP up on this node') &&
            Date.parse(String(l.time)) > resumedAt,
        );
      assert.deepEqual(afterResume, [], 'no announcement or VIP after the resume');
      assert.ok(r.maxOverlapMs <= MAX_OVERLAP_MS);
    });
  });

  it('9. a foreign host answers for the VIP: the holder reports the conflict within the probe interval', async () => {
    const spec = {
      name: 'web',
      address: VIP_CIDR,
      interface: 'e0',
      nodes: { n1: { priority: 150 }, n2: { priority: 100 } },
      announce: { probeMs: 1000 },
    };
    await withFaultCluster({ spec }, async (c) => {
      // The etcd host is no vipd node: it plays a misconfigured server that claims the VIP.
      const addedAt = Date.now();
      await c.lab.exec('etcd', ['ip', 'addr', 'add', VIP_CIDR, 'dev', 'e0']);
      try {
        const foreignMac = await c.lab.mac('etcd');
        const line = await pollUntil(
          async () =>
            logsWith(c, 'n1', 'duplicate owner: another host answers for this VIP').find(
              (l) => Date.parse(String(l.time)) >= addedAt,
            ),
          { timeoutMs: 3000, intervalMs: 50, what: 'the duplicate owner to be reported' },
        );
        const reportedMs = Date.parse(String(line.time)) - addedAt;
        const stats = c.ping.stats();
        report(
          '9 foreign host answering',
          stats.outageMs,
          0,
          `reported ${reportedMs} ms after it appeared, probe every 1000 ms`,
        );
        assert.deepEqual(line.macs, [foreignMac]);
        assert.ok(reportedMs <= 1000 + 500, `reported ${reportedMs} ms after the foreign host appeared`);
      } finally {
        await c.lab.exec('etcd', ['ip', 'addr', 'del', VIP_CIDR, 'dev', 'e0']);
      }
      await c.ping.stop();
      await c.monitor.stop();
    });
  });
});
