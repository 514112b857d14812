// The stall benchmark's pure parts: its arguments, the VIP addresses (IPv4 and IPv6 mixed), the
// per-VIP overlap and takeover figures read from an address timeline, and the Markdown table.
import type { AddressTimeline } from '../lab/address-timeline';
import { ipv4Of, labHosts, type NodeHost } from '../lab/topology';
import { outDirArg, knownList, parseFlags, wholeNumber } from './cli';
import { formatMs } from './report';
import type { Machine } from './model';
import { vipList } from './scale-plan';
import { median, quantile } from './stats';

export const STALL_FAULTS = ['sigstop', 'freeze', 'sigkill', 'sigkill-unit', 'linkcut'] as const;
export type StallFault = (typeof STALL_FAULTS)[number];
/** The target the issue sets: no VIP held by two reachable hosts for longer than this. */
export const OVERLAP_LIMIT_MS = 100;
/** How long sigstop and freeze keep vipd stopped. */
export const STOP_MS = 4000;

export const AGENT_MODES = ['child', 'service'] as const;
export type AgentMode = (typeof AGENT_MODES)[number];

export interface StallArgs {
  vips: number[];
  /** How each node runs its kernel agent: vipd's child, or its own service (vipd-agent.service). */
  agent: AgentMode;
  faults: StallFault[];
  trials: number;
  outDir: string | undefined;
  help: boolean;
}

export const STALL_USAGE = `usage: npm run bench:stall -- [--vips 600,2000] [--faults LIST] [--agent child|service] [--trials N] [--out DIR]
  --vips LIST     VIP counts, one fresh 2-node lab each, all preferring n1 (default 600,2000)
  --faults LIST   ${STALL_FAULTS.join(',')} (default: all, in this order, on n1's vipd)
                  sigstop: SIGSTOP of vipd for ${STOP_MS / 1000} s; freeze: vipd and its helpers stopped ${STOP_MS / 1000} s
                  (a cgroup freeze); sigkill: vipd alone; sigkill-unit: vipd and every process under
                  it; linkcut: n1's cable pulled until every VIP is on n2
  --agent MODE    child: vipd starts its kernel agent (frozen and killed with vipd's process tree);
                  service: the agent runs on its own (vipd-agent.service, node.agentSocket), so a
                  freeze or kill of vipd's tree leaves it running (default child)
  --trials N      trials per N × fault (default 1)
  --out DIR       output directory (default: bench-results/ in the repository)
Needs root: it builds network namespaces (nothing in the root namespace).`;

export function parseStallArgs(argv: readonly string[]): StallArgs {
  const args: StallArgs = {
    vips: [600, 2000],
    agent: 'child',
    faults: [...STALL_FAULTS],
    trials: 1,
    outDir: undefined,
    help: false,
  };
  args.help = parseFlags(argv, {
    '--vips': (v) => (args.vips = vipList('--vips', v())),
    '--faults': (v) => (args.faults = knownList('--faults', v(), STALL_FAULTS)),
    '--agent': (v) => {
      const [mode, ...more] = knownList('--agent', v(), AGENT_MODES);
      if (mode === undefined || more.length > 0) throw new Error('--agent takes one of child, service');
      args.agent = mode;
    },
    '--trials': (v) => (args.trials = wholeNumber('--trials', v(), 1, 100)),
    '--out': (v) => (args.outDir = outDirArg(v())),
  }).help;
  return args;
}

/** Every address a lab host may have (2-node and 3-node labs, 1 or 3 etcd members). */
const LAB_HOST_V4 = labHosts({ nodes: 3, etcd: true, etcdMembers: 3 }).map(ipv4Of);

/**
 * N VIP addresses with prefix: IPv4 at even positions, ceil(N/2) of them or as many as
 * 198.51.100.0/24 and 203.0.113.0/24 hold beside the lab's hosts (501), the rest IPv6
 * (2001:db8::1:<k in hex>/64, the lab's on-link subnet). 198.51.100.x/24 is on-link; 203.0.113.x
 * is /32: in a /24 of its own the first one would be the primary address, and deleting it
 * deletes every secondary with it (promote_secondaries is 0 in a fresh namespace).
 */
export function stallAddresses(n: number): string[] {
  const v4: string[] = [];
  for (const [net, plen] of [
    ['198.51.100', 24],
    ['203.0.113', 32],
  ] as const) {
    for (let k = 1; k <= 254; k++) if (!LAB_HOST_V4.includes(`${net}.${k}`)) v4.push(`${net}.${k}/${plen}`);
  }
  const v4Count = Math.min(Math.ceil(n / 2), v4.length);
  const out: string[] = [];
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    if (a < v4Count && (i % 2 === 0 || b >= n - v4Count)) out.push(v4[a++]!);
    else out.push(`2001:db8::1:${(b++).toString(16)}/64`);
  }
  return out;
}

