/**
 * Fault 6: etcd as a 3-member cluster in the lab (hosts etcd, etcd2, etcd3). Killing the raft
 * leader moves no VIP and loses none. Killing a second member (quorum lost): with the default
 * `onEtcdLoss: failsafe` the holder keeps its VIP (both nodes hear each other and neither
 * reaches etcd), with `fence` it drops it at its lease deadline (ttl − fenceMargin after its
 * last renewal, 2.25 s with TTL 3); in neither case does another node add it. Restarting the
 * killed members (same data directories) brings the VIP back on exactly one node, n1: nothing
 * moves.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pollUntil, sleep } from '../harness/proc';
import type { EtcdHost } from '../lab';
import {
  baseSpec,
  clientFollows,
  logsWith,
  skipUnlessRoot,
  TTL,
  VIP,
  VIP_CIDR,
  withFaultCluster,
} from './fault-cluster';
import { holderSequence, MAX_OVERLAP_MS, report } from './monitor';

const STEADY_MS = 8000;
const FENCE_MARGIN_MS = (TTL * 1000) / 4;
const DEADLINE_MS = TTL * 1000 - FENCE_MARGIN_MS; // 2250
/** The address lifetime is whole seconds: floor(2250 ms) = 2 s, up to 250 ms before the deadline. */
const LIFETIME_FLOOR_MS = DEADLINE_MS % 1000;
/** Timer and scheduling slack on a loaded 2-core machine. */
const SLACK_MS = 250;

