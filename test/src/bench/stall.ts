// npm run bench:stall: two vipd nodes and N VIPs (IPv4 and IPv6 mixed), all preferring n1, in one
// namespace lab per N. n1's vipd is stopped (SIGSTOP, 4 s), frozen with its helpers (4 s, what a
// cgroup freeze does), killed alone or with every process under it, or cut off (its link down); the
// figures are per VIP, from `ip -ts monitor address` in both namespaces: how long both nodes held
// it while both were reachable, how fast n2 took over, how long n1 kept its addresses, and whether
// every VIP ended up held exactly once. Needs root; touches nothing outside the lab's namespaces
// and temporary directory except the results directory. Every process it signals is one the lab
// started, or a helper under it, by PID (start time checked).
import { registerCleanup } from '../harness/cleanup';
import { pollUntil, sleep } from '../harness/proc';
import { createLab, type NodeHost } from '../lab';
import { runCli } from './cli';
import { isLive, processTree, signalRef, type ProcRef } from './proc-tree';
import { formatMs } from './report';
import { keepLogsAndDestroy, runPerN } from './run-info';
import { planVips } from './scale-plan';
import {
  OVERLAP_LIMIT_MS,
  parseStallArgs,
  renderStallMarkdown,
  stallAddresses,
  STALL_USAGE,
  STOP_MS,
  trialFigures,
  type StallArgs,
  type StallFault,
  type StallResult,
  type StallRun,
  type StallTrial,
  type TrialFigures,
  type Window,
} from './stall-report';
import { VipLab } from './vip-lab';

const HOLDER: NodeHost = 'n1';
const BACKUP: NodeHost = 'n2';
const NODES: readonly NodeHost[] = [HOLDER, BACKUP];
/** A state counts as settled once no planned VIP has changed hands for this long. */
const STABLE_MS = 1000;
/** How long the helpers of a vipd killed alone may take to exit by themselves. */
const ORPHAN_WAIT_MS = 10_000;

const settleBound = (n: number): number => 30_000 + n * 10;
const homeBound = (n: number): number => 60_000 + n * 30;
/** Hard bound on one N, whatever happens inside. */
const perNLimit = (n: number, args: StallArgs): number =>
  5 * 60_000 + args.trials * args.faults.length * (180_000 + n * 90);

/** The last moment a planned VIP was added or removed anywhere (the epoch if never). */
function lastChange(s: VipLab): number {
  let at = 0;
  for (const v of s.vips)
    for (const i of s.sampler.timeline.intervals(v.ip)) at = Math.max(at, i.start, i.end ?? 0);
  return at;
}

const onceEach = (s: VipLab) => (): boolean => {
  const { single, doubled } = s.census();
  return single === s.vips.length && doubled === 0;
};

/** When a wait for a state ended: the moment the state was reached, or when the wait gave up. */
interface Reached {
  at: number;
  ok: boolean;
}

/**
 * Waits (bounded) until `ok` holds and no VIP has changed for STABLE_MS, counting from `since`
 * at the earliest.
 */
async function waitStable(
  s: VipLab,
  ok: () => boolean,
  since: number,
  timeoutMs: number,
  what: string,
): Promise<Reached> {
  try {
    const at = await pollUntil(
      async () => {
        if (!ok()) return undefined;
        const at = Math.max(lastChange(s), since);
        return Date.now() - at >= STABLE_MS ? at : undefined;
      },
      { timeoutMs, intervalMs: 50, what },
    );
    return { at, ok: true };
  } catch {
    return { at: Date.now(), ok: false };
  }
}

/**
 * SIGSTOP to every process of the tree under pid, root first, until no new one appears (a
 * helper spawned meanwhile). Until resumed, a process exit SIGCONTs them too.
 */
function stopTree(pid: number, rootOnly: boolean): { stopped: ProcRef[]; resume: () => void } {
  const stopped: ProcRef[] = [];
  const resume = (): void => {
    for (const r of stopped) signalRef(r, 'SIGCONT');
  };
  const unregister = registerCleanup({ sync: resume });
  for (let round = 0; round < 5; round++) {
    const tree = processTree(pid);
    const fresh = (rootOnly ? tree.slice(0, 1) : tree).filter(
      (r) => !stopped.some((x) => x.pid === r.pid && x.startTicks === r.startTicks),
    );
    if (fresh.length === 0) break;
    for (const r of fresh) if (signalRef(r, 'SIGSTOP')) stopped.push(r);
  }
  return {
    stopped,
    resume: () => {
      resume();
      unregister();
    },
  };
}

/** Waits (bounded) for processes to be gone; SIGKILLs what is left. Returns the ones killed. */
async function reap(refs: readonly ProcRef[], waitMs: number): Promise<ProcRef[]> {
  for (let i = 0; i < waitMs / 50 && refs.some(isLive); i++) await sleep(50);
  const left = refs.filter(isLive);
  for (const r of left) signalRef(r, 'SIGKILL');
  for (let i = 0; i < 40 && left.some(isLive); i++) await sleep(50);
  return left;
}