export interface Window {
  from: number;
  to: number;
}

/**
 * The parts of one VIP's overlaps that fall inside `window` and outside every `unreachable`
 * window (a cut host does not count while cut; an overlap across the cut gives two parts).
 */
export function reachableOverlaps(
  overlaps: readonly { start: number; end: number }[],
  window: Window,
  unreachable: readonly Window[],
): Window[] {
  const out: Window[] = [];
  for (const o of overlaps) {
    let pieces: Window[] = [{ from: Math.max(o.start, window.from), to: Math.min(o.end, window.to) }];
    for (const u of unreachable) {
      pieces = pieces.flatMap((p) => [
        { from: p.from, to: Math.min(p.to, u.from) },
        { from: Math.max(p.from, u.to), to: p.to },
      ]);
    }
    for (const p of pieces) if (p.to > p.from) out.push(p);
  }
  return out;
}

/** The moments of one fault trial (epoch ms, the address timeline's clock). */
export interface TrialTimes {
  faultAt: number;
  /** SIGCONT, vipd restarted, or the link restored. */
  recoveredAt: number;
  /** Every VIP held exactly once and unchanged for a while after the fault, or the wait gave up. */
  settledAt: number;
  /** Whether that state was reached (default true). */
  settled?: boolean;
  /** Every VIP back on n1 (or the wait gave up): the end of the measured window. */
  endAt: number;
  /** While n1's link was cut. */
  unreachable: Window[];
}

export interface TrialFigures {
  vips: number;
  /** VIPs held by both nodes at some time while both were reachable, between fault and end. */
  overlapped: number;
  overLimit: number;
  maxOverlapMs: number;
  p99OverlapMs: number;
  /** Each overlapped VIP's longest overlap (ms), by address. */
  overlapMs: Record<string, number>;
  /** The longest overlap began this long after the fault. */
  worstAtMs?: number;
  /**
   * The same, of the overlaps that began once n1 was resumed, restarted or reconnected: its
   * return and the handover back to it, apart from what happened while it was down.
   */
  afterRecovery: { overlapped: number; overLimit: number; maxOverlapMs: number };
  /** From the fault until n2 had taken every VIP (undefined if it never took them all). */
  allOnBackupMs?: number;
  /** VIPs n2 did not take after the fault. */
  notOnBackup: number;
  /** From the fault until n1 no longer had any of the addresses it held at the fault. */
  oldHolderLastMs: number;
  /** VIPs n1 still had (from before the fault) when it was resumed, restarted or reconnected. */
  oldHolderKeptAtRecovery: number;
  /** From the fault until every VIP was held exactly once, and stayed so (undefined: never). */
  settledMs?: number;
  /** VIPs not held by exactly one node once the fault had settled (or the wait gave up), and at the end. */
  notOnceAfterFault: number;
  notOnceAtEnd: number;
  backHomeMs: number;
}

type Timeline = Pick<AddressTimeline, 'overlaps' | 'intervals' | 'holdersAt'>;

