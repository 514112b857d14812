// npm run bench:scale: three vipd nodes and N VIPs (IPv6, spread over the nodes by priority) in
// one namespace lab per N. For each N: cold start until every VIP is up, a steady-state window
// (etcd requests from etcd's own /metrics, vipd CPU and RSS from /proc), then node n1 fails
// (SIGKILL of its vipd, then, after it came back, a cut of its link) while a client pings a
// sample of its VIPs: how long until every one of its VIPs is held elsewhere, how long the
// sampled clients went unanswered, and what etcd served meanwhile. Needs root; touches nothing
// outside the lab's namespaces and temporary directory except the results directory.
import { readdir, readFile } from 'node:fs/promises';
import { HTTP_GET } from '../harness/paths';
import { pingGaps } from '../faults/monitor';
import { pollUntil, sleep } from '../harness/proc';
import { createLab, type NodeHost, type Pinger } from '../lab';
import { runCli } from './cli';
import { keepLogsAndDestroy, runPerN } from './run-info';
import {
  etcdCounters,
  etcdLoad,
  parseProcStatTicks,
  parseProcStatus,
  parsePrometheus,
  parseScaleArgs,
  planVips,
  round,
  SCALE_NODES,
  SCALE_USAGE,
  timingsYaml,
  spread,
  type EtcdCounters,
  type PlannedVip,
  type ScaleArgs,
  type ScaleFault,
} from './scale-plan';
import {
  renderScaleMarkdown,
  type FailoverFigures,
  type NodeFigures,
  type ScaleResult,
  type ScaleRun,
} from './scale-report';
import { VipLab } from './vip-lab';

const PING_INTERVAL_MS = 10;
const VICTIM: NodeHost = 'n1';
/** Hard bound on one N (cold start, steady window, both faults), whatever happens inside. */
const PER_N_LIMIT_MS = 15 * 60_000;

/** The scale lab: three nodes, and etcd's own request counters. */
class ScaleLab extends VipLab {
  async etcd(): Promise<EtcdCounters> {
    const text = await this.lab.exec('etcd', [process.execPath, HTTP_GET, `${this.endpoint}/metrics`]);
    return etcdCounters(parsePrometheus(text));
  }
}

/** CPU ticks of vipd itself, and of its helpers (live children, and children it has reaped). */
async function cpuTicks(pid: number): Promise<{ vipd: number; helpers: number }> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const vipd = parseProcStatTicks(stat);
  let helpers = parseProcStatTicks(stat, true) - vipd;
  const children = new Set<string>();
  for (const task of await readdir(`/proc/${pid}/task`).catch(() => [] as string[])) {
    const list = await readFile(`/proc/${pid}/task/${task}/children`, 'utf8').catch(() => '');
    for (const c of list.split(' ')) if (c.trim()) children.add(c.trim());
  }
  for (const c of children) {
    // Gone since: its ticks are in vipd's reaped figure (or will be).
    const text = await readFile(`/proc/${c}/stat`, 'utf8').catch(() => undefined);
    if (text !== undefined) helpers += parseProcStatTicks(text, true);
  }
  return { vipd, helpers };
}

async function nodeFigures(s: ScaleLab, ms: number, run: () => Promise<void>): Promise<NodeFigures[]> {
  const before = await Promise.all(SCALE_NODES.map((h) => cpuTicks(s.pid(h))));
  await run();
  // 100 clock ticks a second on Linux (USER_HZ).
  const percent = (ticks: number): number => round((ticks / 100 / (ms / 1000)) * 100, 1);
  const out: NodeFigures[] = [];
  for (const [k, h] of SCALE_NODES.entries()) {
    const pid = s.pid(h);
    const mem = parseProcStatus(await readFile(`/proc/${pid}/status`, 'utf8'));
    const ticks = await cpuTicks(pid);
    out.push({
      node: h,
      vips: s.heldBy(h).length,
      rssMb: round(mem.rssKb / 1024, 1),
      peakRssMb: round(mem.hwmKb / 1024, 1),
      cpuPercent: percent(ticks.vipd - (before[k]?.vipd ?? 0)),
      helperCpuPercent: percent(ticks.helpers - (before[k]?.helpers ?? 0)),
    });
  }
  return out;
}

