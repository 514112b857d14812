// npm run bench:services: issue 16's targets for virtual services in ONE namespace lab: two vipd
// directors, three backends that answer with their own name, a client. rr/wrr/sh distribution,
// a backend killed and restored, the director SIGKILLed, throughput through the director against
// one backend directly, and a rule update of 100 services × 10 backends under load. Needs root;
// touches nothing outside the lab's namespaces and its temporary directory, except the results
// (bench-results/services-<stamp>.json). Every load is bounded in count and time.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../harness/paths';
import { pollUntil, sleep } from '../harness/proc';
import { BACKENDS, type LoadResult, type ServiceLab, shares, VIP, withServiceLab } from '../e2e/service-lab';
import { ipv4Of } from '../lab';
import { machine, stamp, withLimit } from './run-info';

const URL = `http://${VIP}/`;
const INTERVAL = 500;
const RISE = 2;
const FALL = 2;

const web = (extra: Record<string, unknown> = {}) => ({
  name: 'web',
  vip: 'front',
  port: 80,
  snat: true,
  check: { type: 'tcp', intervalMs: INTERVAL, rise: RISE, fall: FALL },
  backends: BACKENDS.map((b) => ({ address: ipv4Of(b), port: 8080 })),
  ...extra,
});

const pct = (n: number) => `${n.toFixed(1)} %`;
const lines: string[] = [];
const say = (line: string): void => {
  lines.push(line);
  console.log(line);
};

/** Requests (in timeline order) with their time, body or `!error`. */
function firstLast(r: LoadResult, pick: (body: string) => boolean): { first?: number; last?: number } {
  const hits = r.timeline.filter(([, b]) => pick(b)).map(([at]) => at);
  return { first: hits[0], last: hits.at(-1) };
}

async function distribution(s: ServiceLab, results: Record<string, unknown>): Promise<void> {
  let r = await s.load(URL, 3000, 120_000);
  const rr = shares(r);
  results.rr = { shares: rr, failures: r.failures };
  say(
    `rr, 3 equal backends, 3000 requests: ${BACKENDS.map((b) => `${b} ${pct(rr[b] ?? 0)}`).join(', ')} (target 33.3 ± 3 %)`,
  );

  const weighted = web({ scheduler: 'wrr' });
  weighted.backends = weighted.backends.map((b, i) => ({ ...b, weight: i + 1 }));
  await s.putService(weighted);
  await s.waitRules('n1', (x) => x.includes('numgen inc mod 6'), 'wrr rules');
  r = await s.load(URL, 3000, 120_000);
  const wrr = shares(r);
  results.wrr = { weights: [1, 2, 3], shares: wrr, failures: r.failures };
  say(
    `wrr, weights 1:2:3, 3000 requests: ${BACKENDS.map((b) => `${b} ${pct(wrr[b] ?? 0)}`).join(', ')} (target 16.7 / 33.3 / 50 ± 3 %)`,
  );

  await s.putService(web({ scheduler: 'sh' }));
  await s.waitRules('n1', (x) => x.includes('jhash ip saddr'), 'sh rules');
  r = await s.load(URL, 300, 30_000);
  results.sh = { bodies: r.bodies };
  say(
    `sh, one client, 300 requests: ${Object.keys(r.bodies).length} backend(s) answered ${JSON.stringify(r.bodies)} (target 1)`,
  );
}

async function backendKilled(s: ServiceLab, results: Record<string, unknown>): Promise<void> {
  await s.putService(web());
  await s.waitRules('n1', (x) => x.includes('numgen inc mod 3'), 'rr rules');
  const load = s.load(URL, 100_000, 9000, 1, 1000, 200);
  await sleep(1000);
  await s.stopServer('b2', 8080);
  await sleep(3500);
  const restarted = Date.now();
  await s.startServer('b2', 8080);
  const startMs = Date.now() - restarted; // startServer waits until b2 answers directly
  const r = await load;
  // Requests to b2 fail from its kill until the rules drop it; the load's clock is its own.
  const failures = r.timeline.filter(([, b]) => b.startsWith('!'));
  const kill = failures[0]?.[0];
  const outMs = kill === undefined ? undefined : failures.at(-1)![0] - kill;
  const back =
    kill === undefined ? undefined : r.timeline.find(([at, b]) => b === 'b2' && at > kill + 3500)?.[0];
  const backMs = back === undefined || kill === undefined ? undefined : back - (kill + 3500 + startMs);
  results.backendKilled = { failedRequests: failures.length, outMs, requests: r.requests };
  results.backendRestored = { backMs };
  say(
    `backend killed: ${failures.length} failed requests, the last ${outMs ?? '?'} ms after the first (target ≤ fall × interval + interval = ${FALL * INTERVAL + INTERVAL} ms)`,
  );
  say(
    `backend restored: its first answer ~${backMs ?? '?'} ms after it answered again directly (target ≈ rise × interval = ${RISE * INTERVAL} ms, + up to one interval)`,
  );
}