/** The figures of one trial over the planned VIPs `ips`, n1 the holder and n2 the backup. */
export function trialFigures(
  tl: Timeline,
  ips: readonly string[],
  t: TrialTimes,
  holder: NodeHost = 'n1',
  backup: NodeHost = 'n2',
): TrialFigures {
  const window = { from: t.faultAt, to: t.endAt };
  const overlapMs: Record<string, number> = {};
  const perVip: number[] = [];
  const perVipAfter: number[] = [];
  let worst: { ms: number; at: number } | undefined;
  let allOnBackup: number | undefined = t.faultAt;
  let notOnBackup = 0;
  let oldLast = t.faultAt;
  let kept = 0;
  const notOnce = (at: number): number => ips.filter((ip) => tl.holdersAt(ip, at).length !== 1).length;
  for (const ip of ips) {
    const overlaps = tl.overlaps(ip).filter((o) => o.hosts.includes(holder) && o.hosts.includes(backup));
    let longest = 0;
    let longestAfter = 0;
    for (const part of reachableOverlaps(overlaps, window, t.unreachable)) {
      const ms = part.to - part.from;
      longest = Math.max(longest, ms);
      if (part.from >= t.recoveredAt) longestAfter = Math.max(longestAfter, ms);
      if (!worst || ms > worst.ms) worst = { ms, at: part.from };
    }
    perVip.push(longest);
    if (longestAfter > 0) perVipAfter.push(longestAfter);
    if (longest > 0) overlapMs[ip] = Math.round(longest);
    const taken = tl.intervals(ip, backup).find((i) => i.start >= t.faultAt);
    if (taken && allOnBackup !== undefined) allOnBackup = Math.max(allOnBackup, taken.start);
    else if (!taken) {
      allOnBackup = undefined;
      notOnBackup++;
    }
    const held = tl
      .intervals(ip, holder)
      .find((i) => i.start <= t.faultAt && (i.end ?? Infinity) > t.faultAt);
    if (held) {
      oldLast = Math.max(oldLast, Math.min(held.end ?? t.endAt, t.endAt));
      if ((held.end ?? Infinity) > t.recoveredAt) kept++;
    }
  }
  const over = perVip.filter((ms) => ms > 0);
  return {
    vips: ips.length,
    overlapped: over.length,
    overLimit: over.filter((ms) => ms > OVERLAP_LIMIT_MS).length,
    maxOverlapMs: Math.round(Math.max(0, ...over)),
    p99OverlapMs: Math.round(quantile(perVip, 0.99) ?? 0),
    overlapMs,
    ...(worst ? { worstAtMs: Math.round(worst.at - t.faultAt) } : {}),
    afterRecovery: {
      overlapped: perVipAfter.length,
      overLimit: perVipAfter.filter((ms) => ms > OVERLAP_LIMIT_MS).length,
      maxOverlapMs: Math.round(Math.max(0, ...perVipAfter)),
    },
    ...(allOnBackup !== undefined ? { allOnBackupMs: Math.round(allOnBackup - t.faultAt) } : {}),
    notOnBackup,
    oldHolderLastMs: Math.round(oldLast - t.faultAt),
    oldHolderKeptAtRecovery: kept,
    ...(t.settled === false ? {} : { settledMs: Math.round(t.settledAt - t.faultAt) }),
    notOnceAfterFault: notOnce(t.settledAt),
    notOnceAtEnd: notOnce(t.endAt),
    backHomeMs: Math.round(t.endAt - t.recoveredAt),
  };
}

export interface StallTrial {
  fault: StallFault;
  trial: number;
  figures?: TrialFigures;
  /** What went wrong in this trial (a wait that gave up, a step that failed). */
  problems: string[];
}

export interface StallResult {
  vips: number;
  v4: number;
  v6: number;
  ok: boolean;
  error?: string;
  /** From starting n1's vipd until it held all N VIPs. */
  coldStartMs?: number;
  trials: StallTrial[];
  /** Where the address events and the final `ip addr` disagreed (should be none). */
  samplerDiscrepancies?: string[];
}

export interface StallRun {
  startedAt: string;
  finishedAt?: string;
  command: string;
  machine: Machine;
  stopMs: number;
  agent: AgentMode;
  results: StallResult[];
}

/** "x" for one value, "median x, max y" for several, "–" for none. */
function spreadMs(values: (number | undefined)[], never: number): string {
  const xs = values.filter((v): v is number => v !== undefined);
  const tail = never > 0 ? ` (${never} never)` : '';
  if (xs.length === 0) return `–${tail}`;
  if (xs.length === 1) return `${formatMs(xs[0])}${tail}`;
  return `${formatMs(median(xs))}, max ${formatMs(Math.max(...xs))}${tail}`;
}

function worstCount(values: number[]): string {
  return values.length === 0 ? '–' : String(Math.max(...values));
}

