// npm run bench:services: issue 16's targets for virtual services in ONE namespace lab: two vipd
// directors, three backends that answer with their own name, a client. rr/wrr/sh distribution,
// a backend killed and restored, throughput through the director against the same backend
// directly (hey from Debian, keep-alive and a new connection per request), a rule update of 100
// services × 10 backends under load, and the director holding the VIP SIGKILLed and cut off
// (services-failover.ts). Every figure is printed with its method.
// Needs root; touches nothing outside the lab's namespaces and its temporary directory, except
// the results (bench-results/services-<stamp>.json). Every load is bounded in count and time.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../harness/paths';
import { pollUntil, sleep } from '../harness/proc';
import { BACKENDS, type ServiceLab, shares, VIP, withServiceLab } from '../e2e/service-lab';
import { CLUSTER } from '../e2e/vipd-cluster';
import { ipv4Of } from '../lab';
import { runCli } from './cli';
import { machine, stamp, withLimit } from './run-info';
import { backendLoss, firstAnswerAfter, parseHey, type RunFigures, throughputRatio } from './service-figures';
import { FALL, INTERVAL, logMark, movedNote, pct, Report, RISE, URL, vipMoves, web } from './services-common';
import { directorLost } from './services-failover';
import { parseServicesArgs, SERVICES_USAGE, type ServicesArgs } from './services-args';

async function distribution(s: ServiceLab, report: Report, quick: boolean): Promise<void> {
  const n = quick ? 600 : 3000;
  const method = `${n} GETs from one client, one at a time, each on a new connection; share of answers by body`;
  let mark = logMark(s);
  let r = await s.load(URL, n, 120_000);
  let moved = vipMoves(s, mark);
  const rr = shares(r);
  report.figure(
    'rr',
    { method, shares: rr, failed: r.failed, vipMoved: moved },
    `rr, 3 equal backends: ${BACKENDS.map((b) => `${b} ${pct(rr[b] ?? 0)}`).join(', ')}, ${r.failed} failed (target 33.3 ± 3 %)${movedNote(moved)}`,
  );

  const weighted = web({ scheduler: 'wrr' });
  weighted.backends = weighted.backends.map((b, i) => ({ ...b, weight: i + 1 }));
  await s.putService(weighted);
  await s.waitRules('n1', (x) => x.includes('numgen inc mod 6'), 'wrr rules');
  mark = logMark(s);
  r = await s.load(URL, n, 120_000);
  moved = vipMoves(s, mark);
  const wrr = shares(r);
  report.figure(
    'wrr',
    { method, weights: [1, 2, 3], shares: wrr, failed: r.failed, vipMoved: moved },
    `wrr, weights 1:2:3: ${BACKENDS.map((b) => `${b} ${pct(wrr[b] ?? 0)}`).join(', ')}, ${r.failed} failed (target 16.7 / 33.3 / 50 ± 3 %)${movedNote(moved)}`,
  );

  await s.putService(web({ scheduler: 'sh' }));
  await s.waitRules('n1', (x) => x.includes('jhash ip saddr'), 'sh rules');
  mark = logMark(s);
  r = await s.load(URL, 300, 30_000);
  moved = vipMoves(s, mark);
  report.figure(
    'sh',
    {
      method: '300 GETs from one client address, each on a new connection (a new source port)',
      bodies: r.bodies,
      vipMoved: moved,
    },
    `sh, one client: ${Object.keys(r.bodies).length} backend(s) answered ${JSON.stringify(r.bodies)} (target 1)${movedNote(moved)}`,
  );
}

async function backendKilled(s: ServiceLab, report: Report): Promise<void> {
  await s.putService(web());
  await s.waitRules('n1', (x) => x.includes('numgen inc mod 3'), 'rr rules');
  // A new connection every 5 ms, a few at once so that none waits for another.
  const mark = logMark(s);
  const load = s.load(URL, 100_000, 9000, 4, 1000, 200);
  await sleep(1500);
  const killedAt = Date.now();
  await s.stopServer('b2', 8080);
  await sleep(3500);
  await s.startServer('b2', 8080); // resolves once b2 answers the client directly
  const upAt = Date.now();
  const r = await load;
  const moved = vipMoves(s, mark);
  const loss = backendLoss(r.timeline, killedAt - r.t0);
  const backMs = firstAnswerAfter(r.timeline, 'b2', upAt - r.t0);
  report.figure(
    'backendKilled',
    {
      method:
        "b2's server SIGKILLed under a client opening a new connection every 5 ms (4 at once, 1 s timeout); " +
        'the figure is from the kill to the start of the last failed connection (the last one the rules still sent to b2), on the load clock',
      failed: loss.failed,
      lastFailMs: loss.lastFailMs,
      vipMoved: moved,
      requests: r.requests,
    },
    `backend killed: ${loss.failed} failed, the last started ${loss.lastFailMs === undefined ? '?' : Math.round(loss.lastFailMs)} ms after the kill (target ≤ fall × interval + interval = ${FALL * INTERVAL + INTERVAL} ms)${movedNote(moved)}`,
  );
  report.figure(
    'backendRestored',
    {
      method:
        'b2 restarted; from the moment the bench saw it answer directly (polled: it came up up to one poll earlier) ' +
        'to the start of the first connection through the VIP that b2 answered',
      backMs,
      vipMoved: moved,
    },
    `backend restored: first answer through the VIP ${backMs === undefined ? '?' : Math.round(backMs)} ms after it answered directly (target ≈ rise × interval = ${RISE * INTERVAL} ms, + up to one interval)${movedNote(moved)}`,
  );
}

