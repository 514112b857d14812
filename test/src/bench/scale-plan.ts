// The scale benchmark's pure parts: its arguments, the VIP plan (N VIPs spread over three
// nodes by priority) and the figures it reads from etcd's /metrics and from /proc.
import { canonicalIp, type NodeHost } from '../lab/topology';
import { knownList, outDirArg, parseFlags, wholeNumber } from './cli';

export const SCALE_NODES: readonly NodeHost[] = ['n1', 'n2', 'n3'];
export const SCALE_FAULTS = ['sigkill', 'link-cut'] as const;
export type ScaleFault = (typeof SCALE_FAULTS)[number];

export interface ScaleArgs {
  /** VIP counts, one lab each, in order. */
  vips: number[];
  /** VIPs of the failed node pinged by a client each (spread over its VIPs). */
  samples: number;
  /** Length of the steady-state window (ms). */
  steadyMs: number;
  faults: ScaleFault[];
  outDir: string | undefined;
  /**
   * Slower heartbeat timings for many VIPs per node: heartbeat interval h and holder fence Df
   * (suspicion after ceil(Df/h) missed beats). Default: vipd's default profile.
   */
  timings: { heartbeatMs: number; holderFenceMs: number } | undefined;
  /** Options given to node before vipd's script (V8 memory flags, for instance). */
  nodeFlags: string[];
  help: boolean;
}

/** 2001:db8::/64 is the lab's on-link IPv6 subnet; VIPs start at 2001:db8::1:0. */
export const MAX_VIPS = 20_000;

export const SCALE_USAGE = `usage: npm run bench:scale -- [--vips 50,500,2000] [--samples K] [--steady-ms MS] [--faults sigkill,link-cut] [--out DIR]
  --vips LIST     VIP counts to measure, one fresh lab each (default 500, or VIPD_BENCH_VIPS)
  --samples K     VIPs of the failed node that a client pings every 10 ms (default 12)
  --steady-ms MS  steady-state window for etcd load, CPU and RSS (default 10000)
  --faults LIST   ${SCALE_FAULTS.join(',')} (default: both, each on n1)
  --timings H,DF   heartbeat interval H and holder fence DF in ms (default: the default profile, 100,300)
  --node-flags F  options for node running vipd, space-separated (e.g. "--max-semi-space-size=2")
  --out DIR       output directory (default: bench-results/ in the repository)
Needs root: it builds a 3-node network-namespace lab (nothing in the root namespace).`;

/** `--vips`: a comma-separated list of VIP counts, each 3..MAX_VIPS. */
export function vipList(name: string, text: string | undefined): number[] {
  const items = (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) throw new Error(`${name} needs a comma-separated list of VIP counts`);
  return items.map((s) => wholeNumber(name, s, 3, MAX_VIPS));
}

/** `--node-flags`: node options only (`--name` or `--name=value`), nothing to run instead. */
function nodeFlags(text: string | undefined): string[] {
  const flags = (text ?? '').split(/\s+/).filter(Boolean);
  if (flags.length === 0) throw new Error('--node-flags needs at least one node option');
  for (const f of flags) {
    if (
      !/^--[a-z][a-z0-9-]*(=[A-Za-z0-9._/-]+)?$/.test(f) ||
      /^--(eval|print|require|import|loader)/.test(f)
    ) {
      throw new Error(`--node-flags: ${JSON.stringify(f)} is not a node option of the form --name[=value]`);
    }
  }
  return flags;
}

export function parseScaleArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): ScaleArgs {
  const args: ScaleArgs = {
    vips: env.VIPD_BENCH_VIPS ? vipList('VIPD_BENCH_VIPS', env.VIPD_BENCH_VIPS) : [500],
    samples: 12,
    steadyMs: 10_000,
    faults: [...SCALE_FAULTS],
    outDir: undefined,
    timings: undefined,
    nodeFlags: [],
    help: false,
  };
  args.help = parseFlags(argv, {
    '--vips': (v) => (args.vips = vipList('--vips', v())),
    '--samples': (v) => (args.samples = wholeNumber('--samples', v(), 1, 50)),
    '--steady-ms': (v) => (args.steadyMs = wholeNumber('--steady-ms', v(), 1000, 600_000)),
    '--faults': (v) => (args.faults = knownList('--faults', v(), SCALE_FAULTS)),
    '--timings': (v) => {
      const [h, df] = (v() ?? '').split(',');
      const heartbeatMs = wholeNumber('--timings heartbeat', h, 10, 10_000);
      const holderFenceMs = wholeNumber('--timings holder fence', df, 2 * heartbeatMs, 60_000);
      args.timings = { heartbeatMs, holderFenceMs };
    },
    '--node-flags': (v) => (args.nodeFlags = nodeFlags(v())),
    '--out': (v) => (args.outDir = outDirArg(v())),
  }).help;
  return args;
}

export interface PlannedVip {
  name: string;
  /** Canonical address without prefix (what the address sampler reports). */
  ip: string;
  /** The node with the highest priority: where the VIP lives while all nodes are up. */
  preferred: NodeHost;
  spec: Record<string, unknown> & { name: string };
}

export interface VipPlanOptions {
  /** Eligible nodes, best first (default the three scale nodes). */
  nodes?: readonly NodeHost[];
  /** Rotate the ranking by VIP so that each node is preferred by a share (default); false: all prefer nodes[0]. */
  rotate?: boolean;
  /** VIP i's address with prefix (default 2001:db8::1:<i in hex>/64). */
  address?: (i: number) => string;
}