/** The table row of one N × fault: worst trial for counts and maxima, p99 over all trials' VIPs. */
function row(r: StallResult, fault: StallFault): string {
  const trials = r.trials.filter((t) => t.fault === fault);
  const figs = trials.flatMap((t) => (t.figures ? [t.figures] : []));
  const n = `${r.vips} (${r.v4} v4, ${r.v6} v6)`;
  if (figs.length === 0) {
    const why = trials.flatMap((t) => t.problems)[0] ?? r.error ?? 'not run';
    return `| ${n} | ${fault} | ${why} | | | | | | | | | |`;
  }
  const pooled = figs.flatMap((f) => [
    ...Object.values(f.overlapMs),
    ...Array<number>(f.vips - Object.keys(f.overlapMs).length).fill(0),
  ]);
  const maxOverlap = Math.max(...figs.map((f) => f.maxOverlapMs));
  const overLimit = Math.max(...figs.map((f) => f.overLimit));
  const notOnce = Math.max(...figs.map((f) => f.notOnceAfterFault), ...figs.map((f) => f.notOnceAtEnd));
  const met = maxOverlap <= OVERLAP_LIMIT_MS && overLimit === 0 && notOnce === 0;
  const cells = [
    n,
    fault,
    worstCount(figs.map((f) => f.overlapped)),
    worstCount(figs.map((f) => f.overLimit)),
    formatMs(maxOverlap),
    formatMs(quantile(pooled, 0.99)),
    `${worstCount(figs.map((f) => f.afterRecovery.overlapped))} (${worstCount(
      figs.map((f) => f.afterRecovery.overLimit),
    )}), ${formatMs(Math.max(...figs.map((f) => f.afterRecovery.maxOverlapMs)))}`,
    spreadMs(
      figs.map((f) => f.allOnBackupMs),
      Math.max(...figs.map((f) => f.notOnBackup)),
    ),
    `${spreadMs(
      figs.map((f) => f.oldHolderLastMs),
      0,
    )}${figs.some((f) => f.oldHolderKeptAtRecovery > 0) ? ` (${Math.max(...figs.map((f) => f.oldHolderKeptAtRecovery))} kept past recovery)` : ''}`,
    `${worstCount(figs.map((f) => f.notOnceAfterFault))} / ${worstCount(figs.map((f) => f.notOnceAtEnd))}`,
    spreadMs(
      figs.map((f) => f.backHomeMs),
      0,
    ),
    met && trials.every((t) => t.problems.length === 0) ? 'yes' : 'no',
  ];
  return `| ${cells.join(' | ')} |`;
}

export function renderStallMarkdown(run: StallRun): string {
  const m = run.machine;
  const lines = [
    '### Stall: 2 nodes, N VIPs on n1, vipd on n1 stopped, frozen, killed or cut off',
    '',
    `${run.startedAt.slice(0, 10)} · ${m.cpuModel} × ${m.cpus} · Linux ${m.kernel} · Node ${m.node} · commit ${m.commit} · \`${run.command}\``,
    '',
    `| N | fault | VIPs overlapped | over ${OVERLAP_LIMIT_MS} ms | max overlap | p99 overlap | of them after recovery: VIPs (over ${OVERLAP_LIMIT_MS} ms), max | all on n2 after | n1's last old VIP gone after | not held once: after fault / at end | back on n1 after | target met |`,
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const notes: string[] = [];
  for (const r of run.results) {
    if (r.error) notes.push(`N = ${r.vips} did not finish: ${r.error} (figures before that are shown).`);
    if (r.samplerDiscrepancies?.length)
      notes.push(
        `N = ${r.vips}: address events and the final snapshot differ: ${r.samplerDiscrepancies.join('; ')}`,
      );
    const faults = STALL_FAULTS.filter((f) => r.trials.some((t) => t.fault === f));
    if (faults.length === 0) lines.push(`| ${r.vips} | – | ${r.error ?? 'not run'} | | | | | | | | | |`);
    for (const f of faults) lines.push(row(r, f));
    for (const t of r.trials)
      for (const p of t.problems) notes.push(`N = ${r.vips}, ${t.fault}, trial ${t.trial}: ${p}`);
  }
  if (notes.length) lines.push('', ...notes.map((x) => `- ${x}`));
  lines.push(
    '',
    `Overlap: both nodes had the VIP on e0 (from \`ip -ts monitor address\` in both namespaces) while both were reachable, ` +
      `from the fault until every VIP was back on n1 (so it includes the preemption back to n1); n1 does not count while its link is cut. ` +
      `Per VIP its longest such stretch; p99 over all N VIPs (nearest rank). "After recovery": the overlaps that began once n1 ` +
      `was resumed (SIGCONT), restarted or reconnected, i.e. its return and the preemption back to it. "All on n2": the last VIP n2 took after the fault. ` +
      `"n1's last old VIP gone": the last of the addresses n1 held at the fault disappeared from it (kept past recovery: ` +
      `still there at SIGCONT, restart or link restore). "Not held once": VIPs held by none or both once the fault had settled ` +
      `(every VIP on one node, unchanged for 1 s) and at the end. sigstop and freeze last ${run.stopMs / 1000} s; ` +
      `kernel agent: ${run.agent === 'service' ? "its own process (vipd-agent --listen, as vipd-agent.service), outside vipd's process tree" : "vipd's child, frozen and killed with vipd's tree"}; ` +
      `after sigkill and sigkill-unit vipd is restarted, after linkcut the link restored, once every VIP is on n2. ` +
      `sigkill-unit runs no ExecStopPost cleanup (no systemd in the lab): the kernel lifetime removes the dead unit's VIPs. ` +
      `Several trials: counts and maxima of the worst trial, times as median and max.`,
    '',
  );
  return lines.join('\n');
}
