/**
 * Virtual services in NAT mode, end to end in a namespace lab: real vipd directors, real etcd,
 * real nftables, backends that answer with their own name and a client that counts the answers.
 * Every assertion is about what the client gets (or what the kernel's ruleset holds).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { skipUnlessRoot } from '../harness/lab-skip';
import { pollUntil, sleep } from '../harness/proc';
import { ipv4Of } from '../lab';
import { hasBackend, shares, VIP, withServiceLab } from './service-lab';

const skip = skipUnlessRoot(__filename);
const URL = `http://${VIP}/`;
const INTERVAL = 300;
const CHECK = { type: 'http', path: '/healthz', expectBody: 'ok', intervalMs: INTERVAL, rise: 2, fall: 2 };
/** fall (or rise) × interval + one interval, and room for a loaded 2-core machine. */
const VERDICT_MS = 2 * INTERVAL + INTERVAL + 700;

const web = (extra: Record<string, unknown> = {}) => ({
  name: 'web',
  vip: 'front',
  port: 80,
  // The lab is one flat segment: backends answer the client directly unless masqueraded.
  snat: true,
  check: CHECK,
  backends: ['b1', 'b2', 'b3'].map((b) => ({ address: ipv4Of(b as 'b1'), port: 8080 })),
  ...extra,
});