/**
 * One `hey` run (Debian's HTTP load generator, the tool issue 16 names) from the client, niced
 * like http-load so that the directors come first: 8 at once, 2 s timeout, keep-alive (hey's
 * default) unless `newConnections`.
 */
async function hey(s: ServiceLab, url: string, count: number, newConnections: boolean) {
  const argv = ['nice', '-n', '10', 'hey', '-n', String(count), '-c', '8', '-t', '2'];
  if (newConnections) argv.push('-disable-keepalive');
  return parseHey(await s.lab.exec('cli', [...argv, url], { timeoutMs: 90_000 }));
}

/**
 * The same backend (b1) directly and through the director (service `solo` on VIP:81 whose only
 * backend is b1:8080), in back-to-back pairs: the difference is the director's hop alone.
 * Measured twice: with keep-alive (hey's default, as issue 16 asks) and with a new connection
 * per request (every request then pays the director's connection tracking and NAT set-up).
 */
async function throughput(s: ServiceLab, report: Report, pairs: number, quick: boolean): Promise<void> {
  await s.putService({ ...web(), name: 'solo', port: 81, backends: [{ address: ipv4Of('b1'), port: 8080 }] });
  await s.waitRules('n1', (x) => x.includes('goto svc_solo'), 'solo rules');
  const direct = `http://${ipv4Of('b1')}:8080/`;
  const nat = `http://${VIP}:81/`;
  for (const newConnections of [false, true]) {
    const count = (quick ? 0.2 : 1) * (newConnections ? 5000 : 20_000);
    const warmup = count / 10;
    const mark = logMark(s);
    const run = async (url: string) => {
      await hey(s, url, warmup, newConnections);
      const r = await hey(s, url, count, newConnections);
      return { rps: r.rps, p99: r.p99, failed: r.failed };
    };
    const runs: { direct: RunFigures; nat: RunFigures }[] = [];
    for (let i = 0; i < pairs; i++) {
      // Alternate which goes first, so that a machine getting busier or quieter favours neither.
      if (i % 2 === 0) {
        const d = await run(direct);
        runs.push({ direct: d, nat: await run(nat) });
      } else {
        const n = await run(nat);
        runs.push({ direct: await run(direct), nat: n });
      }
    }
    const t = throughputRatio(runs);
    const moved = vipMoves(s, mark);
    const how = newConnections
      ? 'a new connection per request (hey -disable-keepalive)'
      : "keep-alive (hey's default)";
    report.figure(
      newConnections ? 'throughput-new-connections' : 'throughput',
      {
        method:
          `${pairs} back-to-back pairs, each: hey -n ${count} -c 8 (${how}; a run of ${warmup} before it not counted) ` +
          'to b1:8080 directly and the same through the director (NAT, SNAT, service solo whose only backend is b1:8080), ' +
          'the order alternating; rps = answered requests per second; ratios taken within each pair, then the median. ' +
          'Client, director and backend share this machine, so the ratio is the director hop plus its CPU on the same cores.',
        ...t,
        runs,
        vipMoved: moved,
      },
      `throughput, ${how}, NAT through the director vs the same backend directly: ${Math.round(t.nat.rps)} vs ${Math.round(t.direct.rps)} req/s, ` +
        `ratio ${pct(100 * t.rpsRatio)} (pairs ${pct(100 * t.rpsRatioRange[0])}..${pct(100 * t.rpsRatioRange[1])}), ` +
        `p99 ${t.nat.p99.toFixed(1)} vs ${t.direct.p99.toFixed(1)} ms (${pct(100 * t.p99Ratio)}), ${t.failed} failed` +
        `${newConnections ? '' : ' (target within 15 %)'}${movedNote(moved)}`,
    );
  }
}