/** VIP i: 2001:db8::1:<i in hex>/64; its preferred node is nodes[i % 3] (150), then 120, 100. */
export function planVips(n: number, opts: VipPlanOptions = {}): PlannedVip[] {
  if (n > MAX_VIPS) throw new Error(`at most ${MAX_VIPS} VIPs`);
  const nodes = opts.nodes ?? SCALE_NODES;
  const rotate = opts.rotate ?? true;
  const addressOf = opts.address ?? ((i: number) => `2001:db8::1:${i.toString(16)}/64`);
  const out: PlannedVip[] = [];
  const prio = [150, 120, 100];
  for (let i = 0; i < n; i++) {
    const address = addressOf(i);
    const ip = canonicalIp(address);
    const ranked = nodes.map((_, k) => nodes[((rotate ? i : 0) + k) % nodes.length]!);
    const name = `v${String(i).padStart(5, '0')}`;
    out.push({
      name,
      ip,
      preferred: ranked[0]!,
      spec: {
        name,
        address,
        interface: 'e0',
        nodes: Object.fromEntries(ranked.map((h, k) => [h, { priority: prio[k] ?? 100 }])),
        preempt: true,
      },
    });
  }
  return out;
}

/** `count` items spread evenly over `items` (all of them when there are fewer). */
export function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  const out: T[] = [];
  for (let k = 0; k < count; k++) out.push(items[Math.floor((k * items.length) / count)]!);
  return out;
}

/** Prometheus text exposition → sample name with labels (as written) → value. */
export function parsePrometheus(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?)\s+(\S+)/.exec(line);
    if (!m) continue;
    const v = Number(m[2]);
    if (Number.isFinite(v)) out.set(m[1]!, v);
  }
  return out;
}

/** What etcd has served so far, from its own counters. */
export interface EtcdCounters {
  /** Finished unary gRPC calls by method (Range, Txn, Put, LeaseGrant, ...). */
  unary: Record<string, number>;
  /** Messages received on streams by method (LeaseKeepAlive, Watch). */
  streamMsgs: Record<string, number>;
  /** Raft proposals committed: every write (put, txn with writes, delete, lease grant/revoke). */
  proposals: number;
}

function label(sample: string, name: string): string | undefined {
  return new RegExp(`${name}="([^"]*)"`).exec(sample)?.[1];
}

export function etcdCounters(metrics: Map<string, number>): EtcdCounters {
  const out: EtcdCounters = { unary: {}, streamMsgs: {}, proposals: 0 };
  for (const [sample, v] of metrics) {
    if (sample.startsWith('grpc_server_handled_total{') && label(sample, 'grpc_type') === 'unary') {
      const m = label(sample, 'grpc_method') ?? '?';
      out.unary[m] = (out.unary[m] ?? 0) + v;
    } else if (
      sample.startsWith('grpc_server_msg_received_total{') &&
      label(sample, 'grpc_type') !== 'unary'
    ) {
      const m = label(sample, 'grpc_method') ?? '?';
      out.streamMsgs[m] = (out.streamMsgs[m] ?? 0) + v;
    } else if (sample === 'etcd_server_proposals_committed_total') {
      out.proposals = v;
    }
  }
  return out;
}

function diffRecord(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = (b[k] ?? 0) - (a[k] ?? 0);
    if (d > 0) out[k] = d;
  }
  return out;
}

export interface EtcdLoad {
  seconds: number;
  /** Requests per second: unary calls plus stream messages (keepalives, watch requests). */
  requestsPerSec: number;
  writesPerSec: number;
  /** Requests in the window by method (unary calls and stream messages alike). */
  byMethod: Record<string, number>;
}

export function etcdLoad(before: EtcdCounters, after: EtcdCounters, ms: number): EtcdLoad {
  const byMethod = { ...diffRecord(before.unary, after.unary) };
  for (const [k, v] of Object.entries(diffRecord(before.streamMsgs, after.streamMsgs)))
    byMethod[k] = (byMethod[k] ?? 0) + v;
  const total = Object.values(byMethod).reduce((s, v) => s + v, 0);
  const seconds = ms / 1000;
  return {
    seconds: round(seconds, 3),
    requestsPerSec: round(total / seconds, 1),
    writesPerSec: round((after.proposals - before.proposals) / seconds, 1),
    byMethod,
  };
}

/** /proc/<pid>/status → resident and peak resident memory (kB). */
export function parseProcStatus(text: string): { rssKb: number; hwmKb: number } {
  const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
}

/** /proc/<pid>/stat → user + system CPU time in clock ticks (fields 14 and 15). */
/** utime + stime of /proc/PID/stat; with `reaped`, plus those of its children it has waited for. */
export function parseProcStatTicks(text: string, reaped = false): number {
  // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state), so field n is rest[n - 3].
  const own = Number(rest[11]) + Number(rest[12]);
  return reaped ? own + Number(rest[13]) + Number(rest[14]) : own;
}

export function round(x: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** vipd YAML lines for the --timings option (none: vipd's default profile). */
export function timingsYaml(t: ScaleArgs['timings']): string[] {
  if (!t) return [];
  const misses = Math.ceil(t.holderFenceMs / t.heartbeatMs);
  return [
    `heartbeat: { intervalMs: ${t.heartbeatMs}, suspectAfterMisses: ${misses} }`,
    `takeover: { holderFenceMs: ${t.holderFenceMs} }`,
  ];
}