async function coldStart(s: ScaleLab): Promise<{ allUpMs: number; settledMs: number }> {
  const t0 = Date.now();
  for (const h of SCALE_NODES) s.cluster.start(h);
  const limit = 60_000 + s.vips.length * 60;
  await pollUntil(async () => (s.census().single === s.vips.length ? true : undefined), {
    timeoutMs: limit,
    intervalMs: 50,
    what: `all ${s.vips.length} VIPs to come up`,
  });
  // The moment the last VIP first appeared anywhere.
  let allUpAt = t0;
  for (const v of s.vips) {
    const first = Math.min(...SCALE_NODES.map((h) => s.sampler.timeline.firstHeld(h, v.ip) ?? Infinity));
    allUpAt = Math.max(allUpAt, first);
  }
  await pollUntil(async () => (s.settled() ? true : undefined), {
    timeoutMs: limit,
    intervalMs: 50,
    what: 'every VIP on its preferred node',
  });
  await s.cluster.waitServing(SCALE_NODES, 30_000);
  return { allUpMs: Math.round(allUpAt - t0), settledMs: Date.now() - t0 };
}

async function startPings(s: ScaleLab, targets: PlannedVip[]): Promise<Pinger[]> {
  const pings = targets.map((v) => s.lab.startPing('cli', v.ip, { intervalMs: PING_INTERVAL_MS }));
  await Promise.all(pings.map((p) => p.waitForReply(10_000)));
  await sleep(300);
  return pings;
}

async function failover(s: ScaleLab, fault: ScaleFault, samples: number): Promise<FailoverFigures> {
  const lost = s.heldBy(VICTIM);
  const others = SCALE_NODES.filter((h) => h !== VICTIM);
  const pings = await startPings(s, spread(lost, samples));
  const before = await s.etcd();
  const faultAt = Date.now();
  let cut = false;
  try {
    if (fault === 'sigkill') await s.cluster.signal(VICTIM, 'SIGKILL');
    else {
      await s.lab.cutLink(VICTIM);
      cut = true;
    }
    const tl = s.sampler.timeline;
    const movedAt = (v: PlannedVip): number | undefined => {
      let at: number | undefined;
      for (const h of others) {
        const i = tl.intervals(v.ip, h).find((x) => x.end === undefined && x.start >= faultAt - 5);
        if (i) at = Math.min(at ?? Infinity, i.start);
      }
      return at;
    };
    await pollUntil(async () => (lost.every((v) => movedAt(v) !== undefined) ? true : undefined), {
      timeoutMs: 30_000 + s.vips.length * 20,
      intervalMs: 20,
      what: `every VIP of ${VICTIM} to be held elsewhere after the ${fault}`,
    });
    const allMovedMs = Math.max(...lost.map((v) => (movedAt(v) ?? faultAt) - faultAt));
    const after = await s.etcd();
    const windowMs = Date.now() - faultAt;
    // Clients answered again (bounded), then a short settle so the last gap is closed.
    for (let i = 0; i < 250 && pings.some((p) => p.stats().unansweredAtEnd > 0); i++) await sleep(20);
    await sleep(200);
    const outages: number[] = [];
    let reachableAt = faultAt;
    for (const p of pings) {
      await p.stop();
      const gaps = pingGaps(p.output().split('\n'), PING_INTERVAL_MS).filter((g) => g.to > faultAt);
      outages.push(Math.round(gaps.reduce((m, g) => Math.max(m, g.ms), 0)));
      for (const g of gaps) reachableAt = Math.max(reachableAt, g.to);
    }
    const doubled = s.census().doubled;
    outages.sort((a, b) => a - b);
    return {
      fault,
      vipsMoved: lost.length,
      allMovedMs: Math.round(allMovedMs),
      sampled: pings.length,
      outageMedianMs: outages[Math.floor(outages.length / 2)] ?? 0,
      outageMaxMs: outages[outages.length - 1] ?? 0,
      allSampledReachableMs: Math.round(reachableAt - faultAt),
      etcd: etcdLoad(before, after, windowMs),
      doubledAtEnd: fault === 'link-cut' ? 0 : doubled,
    };
  } finally {
    for (const p of pings) await p.stop().catch(() => undefined);
    if (cut) await s.lab.restoreLink(VICTIM);
  }
}

