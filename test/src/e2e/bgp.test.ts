/**
 * BGP mode, active-standby, end to end (docs/bgp.md): a router namespace running BIRD 2 peers
 * with the gobgpd of two vipd nodes; a client behind the router, on a link of its own, pings
 * the VIP (203.0.113.200/32, announce.mode bgp: no ARP anywhere) every 10 ms. The router's
 * kernel route to the VIP must point at the holder, and the client must reach it:
 *   1. at start, through n1 (priority 150);
 *   2. after n1's vipd is SIGKILLed (its kernel agent's fence kills n1's gobgpd, the session
 *      closes, BIRD withdraws n1's route), through n2;
 *   3. n1 back: preempt hands the VIP over (n2 withdraws, n1 announces), through n1 again;
 *   4. n1's vipd frozen with SIGSTOP, its gobgpd left running: the agent's fence must kill that
 *      gobgpd, or the router would keep sending to n1. The route leaves n1 and ends on n2;
 *   5. n1 resumed (SIGCONT): it takes the VIP back only with gobgpd running again and its
 *      session up, through a planned handover, not into a black hole;
 *   6. `vipadm vip move web --to n2` (the real coordinator and vipadm): through n2;
 *   7. SIGTERM of n2's vipd: it hands the VIP over and withdraws; through n1.
 * Then the holder's link cut (three times): the router keeps the cut node's session and route
 * until the hold time, yet forwards to the new holder as soon as it announces, its MED (from the
 * newer fencing revision) being lower; an IPv6 VIP (a /128 over the same IPv4 sessions,
 * bgp.nextHop6) through a SIGKILL; sessions over IPv6 with a TCP MD5 password (a node with the
 * wrong one gets no session, says so and is never handed the VIP); and a gobgpd that cannot be
 * started (vipd ends with one line).
 * Needs root (namespaces) and Debian's gobgpd and bird2 (scripts/setup.sh installs both); it
 * skips with one line naming what is missing, and with CI=true it fails instead.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { skipUnlessRoot } from '../harness/lab-skip';
import { CommandError, pollUntil, signalPid, sleep } from '../harness/proc';
import { execFileSync } from 'node:child_process';
import {
  BEHIND,
  BgpRouter,
  bgpToolsMissing,
  NODE_AS,
  ROUTER_AS,
  ROUTER_V4,
  ROUTER_V6,
} from '../lab/bgp-router';
import { ipv4Of, ipv6Of, type NodeHost, parsePingLine, type Pinger, withLab } from '../lab';
import { pingGaps } from '../faults/monitor';
import { VIPD_BIN } from '../harness/paths';
import { LabCoordinator, runVipadm } from './coordinator-harness';
import { VipdCluster } from './vipd-cluster';

/**
 * A planned handover (preemption, vip move, SIGTERM) loses no ping in this lab (0 ms measured);
 * the bound leaves room for a loaded machine and still fails on the ~0.9 s of a node handed a
 * VIP it cannot announce (docs/bgp.md).
 */
const PLANNED_MAX_MS = 250;
const NODES: NodeHost[] = ['n1', 'n2'];
/** Link cuts in the link-cut case (each cut, fence, restore and preemption back takes ~15 s). */
const LINK_CUT_ROUNDS = 3;
const VIP = '203.0.113.200';
const VIP_CIDR = `${VIP}/32`;
const SPEC = {
  name: 'web',
  address: VIP_CIDR,
  interface: 'e0',
  nodes: { n1: { priority: 150 }, n2: { priority: 100 } },
  preempt: true,
  announce: { mode: 'bgp' },
};

function skipReason(): string | false {
  const root = skipUnlessRoot(__filename);
  if (root) return root;
  const missing = bgpToolsMissing();
  if (!missing) return false;
  if (process.env.CI === 'true') throw new Error(`bgp.test: ${missing}; with CI=true it may not skip`);
  process.stderr.write(`\n!!! SKIPPED: BGP lab test: ${missing} !!!\n\n`);
  return missing;
}
const skip = skipReason();