const describeProcs = (refs: readonly ProcRef[]): string => refs.map((r) => `${r.comm} ${r.pid}`).join(', ');

interface FaultOutcome {
  recoveredAt: number;
  settled: Reached;
  unreachable: Window[];
}

/** Injects the fault on n1 and undoes it (after STOP_MS, or once every VIP is held exactly once). */
async function inject(
  s: VipLab,
  fault: StallFault,
  faultAt: number,
  problems: string[],
): Promise<FaultOutcome> {
  const n = s.vips.length;
  const settle = (since: number): Promise<Reached> =>
    waitStable(s, onceEach(s), since, settleBound(n), `every VIP held exactly once after the ${fault}`);
  const pid = s.pid(HOLDER);
  if (fault === 'sigstop' || fault === 'freeze') {
    const { stopped, resume } = stopTree(pid, fault === 'sigstop');
    // vipd's own tree has its agent only when the agent is its child (--agent child).
    const alone = !s.cluster.options.agentService;
    if (fault === 'freeze' && alone && stopped.length < 2)
      problems.push(`froze only ${describeProcs(stopped)}`);
    let recoveredAt: number;
    try {
      await sleep(faultAt + STOP_MS - Date.now());
    } finally {
      resume();
      recoveredAt = Date.now();
    }
    return { recoveredAt, settled: await settle(recoveredAt), unreachable: [] };
  }
  if (fault === 'linkcut') {
    await s.lab.cutLink(HOLDER);
    let settled: Reached;
    let recoveredAt: number;
    try {
      settled = await settle(faultAt);
    } finally {
      await s.lab.restoreLink(HOLDER);
      recoveredAt = Date.now();
    }
    return { recoveredAt, settled, unreachable: [{ from: faultAt, to: recoveredAt }] };
  }
  // sigkill: vipd alone, its helpers live on (and should go by themselves); sigkill-unit: the
  // whole tree at once, stopped first so that nothing reacts to another's death.
  const helpers = processTree(pid).slice(1);
  if (fault === 'sigkill-unit') {
    const { stopped, resume } = stopTree(pid, false);
    for (const r of stopped.slice(1)) signalRef(r, 'SIGKILL');
    helpers.push(...stopped.slice(1).filter((r) => !helpers.some((h) => h.pid === r.pid)));
    await s.cluster.signal(HOLDER, 'SIGKILL');
    resume(); // nothing is left to resume; this drops the exit hook
  } else {
    await s.cluster.signal(HOLDER, 'SIGKILL');
  }
  const settled = await settle(faultAt);
  const killed = await reap(helpers, fault === 'sigkill' ? ORPHAN_WAIT_MS : 2000);
  if (killed.length)
    problems.push(`helpers still running after vipd's ${fault}, killed: ${describeProcs(killed)}`);
  const recoveredAt = Date.now();
  await s.cluster.startAsync(HOLDER);
  return { recoveredAt, settled, unreachable: [] };
}

function describeFigures(f: TrialFigures): string {
  const never = f.notOnBackup ? ` (${f.notOnBackup} never)` : '';
  return (
    `${f.overlapped} VIPs overlapped (${f.overLimit} over ${OVERLAP_LIMIT_MS} ms), max ${formatMs(f.maxOverlapMs)}, ` +
    `p99 ${formatMs(f.p99OverlapMs)} (after recovery ${f.afterRecovery.overlapped}, max ${formatMs(f.afterRecovery.maxOverlapMs)}); all on ${BACKUP} after ${formatMs(f.allOnBackupMs)}${never}; ` +
    `${HOLDER}'s last old VIP gone after ${formatMs(f.oldHolderLastMs)} (${f.oldHolderKeptAtRecovery} kept past recovery); ` +
    `not held once after fault/end ${f.notOnceAfterFault}/${f.notOnceAtEnd}; back on ${HOLDER} after ${formatMs(f.backHomeMs)}`
  );
}

/** One fault on n1 from a settled lab; whether every VIP came back to n1 (bounded wait). */
async function runTrial(s: VipLab, t: StallTrial, log: (line: string) => void): Promise<boolean> {
  const faultAt = Date.now();
  const out = await inject(s, t.fault, faultAt, t.problems);
  if (!out.settled.ok)
    t.problems.push(`not every VIP held exactly once within ${settleBound(s.vips.length)} ms`);
  const home = await waitStable(
    s,
    () => s.settled(),
    out.recoveredAt,
    homeBound(s.vips.length),
    `every VIP back on ${HOLDER}`,
  );
  if (!home.ok) t.problems.push(`not every VIP back on ${HOLDER} within ${homeBound(s.vips.length)} ms`);
  t.figures = trialFigures(
    s.sampler.timeline,
    s.vips.map((v) => v.ip),
    {
      faultAt,
      recoveredAt: out.recoveredAt,
      settledAt: out.settled.at,
      settled: out.settled.ok,
      endAt: home.at,
      unreachable: out.unreachable,
    },
    HOLDER,
    BACKUP,
  );
  log(`  ${t.fault} #${t.trial}: ${describeFigures(t.figures)}`);
  for (const p of t.problems) log(`    ${p}`);
  if (home.ok) await s.cluster.waitServing(NODES, 30_000);
  return home.ok;
}