/** After a fault: n1 runs again and every VIP is back on its preferred node. */
async function recover(s: ScaleLab, fault: ScaleFault): Promise<number> {
  const t0 = Date.now();
  if (fault === 'sigkill') s.cluster.start(VICTIM);
  await pollUntil(async () => (s.settled() ? true : undefined), {
    timeoutMs: 60_000 + s.vips.length * 30,
    intervalMs: 50,
    what: `every VIP back on its preferred node after ${VICTIM} returned`,
  });
  await s.cluster.waitServing(SCALE_NODES, 30_000);
  return Date.now() - t0;
}

/** Fills `r` as it goes, so that a later step failing keeps the figures measured before it. */
async function measure(
  r: ScaleResult,
  args: ScaleArgs,
  logsDir: string,
  log: (line: string) => void,
): Promise<void> {
  const n = r.vips;
  const lab = await createLab({ nodes: 3, ipv6: true, etcd: true });
  try {
    const endpoint = await lab.startEtcd();
    const s = new ScaleLab(lab, endpoint, planVips(n), {
      nodes: SCALE_NODES,
      extraYaml: timingsYaml(args.timings),
      nodeFlags: args.nodeFlags,
    });
    await s.putSpecs();
    s.sampler = await lab.startSampler([...SCALE_NODES]);
    const cold = await coldStart(s);
    r.coldStart = cold;
    log(
      `  cold start: all ${n} up after ${cold.allUpMs} ms, on their preferred nodes after ${cold.settledMs} ms`,
    );
    await sleep(3000);
    const e0 = await s.etcd();
    const t0 = Date.now();
    r.nodes = await nodeFigures(s, args.steadyMs, () => sleep(args.steadyMs));
    const steady = etcdLoad(e0, await s.etcd(), Date.now() - t0);
    r.steady = steady;
    log(
      `  steady: etcd ${steady.requestsPerSec} req/s, ${steady.writesPerSec} writes/s; ` +
        r.nodes
          .map(
            (x) =>
              `${x.node} ${x.vips} VIPs ${x.rssMb} MB ${x.cpuPercent}% CPU (helpers ${x.helperCpuPercent}%)`,
          )
          .join(', '),
    );
    r.failovers = [];
    r.recoveries = {};
    for (const fault of args.faults) {
      const f = await failover(s, fault, args.samples);
      r.failovers.push(f);
      log(
        `  ${fault}: ${f.vipsMoved} VIPs of ${VICTIM} held elsewhere after ${f.allMovedMs} ms; sampled outage median ${f.outageMedianMs} ms, max ${f.outageMaxMs} ms; etcd ${f.etcd.requestsPerSec} req/s over ${f.etcd.seconds} s`,
      );
      r.recoveries[fault] = await recover(s, fault);
      log(`  ${VICTIM} back, all VIPs home after ${r.recoveries[fault]} ms`);
      await sleep(2000);
    }
    await s.sampler.stop();
    await s.cluster.stopAll();
    r.ok = true;
  } finally {
    await keepLogsAndDestroy(lab, logsDir, log);
  }
}

async function main(args: ScaleArgs): Promise<number> {
  return runPerN({
    name: 'scale',
    vips: args.vips,
    outDir: args.outDir,
    makeRun: (header): ScaleRun => ({
      ...header,
      steadyMs: args.steadyMs,
      timings: args.timings,
      ...(args.nodeFlags.length ? { nodeFlags: args.nodeFlags } : {}),
      samples: args.samples,
      results: [],
    }),
    result: (n): ScaleResult => ({ vips: n, ok: false }),
    title: (r) => `N = ${r.vips}`,
    limitMs: () => PER_N_LIMIT_MS,
    measure: (r, logsDir, log) => measure(r, args, logsDir, log),
    render: renderScaleMarkdown,
  });
}

runCli(parseScaleArgs, SCALE_USAGE, main);