const bgpYaml = (h: NodeHost): string[] => [
  'bgp:',
  `  asn: ${NODE_AS}`,
  `  routerId: ${ipv4Of(h)}`,
  '  peers:',
  `    - { address: ${ROUTER_V4}, asn: ${ROUTER_AS} }`,
];

/** Answers the client got at or after `from` (epoch ms). */
function repliesSince(ping: Pinger, from: number): number {
  return ping
    .output()
    .split('\n')
    .filter((l) => {
      const p = parsePingLine(l);
      return p?.kind === 'reply' && p.at >= from;
    }).length;
}

/** The longest stretch without answers that began at or after `from`, in ms (0: none). */
function outageSince(ping: Pinger, from: number): number {
  const gaps = pingGaps(ping.output().split('\n'), ping.intervalMs).filter((g) => g.to >= from);
  return Math.round(Math.max(0, ...gaps.map((g) => g.ms)));
}

/** Waits until the client has had answers steadily for a while after `from`. */
async function clientReaches(ping: Pinger, from: number): Promise<void> {
  await pollUntil(
    async () => (repliesSince(ping, Math.max(from, Date.now() - 500)) >= 20 ? true : undefined),
    {
      timeoutMs: 10_000,
      intervalMs: 100,
      what: `the client behind the router to get answers from ${VIP} again`,
    },
  );
}