const within = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what}: ${actual.toFixed(1)} % not ${expected} ± ${tolerance} %`,
  );

describe('virtual services, NAT mode (namespace lab, real nftables)', { skip, concurrency: 1 }, () => {
  it('schedules, follows health, drains, serves the sorry server, and keeps its rules through a broken spec', async () => {
    await withServiceLab({ ports: [8080, 9090], fastTakeover: false, rate: 150 }, async (s) => {
      await s.putService(web());
      await s.waitRules('n1', (r) => r.includes('goto svc_web'), 'web rules on n1');
      assert.doesNotMatch(await s.rules('n2'), /svc_web/, 'no rules where the VIP is not held');

      // rr: an equal share each (numgen inc: exact up to one request).
      let r = await s.load(URL, 300);
      assert.deepEqual(r.failures, {});
      for (const b of ['b1', 'b2', 'b3']) within(shares(r)[b] ?? 0, 33.3, 3, `rr share of ${b}`);

      // Connections established through the director are counted per backend (conntrack) and
      // reported (what `vipadm service list|get` show), within one report interval.
      s.holdConnections(80, 3, 15_000);
      await pollUntil(
        async () => {
          const h = await s.health('web');
          const total = Object.values(h?.backends ?? {}).reduce((n, b) => n + (b.connections ?? 0), 0);
          return total === 3 ? true : undefined;
        },
        { timeoutMs: 14_000, intervalMs: 250, what: 'three established connections reported' },
      );

      // wrr follows the weights 1:2:3.
      const weighted = web({ scheduler: 'wrr' });
      weighted.backends = weighted.backends.map((b, i) => ({ ...b, weight: i + 1 }));
      await s.putService(weighted);
      await s.waitRules('n1', (x) => x.includes('numgen inc mod 6'), 'wrr rules');
      r = await s.load(URL, 600);
      within(shares(r).b1 ?? 0, 16.7, 3, 'wrr b1');
      within(shares(r).b2 ?? 0, 33.3, 3, 'wrr b2');
      within(shares(r).b3 ?? 0, 50, 3, 'wrr b3');

      // sh: one client, one backend.
      await s.putService(web({ scheduler: 'sh' }));
      await s.waitRules('n1', (x) => x.includes('jhash ip saddr'), 'sh rules');
      r = await s.load(URL, 60);
      assert.equal(Object.keys(r.bodies).length, 1, `sh spread one client over ${JSON.stringify(r.bodies)}`);

      // A backend killed: out of rotation after fall × interval + one interval, back after rise × interval.
      await s.putService(web());
      await s.waitRules('n1', (x) => x.includes('numgen inc mod 3'), 'rr again');
      await s.stopServer('b2', 8080);
      const killedAt = performance.now();
      await s.waitRules('n1', (x) => !hasBackend(x, ipv4Of('b2'), 8080), 'b2 out of the rules');
      const outMs = performance.now() - killedAt;
      assert.ok(outMs <= VERDICT_MS, `b2 left the rules after ${Math.round(outMs)} ms`);
      r = await s.load(URL, 90);
      assert.deepEqual(r.failures, {}, 'no failed request once b2 is out');
      assert.equal(r.bodies.b2, undefined);
      await pollUntil(
        async () =>
          (await s.health('web'))?.backends[`${ipv4Of('b2')}:8080`]?.health === 'down' ? true : undefined,
        {
          timeoutMs: 5000,
          what: 'the director to report b2 down',
        },
      );
      await s.startServer('b2', 8080);
      const backAt = performance.now();
      await s.waitRules('n1', (x) => hasBackend(x, ipv4Of('b2'), 8080), 'b2 back in the rules');
      assert.ok(performance.now() - backAt <= VERDICT_MS, 'back after rise × interval');

      // Drain: weight 0 takes b1 out of new connections.
      const drained = web();
      drained.backends[0] = { ...drained.backends[0]!, weight: 0 } as (typeof drained.backends)[0];
      await s.putService(drained);
      await s.waitRules('n1', (x) => !hasBackend(x, ipv4Of('b1'), 8080), 'b1 drained');
      r = await s.load(URL, 60);
      assert.equal(r.bodies.b1, undefined, 'a drained backend gets no new connection');
      assert.deepEqual(r.failures, {});

      // A spec broken by hand in etcd: logged and skipped, the running rules stay.
      const before = await s.rules('n1');
      await s.putServiceRaw('web', '{"name":"web","vip":"front","port":0,"backends":"oops"');
      await pollUntil(
        async () =>
          s.cluster
            .logs('n1')
            .some((l) => l.msg === 'invalid service spec skipped; its last valid spec stays in force')
            ? true
            : undefined,
        { timeoutMs: 5000, what: 'the broken spec to be logged' },
      );
      assert.equal(await s.rules('n1'), before, 'rules unchanged');
      r = await s.load(URL, 30);
      assert.deepEqual(r.failures, {});
      assert.equal(r.bodies.b1, undefined);

      // No healthy backend: the sorry server answers.
      await s.putService(web({ sorry: { address: ipv4Of('b3'), port: 9090 } }));
      await s.waitRules('n1', (x) => hasBackend(x, ipv4Of('b1'), 8080), 'b1 back (spec fixed)');
      for (const b of ['b1', 'b2', 'b3'] as const) await s.stopServer(b, 8080);
      await s.waitRules('n1', (x) => x.includes(`dnat ip to ${ipv4Of('b3')}:9090`), 'sorry rules');
      r = await s.load(URL, 10);
      assert.deepEqual(r.bodies, { b3: 10 }, 'every answer from the sorry server (b3:9090)');
      assert.equal((await s.health('web'))?.serving, 'sorry');
    });
  });

  it('quorum: a director that sees too few healthy backends gives the VIP to one that sees enough', async () => {
    await withServiceLab({ ports: [8080], fastTakeover: false, rate: 150 }, async (s) => {
      await s.putService(web({ quorum: 3 }));
      await s.waitRules('n1', (r) => r.includes('goto svc_web'), 'web rules on n1');
      // n1 alone loses b3 (a partition between the two): below quorum there, not on n2.
      await s.lab.blockHosts('n1', ['b3']);
      await s.cluster.waitHolder(`${VIP}/24`, ['n1', 'n2'], 10_000, 'n2');
      await s.waitRules('n2', (r) => r.includes('goto svc_web'), 'web rules on n2');
      await s.waitRules('n1', (r) => !r.includes('svc_web'), 'rules gone from n1');
      const r = await s.load(URL, 30);
      assert.deepEqual(r.failures, {});
      assert.equal(Object.keys(r.bodies).length, 3, 'n2 spreads over all three');
      await s.lab.unblockHosts('n1');
      // Preempt: n1 takes the VIP back once it sees its quorum again, its rules with it.
      await s.cluster.waitHolder(`${VIP}/24`, ['n1', 'n2'], 10_000, 'n1');
      await s.waitRules('n1', (r) => r.includes('goto svc_web'), 'web rules back on n1');
      await sleep(100);
      assert.deepEqual((await s.load(URL, 9)).failures, {});
    });
  });
  it('a rule update of 100 services × 10 backends fails no request of a client running through it', async () => {
    await withServiceLab({ ports: [8080], fastTakeover: false, rate: 150 }, async (s) => {
      await s.putService(web());
      const bulk = (i: number, weight = 1) => ({
        name: `bulk-${i}`,
        vip: 'front',
        port: 1000 + i,
        // wrr: a weight change changes the rules (rr would ignore it).
        scheduler: 'wrr',
        check: { type: 'none' },
        backends: Array.from({ length: 10 }, (_, j) => ({
          address: ipv4Of((['b1', 'b2', 'b3'] as const)[j % 3]!),
          port: 8080 + j,
          weight: j === 0 ? weight : 1,
        })),
      });
      for (let i = 0; i < 100; i++) await s.putService(bulk(i));
      await s.waitRules(
        'n1',
        (r) => r.includes('svc_bulk_99 ') && r.includes('goto svc_web'),
        'all 101 services',
        30_000,
      );
      const mark = s.cluster.logs('n1').length;
      const load = s.load(URL, 100_000, 6000, 2, 1000);
      await sleep(500);
      for (let k = 2; k <= 6; k++) {
        await s.putService(bulk(50, k));
        await sleep(600);
      }
      const r = await load;
      assert.deepEqual(r.failures, {}, `failed requests during the updates (${r.requests} requests)`);
      assert.deepEqual(await s.cluster.holders(`${VIP}/24`, ['n1', 'n2']), ['n1'], 'the VIP stayed on n1');
      const applied = s.cluster
        .logs('n1')
        .slice(mark)
        .filter((l) => l.msg === 'virtual service rules applied')
        .map((l) => Number(l.ms));
      assert.ok(applied.length >= 3, `updates applied: ${applied.length}`);
      console.log(`# 101 services / 1003 backends: one update applied in ${applied.join(', ')} ms`);
    });
  });
});