async function bigUpdate(s: ServiceLab, report: Report): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const backends = Array.from({ length: 10 }, (_, j) => ({
      address: ipv4Of(BACKENDS[j % 3]!),
      port: 8080 + j,
    }));
    await s.putService({
      name: `bulk-${i}`,
      vip: 'front',
      port: 1000 + i,
      check: { type: 'none' },
      backends,
    });
  }
  await s.waitRules('n1', (x) => x.includes('svc_bulk_99'), '100 services in the rules', 30_000);
  await sleep(500);
  const marks = logMark(s);
  const load = s.load(URL, 100_000, 4000, 2, 1000);
  await sleep(1500);
  const mark = s.cluster.logs('n1').length;
  const full = Array.from({ length: 10 }, (_, j) => ({
    address: ipv4Of(BACKENDS[j % 3]!),
    port: 8080 + j,
    weight: j === 0 ? 2 : 1,
  }));
  const putAt = Date.now();
  // wrr with one weight changed: the rules change (under rr, weights alone change nothing and nothing is applied).
  await s.putService({
    name: 'bulk-50',
    vip: 'front',
    port: 1050,
    scheduler: 'wrr',
    check: { type: 'none' },
    backends: full,
  });
  const applied = await pollUntil(
    async () =>
      s.cluster
        .logs('n1')
        .slice(mark)
        .find((l) => l.msg === 'virtual service rules applied') as
        { ms?: number; time?: string; services?: string[] } | undefined,
    { timeoutMs: 10_000, what: 'the update to be applied' },
  );
  const r = await load;
  const moved = vipMoves(s, marks);
  const appliedAt = applied.time === undefined ? Number.NaN : Date.parse(applied.time);
  const lastStart = r.t0 + (r.timeline.at(-1)?.[0] ?? 0);
  // The apply found is the update's only if the VIP stayed (else it may be a fenced node's empty set).
  const covered = r.t0 < putAt && appliedAt < lastStart && (applied.services ?? []).includes('bulk-50:10');
  // When the failures happened, from the change (ms), to tell the update's from any other.
  const failedAtMs = r.timeline
    .filter(([, , b]) => b.startsWith('!'))
    .map(([at]) => Math.round(r.t0 + at - putAt));
  report.figure(
    'bigUpdate',
    {
      method:
        'bulk-50 changed (rr to wrr, one weight 2) while 101 services / 1003 backends are installed; applyMs is what vipd logs for the one nft ' +
        'transaction; a client (2 at once, new connections, unpaced) on the VIP from 1.5 s before the change to 2.5 s after',
      services: 101,
      backends: 1003,
      applyMs: applied.ms,
      failed: r.failed,
      failures: r.failures,
      failedAtMs: failedAtMs.slice(0, 50),
      // When the VIP moved: what n1 logged, ms from the change (which of its actions a failure follows).
      n1Log: (moved.length === 0 ? [] : s.cluster.logs('n1'))
        .slice(mark, mark + 40)
        .filter((l) => l.msg !== 'could not report service health')
        .map((l) => {
          const { time, msg, level: _level, component: _c, node: _n, pid: _p, hostname: _h, ...rest } = l;
          return `${Date.parse(String(time)) - putAt} ${String(msg)} ${JSON.stringify(rest)}`;
        }),
      requests: r.requests,
      loadCoveredTheUpdate: covered,
      vipMoved: moved,
    },
    `rule update, 101 services / 1003 backends: ${applied.ms ?? '?'} ms (target ≤ 100 ms); a client through it: ` +
      `${r.requests} requests, ${r.failed} failed (target 0)${covered ? '' : '; NOT KEPT: the load did not span the update'}${movedNote(moved)}`,
  );
}

async function main(args: ServicesArgs): Promise<number> {
  const report = new Report();
  const started = new Date();
  const head = { machine: machine(), started: started.toISOString(), args };
  await withLimit(1_800_000, 'bench:services', () =>
    withServiceLab({ ports: [8080], logLevel: 'info' }, async (s) => {
      await s.putService(web());
      await s.waitRules('n1', (x) => x.includes('goto svc_web'), 'web rules on n1');
      if (args.parts.includes('distribution')) await distribution(s, report, args.quick);
      if (args.parts.includes('backend')) await backendKilled(s, report);
      if (args.parts.includes('throughput')) await throughput(s, report, args.pairs, args.quick);
      if (args.parts.includes('update')) await bigUpdate(s, report);
      // The director faults with the service web alone (rr over b1..b3), as a failover installs it.
      await s.cluster.etcdctl(['del', '--prefix', `/vipd/${CLUSTER}/services/bulk-`]);
      await s.cluster.etcdctl(['del', `/vipd/${CLUSTER}/services/solo`]);
      await s.putService(web());
      await s.waitRules('n1', (x) => !x.includes('svc_bulk') && !x.includes('svc_solo'), 'web alone');
      if (args.parts.includes('sigkill')) await directorLost(s, report, 'SIGKILL', args.trials);
      if (args.parts.includes('linkcut')) await directorLost(s, report, 'link cut', args.trials);
    }),
  );
  const dir = args.outDir ?? join(REPO_ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `services-${stamp(started)}.json`);
  writeFileSync(file, `${JSON.stringify({ ...head, ...report.results, summary: report.lines }, null, 2)}\n`);
  console.log(`results: ${file}`);
  return 0;
}

runCli((argv) => parseServicesArgs(argv), SERVICES_USAGE, main);