describe('BGP mode, active-standby (namespace lab: BIRD router, gobgpd on two vipd nodes)', { skip }, () => {
  it(
    'the router routes the VIP to the holder through a SIGKILL, a preempting return and a frozen holder; the client follows',
    { timeout: 240_000 },
    async () => {
      await withLab({ nodes: 2, etcd: true }, async (lab) => {
        const endpoint = await lab.startEtcd();
        const router = await BgpRouter.start(lab, NODES);
        const vipd = new VipdCluster(lab, endpoint, { ttlSeconds: 3, extraYaml: bgpYaml });
        const coordinator = new LabCoordinator(lab, endpoint);
        let ping: Pinger | undefined;
        const report: string[] = [];
        try {
          await vipd.putVip(SPEC);
          vipd.start('n1');
          await vipd.waitHolder(VIP_CIDR, NODES, 15_000, 'n1');
          vipd.start('n2');
          await vipd.waitServing(NODES);
          await pollUntil(
            async () => {
              const s = await router.sessions();
              return s.n1 === 'Established' && s.n2 === 'Established' ? true : undefined;
            },
            { timeoutMs: 20_000, intervalMs: 100, what: 'BGP sessions with n1 and n2 established' },
          );
          await router.waitRouteTo(VIP, 'n1', 10_000);
          ping = lab.startPing(BEHIND, VIP);
          await ping.waitForReply(5000);
          await clientReaches(ping, Date.now());

          // 2. SIGKILL of the holder's vipd.
          let t0 = Date.now();
          await vipd.signal('n1', 'SIGKILL');
          let routed = await router.waitRouteTo(VIP, 'n2', 15_000);
          await clientReaches(ping, routed);
          await vipd.waitHolder(VIP_CIDR, NODES, 5000, 'n2');
          const killOutage = outageSince(ping, t0);
          report.push(`SIGKILL: route via n2 after ${routed - t0} ms, client outage ${killOutage} ms`);
          assert.notEqual((await router.sessions()).n1, 'Established', "n1's gobgpd died with the fence");

          // 3. n1 back: preempt moves the VIP to it, n2's route is withdrawn.
          t0 = Date.now();
          vipd.start('n1');
          routed = await router.waitRouteTo(VIP, 'n1', 30_000);
          await clientReaches(ping, routed);
          await vipd.waitHolder(VIP_CIDR, NODES, 5000, 'n1');
          report.push(
            `preempt back to n1: route via n1 after ${routed - t0} ms, client outage ${outageSince(ping, t0)} ms`,
          );

          // 4. The holder frozen, its gobgpd left running: the fence must end its announcement.
          const frozen = vipd.procs.get('n1');
          assert.ok(frozen);
          t0 = Date.now();
          signalPid(frozen, 'SIGSTOP');
          try {
            routed = await router.waitRouteTo(VIP, 'n2', 15_000);
            await clientReaches(ping, routed);
            const stopOutage = outageSince(ping, t0);
            report.push(`SIGSTOP: route via n2 after ${routed - t0} ms, client outage ${stopOutage} ms`);
            assert.notEqual((await router.sessions()).n1, 'Established', "the fence killed n1's gobgpd");
            assert.deepEqual(
              await vipd.holders(VIP_CIDR, NODES),
              ['n2'],
              'the fence removed the address on n1',
            );
            // Generous bounds for a loaded 2-core machine; the figures are printed either way.
            assert.ok(killOutage < 5000, `SIGKILL outage ${killOutage} ms`);
            assert.ok(stopOutage < 5000, `SIGSTOP outage ${stopOutage} ms`);
          } finally {
            signalPid(frozen, 'SIGCONT');
          }

          // 5. n1 resumes: its gobgpd is gone, so it takes the VIP back only once gobgpd runs
          // again and its session is up (a planned handover), never into a black hole.
          t0 = Date.now();
          routed = await router.waitRouteTo(VIP, 'n1', 30_000);
          await clientReaches(ping, routed);
          const resumeOutage = outageSince(ping, t0);
          report.push(
            `SIGCONT, preempt back to n1: route via n1 after ${routed - t0} ms, client outage ${resumeOutage} ms`,
          );
          assert.ok(
            resumeOutage <= PLANNED_MAX_MS,
            `outage after the frozen node resumed: ${resumeOutage} ms`,
          );

          // 6. `vipadm vip move` through the coordinator: a planned move, the mode kept.
          await coordinator.start();
          const got = await runVipadm(lab, coordinator, ['vip', 'get', 'web']);
          assert.equal(got.code, 0, got.stderr);
          assert.equal(JSON.parse(got.stdout).spec.announce.mode, 'bgp');
          t0 = Date.now();
          const moved = await runVipadm(lab, coordinator, ['vip', 'move', 'web', '--to', 'n2']);
          assert.equal(moved.code, 0, moved.stderr);
          routed = await router.waitRouteTo(VIP, 'n2', 15_000);
          await clientReaches(ping, routed);
          const moveOutage = outageSince(ping, t0);
          report.push(
            `vipadm vip move to n2: route via n2 after ${routed - t0} ms, client outage ${moveOutage} ms`,
          );
          assert.ok(moveOutage <= PLANNED_MAX_MS, `vip move outage ${moveOutage} ms`);
          // vipadm node list: each node's BGP sessions, as the nodes published them.
          const listed = await runVipadm(lab, coordinator, ['node', 'list']);
          assert.equal(listed.code, 0, listed.stderr);
          const byName = new Map(
            (
              JSON.parse(listed.stdout) as { nodes: { name: string; bgp: Record<string, string> }[] }
            ).nodes.map((n) => [n.name, n.bgp]),
          );
          for (const n of NODES)
            assert.deepEqual(byName.get(n), { [ROUTER_V4]: 'ESTABLISHED' }, `${n}'s BGP state`);
          // `vipd status` on the holder: its session and the route it announces.
          const status = JSON.parse(
            await lab.exec('n2', [
              process.execPath,
              VIPD_BIN,
              'status',
              '--socket',
              vipd.statusSocket('n2'),
              '-o',
              'json',
            ]),
          ) as {
            bgp: { running: boolean; announced: string[]; peers: { address: string; state: string }[] };
          };
          assert.equal(status.bgp.running, true);
          assert.deepEqual(status.bgp.announced, [VIP_CIDR]);
          assert.deepEqual(
            status.bgp.peers.map((p) => [p.address, p.state]),
            [[ROUTER_V4, 'ESTABLISHED']],
          );

          // 7. SIGTERM of the holder: it hands over before it goes (make before break).
          t0 = Date.now();
          await vipd.signal('n2', 'SIGTERM');
          routed = await router.waitRouteTo(VIP, 'n1', 15_000);
          await clientReaches(ping, routed);
          const termOutage = outageSince(ping, t0);
          report.push(`SIGTERM of n2: route via n1 after ${routed - t0} ms, client outage ${termOutage} ms`);
          assert.ok(termOutage <= PLANNED_MAX_MS, `SIGTERM outage ${termOutage} ms`);
          console.log(`# BGP lab: ${report.join('; ')}`);
        } catch (err) {
          console.log(`# BGP lab so far: ${report.join('; ') || 'nothing'}`);
          console.log(`# router: ${await router.birdc('show protocols').catch((e: Error) => e.message)}`);
          console.log(`# route: ${JSON.stringify(await router.nextHops(VIP).catch(() => []))}`);
          vipd.printLogTails(NODES, 30);
          throw err;
        } finally {
          await ping?.stop().catch(() => undefined);
          await coordinator.stop().catch(() => undefined);
          await vipd.stopAll();
          // Let the SIGCONTed vipd and every gobgpd go before the lab's teardown looks for strays.
          await sleep(200);
        }
      });
    },
  );

  it(
    "the holder's link cut: the new holder's route (lower MED) wins on the router at once, long before the hold time ends the cut node's session",
    { timeout: 240_000 },
    async () => {
      await withLab({ nodes: 2, etcd: true }, async (lab) => {
        const endpoint = await lab.startEtcd();
        const router = await BgpRouter.start(lab, NODES);
        const vipd = new VipdCluster(lab, endpoint, { ttlSeconds: 3, extraYaml: bgpYaml });
        let ping: Pinger | undefined;
        const outages: number[] = [];
        const report: string[] = [];
        try {
          await vipd.putVip(SPEC);
          vipd.start('n1');
          await vipd.waitHolder(VIP_CIDR, NODES, 15_000, 'n1');
          vipd.start('n2');
          await vipd.waitServing(NODES);
          ping = lab.startPing(BEHIND, VIP);
          for (let round = 1; round <= LINK_CUT_ROUNDS; round++) {
            // n1 holds (at the start, or back by preemption once its session is up again).
            await pollUntil(
              async () => {
                const s = await router.sessions();
                return s.n1 === 'Established' && s.n2 === 'Established' ? true : undefined;
              },
              { timeoutMs: 30_000, intervalMs: 100, what: 'BGP sessions with n1 and n2 established' },
            );
            await router.waitRouteTo(VIP, 'n1', 30_000);
            await vipd.waitHolder(VIP_CIDR, NODES, 10_000, 'n1');
            await clientReaches(ping, Date.now());

            const t0 = Date.now();
            await lab.cutLink('n1');
            const routed = await router.waitRouteTo(VIP, 'n2', 15_000);
            // The router still has n1's session (no hold time has passed) and its stale route, yet
            // it forwards to n2: n2's route carries the lower MED of the newer fencing revision.
            const sessions = await router.sessions();
            const routes = await router.bgpRoutes(VIP);
            await clientReaches(ping, routed);
            const outage = outageSince(ping, t0);
            outages.push(outage);
            report.push(
              `cut ${round}: route via n2 after ${routed - t0} ms, client outage ${outage} ms` +
                ` (n1's session ${sessions.n1}, routes ${JSON.stringify(routes)})`,
            );
            if (sessions.n1 === 'Established') {
              const stale = routes.find((r) => r.from === 'n1');
              const fresh = routes.find((r) => r.from === 'n2');
              assert.ok(stale && fresh, `both routes on the router: ${JSON.stringify(routes)}`);
              assert.ok(fresh.best && !stale.best, `n2's route is BIRD's best: ${JSON.stringify(routes)}`);
              assert.ok(
                fresh.med !== undefined && stale.med !== undefined && fresh.med < stale.med,
                `the newer holder's MED is lower: ${JSON.stringify(routes)}`,
              );
            }
            // Generous for a loaded 2-core machine (the hold time, 9 s, is what it beats); the
            // figures are printed either way.
            assert.ok(outage < 4000, `link-cut outage ${outage} ms`);
            assert.ok(routed - t0 < 4000, `route on n2 after ${routed - t0} ms`);
            // Cut off from etcd, n1 fenced itself (its address gone, its gobgpd killed).
            await pollUntil(async () => ((await vipd.holders(VIP_CIDR, ['n1'])).length ? undefined : true), {
              timeoutMs: 10_000,
              what: 'n1 to drop the VIP',
            });
            await lab.restoreLink('n1');
          }
          // At least one cut must show the stale route still there when n2's route won.
          assert.ok(
            report.some((r) => r.includes("n1's session Established")),
            "every cut ended n1's session before the route moved: MED was not what decided",
          );
          const sorted = [...outages].sort((a, b) => a - b);
          console.log(
            `# BGP lab, link cut: median ${sorted[Math.floor(sorted.length / 2)]} ms, max ${sorted.at(-1)} ms; ${report.join('; ')}`,
          );
        } catch (err) {
          console.log(`# BGP lab, link cut so far: ${report.join('; ') || 'nothing'}`);
          console.log(`# router: ${await router.birdc('show route all').catch((e: Error) => e.message)}`);
          vipd.printLogTails(NODES, 30);
          throw err;
        } finally {
          await ping?.stop().catch(() => undefined);
          await lab.restoreLink('n1').catch(() => undefined);
          await vipd.stopAll();
          await sleep(200);
        }
      });
    },
  );

  it(
    'IPv6: a /128 VIP in bgp mode over the IPv4 sessions; the route and the client follow a SIGKILL',
    { timeout: 180_000 },
    async () => {
      const vip6 = '2001:db8:2::200';
      await withLab({ nodes: 2, etcd: true, ipv6: true }, async (lab) => {
        const endpoint = await lab.startEtcd();
        const router = await BgpRouter.start(lab, NODES);
        const vipd = new VipdCluster(lab, endpoint, {
          ttlSeconds: 3,
          extraYaml: (h) => [...bgpYaml(h), `  nextHop6: "${ipv6Of(h)}"`],
        });
        let ping: Pinger | undefined;
        try {
          await vipd.putVip({ ...SPEC, address: `${vip6}/128` });
          vipd.start('n1');
          await vipd.waitHolder(`${vip6}/128`, NODES, 20_000, 'n1');
          vipd.start('n2');
          await vipd.waitServing(NODES);
          await pollUntil(
            async () => {
              const st = await router.sessions();
              return st.n1 === 'Established' && st.n2 === 'Established' ? true : undefined;
            },
            { timeoutMs: 20_000, intervalMs: 100, what: 'BGP sessions with n1 and n2 established' },
          );
          await router.waitRouteTo(vip6, 'n1', 20_000);
          ping = lab.startPing(BEHIND, vip6);
          await ping.waitForReply(5000);
          await clientReaches(ping, Date.now());
          const t0 = Date.now();
          await vipd.signal('n1', 'SIGKILL');
          const routed = await router.waitRouteTo(vip6, 'n2', 15_000);
          await clientReaches(ping, routed);
          const outage = outageSince(ping, t0);
          console.log(
            `# BGP lab, IPv6: SIGKILL: route via n2 after ${routed - t0} ms, client outage ${outage} ms`,
          );
          assert.ok(outage < 5000, `IPv6 SIGKILL outage ${outage} ms`);
        } catch (err) {
          console.log(`# router: ${await router.birdc('show route all').catch((e: Error) => e.message)}`);
          vipd.printLogTails(NODES, 30);
          throw err;
        } finally {
          await ping?.stop().catch(() => undefined);
          await vipd.stopAll();
          await sleep(200);
        }
      });
    },
  );

  it(
    'sessions over IPv6 with TCP MD5: the right password peers and routes the VIP; a wrong one gets no session and never the VIP',
    { timeout: 180_000 },
    async () => {
      const vip6 = '2001:db8:2::300';
      const secret = 'lab-md5-5f3c1a';
      const wrong = 'lab-md5-wrong-77';
      await withLab({ nodes: 2, etcd: true, ipv6: true }, async (lab) => {
        const endpoint = await lab.startEtcd();
        const router = await BgpRouter.start(lab, NODES, {
          transport6: true,
          passwords: { n1: secret, n2: secret },
        });
        const vipd = new VipdCluster(lab, endpoint, {
          ttlSeconds: 3,
          extraYaml: (h) => [
            'bgp:',
            `  asn: ${NODE_AS}`,
            `  routerId: ${ipv4Of(h)}`,
            `  nextHop6: "${ipv6Of(h)}"`,
            '  peers:',
            `    - { address: "${ROUTER_V6}", asn: ${ROUTER_AS}, password: "${h === 'n1' ? secret : wrong}" }`,
          ],
        });
        let ping: Pinger | undefined;
        try {
          await vipd.putVip({ ...SPEC, address: `${vip6}/128` });
          vipd.start('n1');
          vipd.start('n2');
          await vipd.waitServing(NODES);
          await pollUntil(async () => ((await router.sessions()).n1 === 'Established' ? true : undefined), {
            timeoutMs: 20_000,
            intervalMs: 100,
            what: "n1's BGP session over IPv6, with its MD5 password",
          });
          await router.waitRouteTo(vip6, 'n1', 20_000);
          ping = lab.startPing(BEHIND, vip6);
          await ping.waitForReply(5000);
          // n2's SYNs carry the wrong signature: the router's kernel drops them, no session.
          await sleep(3000);
          assert.notEqual(
            (await router.sessions()).n2,
            'Established',
            "n2's session with the wrong password",
          );
          assert.ok(
            vipd
              .logs('n2')
              .some(
                (l) =>
                  l.msg === 'VIPs this node cannot serve changed' &&
                  JSON.stringify(l.why ?? {}).includes('no BGP session established'),
              ),
            'n2 says it cannot serve the VIP: no BGP session',
          );
          // The password is in neither a log nor a command line.
          for (const n of NODES)
            for (const l of vipd.logs(n)) assert.doesNotMatch(JSON.stringify(l), /lab-md5-/, `${n}'s log`);
          assert.doesNotMatch(execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }), /lab-md5-/, 'ps');
          // n1 killed: n2 has no session, so it is never handed the VIP (no black hole).
          await vipd.signal('n1', 'SIGKILL');
          await pollUntil(async () => ((await router.nextHops(vip6)).length === 0 ? true : undefined), {
            timeoutMs: 15_000,
            intervalMs: 50,
            what: "the router's route to the VIP withdrawn with n1's session",
          });
          await sleep(3000);
          assert.deepEqual(
            await vipd.holders(`${vip6}/128`, NODES),
            [],
            'n2 did not take the VIP without a session',
          );
          console.log(
            '# BGP lab, sessions over IPv6 with TCP MD5: n1 established and routed; n2 (wrong password) none',
          );
        } catch (err) {
          console.log(`# router: ${await router.birdc('show protocols all').catch((e: Error) => e.message)}`);
          vipd.printLogTails(NODES, 30);
          throw err;
        } finally {
          await ping?.stop().catch(() => undefined);
          await vipd.stopAll();
          await sleep(200);
        }
      });
    },
  );

  it('a gobgpd that cannot be started ends vipd with one line, exit 1', { timeout: 60_000 }, async () => {
    await withLab({ nodes: 2, etcd: true }, async (lab) => {
      const endpoint = await lab.startEtcd();
      const vipd = new VipdCluster(lab, endpoint, {
        extraYaml: (h) => [...bgpYaml(h), '  gobgpd: /nonexistent/gobgpd'],
      });
      const err = await lab
        .exec('n1', [process.execPath, VIPD_BIN, '--config', vipd.configFile('n1')], { timeoutMs: 20_000 })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      assert.ok(err instanceof CommandError, `vipd did not fail: ${String(err)}`);
      assert.equal(err.code, 1);
      // Beside vipd's JSON log lines (and the agent's fence line), one line for a person.
      const lines = err.stderr.split('\n').filter((l) => l.startsWith('vipd: '));
      assert.equal(lines.length, 1, err.stderr);
      assert.match(lines[0]!, /^vipd: BGP: cannot start gobgpd \(\/nonexistent\/gobgpd\): .*ENOENT$/);
    });
  });
});