describe('fault suite: etcd cluster', { skip: skipUnlessRoot(__filename), concurrency: 1 }, () => {
  for (const policy of ['default (failsafe)', 'fence'] as const) {
    const fence = policy === 'fence';
    it(`6. etcd leader killed: nothing moves; quorum lost, onEtcdLoss ${policy}: ${
      fence ? 'the holder fences at its deadline' : 'the holder keeps the VIP'
    }, nobody adds; quorum back: one holder`, async () => {
      const spec = fence ? { ...baseSpec, onEtcdLoss: 'fence' } : baseSpec;
      await withFaultCluster({ etcdMembers: 3, spec }, async (c) => {
        const etcd = c.etcd!;
        const t0 = Date.now();
        const leader = await pollUntil(() => etcd.leader(), { timeoutMs: 5000, what: 'an etcd leader' });
        await etcd.kill(leader);
        const leaderKilledAt = Date.now();
        await sleep(STEADY_MS);
        const newLeader = await pollUntil(() => etcd.leader(), {
          timeoutMs: 5000,
          what: 'a new etcd leader',
        });
        const steady = c.ping.stats();
        const steadyEnd = Date.now();
        // How close each node came to fencing while one member was down (vipd logs time left).
        const closest = c.nodes.map((h) => {
          const left = logsWith(c, h, 'lease renewal failed')
            .filter((l) => {
              const at = Date.parse(String(l.time));
              return at >= leaderKilledAt && at <= steadyEnd;
            })
            .map((l) => Number(l.fenceInMs));
          return `${h}: ${left.length} failed renewals${left.length ? `, closest ${Math.min(...left)} ms from fencing` : ''}`;
        });
        const steadyHolders = await c.vipd.holders(VIP_CIDR, c.nodes);
        const movedDuringSteady = c.monitor.timeline
          .intervals(VIP)
          .filter((i) => i.host !== 'n1' || (i.end !== undefined && i.end > leaderKilledAt));

        // Quorum lost: kill one of the two remaining members.
        const second = newLeader;
        const remaining = (['etcd', 'etcd2', 'etcd3'] as EtcdHost[]).filter(
          (h) => h !== leader && h !== second,
        );
        const quorumLostAt = Date.now();
        await etcd.kill(second);
        // The end of n1's holding that was open when quorum went (not an earlier blink).
        const droppedAt = await pollUntil(
          async () =>
            c.monitor.timeline
              .intervals(VIP, 'n1')
              .find((i) => i.start <= quorumLostAt && i.end !== undefined && i.end >= quorumLostAt)?.end,
          {
            timeoutMs: fence ? TTL * 1000 + 2000 : TTL * 1000 + 1500,
            intervalMs: 10,
            what: 'n1 to drop the VIP after quorum loss',
          },
        ).catch(() => undefined);
        await sleep(Math.max(0, quorumLostAt + TTL * 1000 + 1500 - Date.now()));
        const heldDuringLoss = await c.vipd.holders(VIP_CIDR, c.nodes);
        const addedDuringLoss = c.monitor.timeline.intervals(VIP).filter((i) => i.start > quorumLostAt);
        // The deadline n1 itself computed: its first failed renewal logs the time left.
        const failed = logsWith(c, 'n1', 'lease renewal failed').find(
          (l) => Date.parse(String(l.time)) >= quorumLostAt,
        );
        const impliedDeadline =
          failed && typeof failed.fenceInMs === 'number'
            ? Date.parse(String(failed.time)) + failed.fenceInMs
            : undefined;

        // Quorum back: the killed members restart on their data directories.
        const restartAt = Date.now();
        etcd.restart(leader);
        etcd.restart(second);
        for (const h of [leader, second]) await etcd.waitHealthy(h);
        const holder = await c.vipd.waitHolder(VIP_CIDR, c.nodes, 15_000);
        const backAt = Date.now();
        await sleep(1000);
        assert.deepEqual(
          await c.vipd.holders(VIP_CIDR, c.nodes),
          [holder],
          'exactly one holder after quorum is back',
        );
        const stats = await clientFollows(c, holder, 300);
        const r = await c.monitor.check();
        const seq = holderSequence(r.timeline.intervals(VIP));

        report(
          '6 etcd leader killed',
          steady.outageMs,
          r.maxOverlapMs,
          `killed ${leader}, new leader ${newLeader}, holders after ${STEADY_MS} ms: ${steadyHolders.join(',')}; ${closest.join('; ')}`,
        );
        const dropMs = droppedAt === undefined ? undefined : droppedAt - quorumLostAt;
        report(
          `6 etcd quorum lost, ${policy}`,
          stats.outageMs,
          r.maxOverlapMs,
          `killed ${second} (${remaining.join(',')} left); n1 dropped the VIP ${dropMs === undefined ? 'never' : `${Math.round(dropMs)} ms`} after quorum loss` +
            (impliedDeadline !== undefined && droppedAt !== undefined
              ? `, ${Math.round(droppedAt - impliedDeadline)} ms from its own deadline (${
                  logsWith(c, 'n1', 'VIP down on this node').find((l) =>
                    String(l.reason).startsWith('fenced'),
                  )?.present === false
                    ? 'the kernel lifetime removed it first'
                    : 'removed by the fence'
                })`
              : '') +
            `; quorum back ${Math.round(backAt - restartAt)} ms after the restart, VIP on ${holder}; holders ${seq.join('>')}`,
        );
        if (movedDuringSteady.length > 0 || (dropMs === undefined) === fence || addedDuringLoss.length > 0) {
          c.dump(t0);
        }

        // Leader killed: no VIP moves, none is lost, with the default settings. With fence, an
        // election slower than T − m − r (1.5 s) drops the VIP by design (docs/etcd.md); on this
        // 2-core lab one sometimes is, so that part is asserted for the default only.
        assert.notEqual(newLeader, leader);
        if (!fence) {
          assert.deepEqual(steadyHolders, ['n1'], 'n1 still holds the VIP');
          assert.deepEqual(
            movedDuringSteady,
            [],
            'the VIP did not move or blink while etcd elected a new leader',
          );
          assert.equal(
            steady.outageMs,
            0,
            `the client lost pings while etcd changed leader (${steady.outageMs} ms)`,
          );
        }
        assert.deepEqual(addedDuringLoss, [], 'no node added the VIP while etcd had no quorum');
        assert.ok(r.maxOverlapMs <= MAX_OVERLAP_MS);
        if (!fence) {
          // Failsafe: both nodes hear each other and neither reaches etcd, so n1 keeps the VIP.
          assert.equal(dropMs, undefined, `n1 dropped the VIP ${dropMs} ms after quorum loss`);
          assert.deepEqual(heldDuringLoss, ['n1'], 'n1 held the VIP while etcd had no quorum');
          assert.deepEqual(seq, ['n1'], 'the VIP never moved nor went away');
          assert.equal(stats.outageMs, 0, `the client lost pings (${stats.outageMs} ms)`);
          return;
        }
        // Fence: dropped at the deadline, nobody else adds.
        assert.ok(dropMs !== undefined, 'the holder dropped its VIP after losing etcd');
        assert.ok(
          dropMs <= DEADLINE_MS + SLACK_MS,
          `dropped ${dropMs} ms after quorum loss (deadline ≤ ${DEADLINE_MS})`,
        );
        assert.ok(impliedDeadline !== undefined, 'n1 logged its failed renewal and the time left');
        // The kernel lifetime (valid_lft = floor(2.25 s) = 2 s from the last refresh, which
        // follows t0) may remove the address up to 250 ms before the deadline; never earlier.
        assert.ok(
          droppedAt! >= impliedDeadline - LIFETIME_FLOOR_MS - 20,
          `dropped ${Math.round(impliedDeadline - droppedAt!)} ms before its own deadline`,
        );
        assert.ok(
          logsWith(c, 'n1', 'VIP down on this node').some((l) => String(l.reason).startsWith('fenced')),
          'n1 logged the fence',
        );
      });
    });
  }
});