/**
 * After a trial that left VIPs astray: both vipds stopped (SIGTERM: each removes its VIPs) and
 * their helpers gone, every VIP gone, then a cold start, so that the next fault starts clean.
 */
async function reset(s: VipLab, log: (line: string) => void): Promise<void> {
  const helpers = NODES.flatMap((h) => {
    const pid = s.cluster.procs.get(h)?.pid;
    return pid === undefined ? [] : processTree(pid).slice(1);
  });
  await s.cluster.stopAll();
  const killed = await reap(helpers, 5000);
  if (killed.length) log(`  helpers still running after vipd's SIGTERM, killed: ${describeProcs(killed)}`);
  await pollUntil(async () => (NODES.every((h) => s.heldBy(h).length === 0) ? true : undefined), {
    timeoutMs: 30_000,
    intervalMs: 50,
    what: 'every VIP gone once both vipds had stopped',
  });
  log(
    `  reset: both vipds stopped; all ${s.vips.length} VIPs on ${HOLDER} again after ${await coldStart(s)} ms`,
  );
}

/** n1 first until it holds all N, then n2; resolves once all N are on n1 alone and quiet. */
async function coldStart(s: VipLab): Promise<number> {
  const n = s.vips.length;
  const t0 = Date.now();
  await s.cluster.startAsync(HOLDER);
  await pollUntil(async () => (s.heldBy(HOLDER).length === n ? true : undefined), {
    timeoutMs: 60_000 + n * 60,
    intervalMs: 50,
    what: `all ${n} VIPs on ${HOLDER}`,
  });
  const ms = Date.now() - t0;
  await s.cluster.startAsync(BACKUP);
  await s.cluster.waitServing(NODES, 30_000);
  const quiet = await waitStable(s, () => s.settled(), Date.now(), homeBound(n), `all on ${HOLDER} alone`);
  if (!quiet.ok) throw new Error(`the VIPs did not stay on ${HOLDER} once ${BACKUP} had started`);
  return ms;
}

/** Fills `r` as it goes, so that a later step failing keeps the figures measured before it. */
async function measure(r: StallResult, args: StallArgs, logsDir: string, log: (line: string) => void) {
  const addresses = stallAddresses(r.vips);
  const lab = await createLab({ nodes: 2, ipv6: true, etcd: true });
  try {
    const vips = planVips(r.vips, { nodes: NODES, rotate: false, address: (i) => addresses[i]! });
    const s = new VipLab(lab, await lab.startEtcd(), vips, {
      nodes: NODES,
      agentService: args.agent === 'service',
    });
    await s.putSpecs();
    s.sampler = await lab.startSampler(NODES, { maxDurationMs: perNLimit(r.vips, args) });
    r.coldStartMs = await coldStart(s);
    log(
      `  all ${r.vips} VIPs on ${HOLDER} after ${r.coldStartMs} ms; ${HOLDER}'s vipd: ${describeProcs(processTree(s.pid(HOLDER)))}`,
    );
    for (let trial = 1; trial <= args.trials; trial++) {
      for (const fault of args.faults) {
        const t: StallTrial = { fault, trial, problems: [] };
        r.trials.push(t);
        if (!(await runTrial(s, t, log))) await reset(s, log);
        await sleep(1000);
      }
    }
    const { discrepancies } = await s.sampler.stop();
    if (discrepancies.length) r.samplerDiscrepancies = discrepancies.slice(0, 20);
    await s.cluster.stopAll();
    r.ok = true;
  } finally {
    await keepLogsAndDestroy(lab, logsDir, log);
  }
}

async function main(args: StallArgs): Promise<number> {
  return runPerN({
    name: 'stall',
    vips: args.vips,
    outDir: args.outDir,
    makeRun: (header): StallRun => ({ ...header, stopMs: STOP_MS, agent: args.agent, results: [] }),
    result: (n): StallResult => {
      const v4 = stallAddresses(n).filter((a) => !a.includes(':')).length;
      return { vips: n, v4, v6: n - v4, ok: false, trials: [] };
    },
    title: (r) => `N = ${r.vips} (${r.v4} IPv4, ${r.v6} IPv6)`,
    limitMs: (n) => perNLimit(n, args),
    measure: (r, logsDir, log) => measure(r, args, logsDir, log),
    render: renderStallMarkdown,
  });
}

runCli(parseStallArgs, STALL_USAGE, main);