async function throughput(s: ServiceLab, results: Record<string, unknown>): Promise<void> {
  await s.putService(web());
  await s.waitRules('n1', (x) => x.includes('numgen inc mod 3'), 'rr rules');
  const runs: Record<string, LoadResult[]> = { direct: [], director: [] };
  for (let i = 0; i < 3; i++) {
    runs.direct!.push(await s.load(`http://${ipv4Of('b1')}:8080/`, 4000, 60_000, 8));
    runs.director!.push(await s.load(URL, 4000, 60_000, 8));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const summary = Object.fromEntries(
    Object.entries(runs).map(([k, rs]) => [
      k,
      { rps: median(rs.map((r) => r.rps)), p99: median(rs.map((r) => r.p99)) },
    ]),
  ) as Record<'direct' | 'director', { rps: number; p99: number }>;
  results.throughput = {
    ...summary,
    note: 'http-load, 8 concurrent, new connection per request, median of 3 interleaved runs',
  };
  say(
    `throughput, NAT through the director vs one backend directly (8 concurrent, a new connection each): ${summary.director.rps} vs ${summary.direct.rps} req/s (${pct((100 * summary.director.rps) / summary.direct.rps)}), p99 ${summary.director.p99} vs ${summary.direct.p99} ms (target within 15 %)`,
  );
}

async function bigUpdate(s: ServiceLab, results: Record<string, unknown>): Promise<void> {
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
  const load = s.load(URL, 100_000, 4000, 2, 1000);
  await sleep(1000);
  const mark = s.cluster.logs('n1').length;
  const changed = {
    name: 'bulk-50',
    vip: 'front',
    port: 1050,
    check: { type: 'none' },
    backends: [{ address: ipv4Of('b1'), port: 9999, weight: 2 }],
  };
  const full = Array.from({ length: 10 }, (_, j) => ({
    address: ipv4Of(BACKENDS[j % 3]!),
    port: 8080 + j,
    weight: j === 0 ? 2 : 1,
  }));
  await s.putService({ ...changed, backends: full });
  const applied = await pollUntil(
    async () =>
      s.cluster
        .logs('n1')
        .slice(mark)
        .find((l) => l.msg === 'virtual service rules applied') as { ms?: number } | undefined,
    { timeoutMs: 10_000, what: 'the update to be applied' },
  );
  const r = await load;
  results.bigUpdate = {
    services: 101,
    backends: 1003,
    applyMs: applied.ms,
    failedRequests: Object.values(r.failures).reduce((a, b) => a + b, 0),
    requests: r.requests,
  };
  say(
    `rule update, 101 services / 1003 backends, one nft transaction: ${applied.ms ?? '?'} ms (target ≤ 100 ms); a client through it: ${r.requests} requests, ${Object.values(r.failures).reduce((a, b) => a + b, 0)} failed (target 0)`,
  );
}

/** New connections while the director holding the VIP fails (`how`): the longest run of failures. */
async function directorLost(
  s: ServiceLab,
  results: Record<string, unknown>,
  how: 'SIGKILL' | 'link cut',
): Promise<void> {
  await s.putService(web());
  await s.cluster.waitHolder(`${VIP}/24`, ['n1', 'n2'], 15_000, 'n1');
  await s.waitRules('n1', (x) => x.includes('numgen inc mod 3'), 'rr rules on n1');
  const load = s.load(URL, 100_000, 10_000, 1, 300, 100);
  await sleep(1500);
  if (how === 'SIGKILL') await s.cluster.signal('n1', 'SIGKILL');
  else await s.lab.cutLink('n1');
  const r = await load;
  const { first, last } = firstLast(r, (b) => b.startsWith('!'));
  const gap = first !== undefined && last !== undefined ? last - first + 300 : 0;
  const key = how === 'SIGKILL' ? 'directorKilled' : 'directorLinkCut';
  results[key] = { gapMs: gap, failedRequests: r.timeline.filter(([, b]) => b.startsWith('!')).length };
  say(
    `director holding the VIP, ${how}: new connections failing for ~${gap} ms (target: within the VIP's failover time; README: SIGKILL 0.76 s, link cut 0.81 s)`,
  );
}

async function main(): Promise<void> {
  const results: Record<string, unknown> = { machine: machine(), started: new Date().toISOString() };
  await withLimit(900_000, 'bench:services', () =>
    withServiceLab({ ports: [8080], logLevel: 'info' }, async (s) => {
      await s.putService(web());
      await s.waitRules('n1', (x) => x.includes('goto svc_web'), 'web rules on n1');
      await distribution(s, results);
      await backendKilled(s, results);
      await throughput(s, results);
      await bigUpdate(s, results);
      await directorLost(s, results, 'SIGKILL');
      // n1 back (it takes the VIP back: preempt), then its cable pulled.
      s.cluster.start('n1');
      await directorLost(s, results, 'link cut');
      await s.lab.restoreLink('n1');
    }),
  );
  const dir = join(REPO_ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `services-${stamp(new Date())}.json`);
  writeFileSync(file, `${JSON.stringify({ ...results, summary: lines }, null, 2)}\n`);
  console.log(`results: ${file}`);
}

main().catch((err: unknown) => {
  console.error(`bench:services: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
