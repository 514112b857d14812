// npm run bench:starve: does a VIP stay put on a CPU-starved host? Two nodes and one VIP in a
// namespace lab, the client pinging every 10 ms, and BUSY processes spinning for SECONDS on this
// machine (plain `sh` loops at nice 0, started and stopped by PID, each also bounded by
// `timeout`). Counted per trial: how often the VIP changed hands, the longest client gap, the
// longest time two reachable hosts held it, and (vipd) the log lines of fences, suspicions and
// stalls. vipd is started as the contract says (`vipd --config FILE`), not under systemd.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { errorLine } from '@vipd/log';
import { registerCleanup } from '../harness/cleanup';
import { REPO_ROOT, VIPD_BIN } from '../harness/paths';
import { holderSequence, pingGaps, SafetyMonitor } from '../faults/monitor';
import { pollUntil, sleep, terminate } from '../harness/proc';
import { createLab, type Lab } from '../lab';
import { knownList, outDirArg, parseFlags, runCli, wholeNumber } from './cli';
import { createDriver, NODES, VIP, type SystemDriver } from './drivers';
import { keepLogsAndDestroy, machine, stamp, withLimit } from './run-info';
import { planVips } from './scale-plan';
import { stallAddresses } from './stall-report';
import { VipLab } from './vip-lab';
import { SYSTEMS, systemLabel, type Machine, type SystemId } from './model';

const PING_INTERVAL_MS = 10;

export type BusySession = 'same' | 'own';

export interface StarveArgs {
  session: BusySession;
  /** vipd's scheduling.nice; undefined: vipd's default. */
  nice: number | undefined;
  trials: number;
  /** 1: the four systems and one VIP; more: vipd only, N VIPs (IPv4 and IPv6) preferring n1. */
  vips: number;
  systems: SystemId[];
  busy: number;
  seconds: number;
  outDir: string | undefined;
  help: boolean;
}

export const STARVE_USAGE = `usage: npm run bench:starve -- [--trials N] [--vips N] [--systems a,b] [--busy N] [--seconds S] [--out DIR]
  --trials N      trials per system (default 2)
  --vips N        VIPs (default 1); with more than one, only the vipd systems run, and every
                  VIP prefers n1
  --systems LIST  ${SYSTEMS.map((s) => s.id).join(',')} (default: all)
  --busy N        busy processes spinning during a trial (default 12)
  --session same|own  the busy processes in the lab's session (default: one scheduling group
                  with the vipds under the kernel's autogroup) or each in its own, and then
                  each vipd and etcd in its own too (setsid), as on hosts of their own
  --nice N        vipd's scheduling.nice (default: vipd's own default, -10; 0: as started)
  --seconds S     how long they spin (default 60)
  --out DIR       output directory (default: bench-results/ in the repository)
Needs root: it builds a network-namespace lab (nothing in the root namespace).`;

export function parseStarveArgs(argv: readonly string[]): StarveArgs {
  const args: StarveArgs = {
    trials: 2,
    session: 'same',
    nice: undefined,
    vips: 1,
    systems: SYSTEMS.map((s) => s.id),
    busy: 12,
    seconds: 60,
    outDir: undefined,
    help: false,
  };
  const help = parseFlags(argv, {
    '--trials': (v) => (args.trials = wholeNumber('--trials', v(), 1, 100)),
    '--systems': (v) =>
      (args.systems = knownList(
        '--systems',
        v(),
        SYSTEMS.map((s) => s.id),
      )),
    '--nice': (v) => {
      const text = v();
      const n = Number(text);
      if (text === undefined || !/^-?\d+$/.test(text) || n < -20 || n > 19)
        throw new Error(`--nice must be a whole number from -20 to 19, got ${JSON.stringify(text)}`);
      args.nice = n;
    },
    '--session': (v) => (args.session = knownList('--session', v(), ['same', 'own'] as const)[0]!),
    '--vips': (v) => (args.vips = wholeNumber('--vips', v(), 1, 5000)),
    '--busy': (v) => (args.busy = wholeNumber('--busy', v(), 0, 64)),
    '--seconds': (v) => (args.seconds = wholeNumber('--seconds', v(), 1, 600)),
    '--out': (v) => (args.outDir = outDirArg(v())),
  }).help;
  if (args.vips > 1) args.systems = args.systems.filter((s) => s.startsWith('vipd'));
  if (args.systems.length === 0) throw new Error('--vips above 1 runs only the vipd systems');
  return { ...args, help };
}

export interface StarveTrial {
  system: SystemId;
  trial: number;
  ok: boolean;
  error?: string;
  /** Holder changes while the load ran and until the VIP settled after it (all VIPs). */
  moves?: number;
  /** Many VIPs: how many changed hands, and how many n1 dropped at least once. */
  vipsMoved?: number;
  vipsDropped?: number;
  holders?: string[];
  /** Longest client gap (ms) and how many gaps over 100 ms. */
  maxGapMs?: number;
  gapsOver100?: number;
  overlapMs?: number;
  /** vipd only: log lines that mark a fence, a suspicion of a peer, a revoke or a loop stall. */
  events?: Record<string, number>;
  /** The machine's 1-minute load average at the end of the load (what else ran decides a lot). */
  loadAvg?: number;
}

interface StarveRun {
  startedAt: string;
  finishedAt?: string;
  command: string;
  machine: Machine;
  busy: number;
  session: BusySession;
  nice: number | undefined;
  seconds: number;
  vips: number;
  trials: StarveTrial[];
  aborted?: string;
}

/**
 * With `--session own`, each vipd (and etcd) also runs in a session of its own (setsid), as on
 * hosts of their own or under a service manager: otherwise the lab's two nodes and etcd would
 * share one scheduling group against twelve, a machine no deployment has. vipd then leads its
 * session and sets that group's nice (its scheduling.nice), as `vipd --config FILE` started in a
 * terminal of its own does.
 */
function ownSessionCommand(args: StarveArgs): { vipdCommand?: readonly string[] } {
  return args.session === 'own' ? { vipdCommand: ['setsid', process.execPath, VIPD_BIN] } : {};
}

/**
 * Spins `count` shell loops; each ends by itself `seconds + 30` s later whatever happens to us.
 * `session`: 'same' keeps them in this process's session, where the lab's vipds run (with the
 * kernel's autogroup scheduling, one group that shares the CPUs: nice values decide within it);
 * 'own' starts each in a session of its own, as a separate service or login would run.
 */
function startBusy(count: number, seconds: number, session: BusySession): ChildProcess[] {
  const busy = Array.from({ length: count }, () =>
    spawn('timeout', [String(seconds + 30), 'sh', '-c', 'while :; do :; done'], {
      stdio: 'ignore',
      detached: session === 'own',
    }),
  );
  // An interrupted run stops them too (SIGTERM to `timeout` ends its loop).
  const unregister = registerCleanup({
    sync: () => {
      for (const b of busy) if (b.exitCode === null && b.signalCode === null) b.kill('SIGTERM');
    },
  });
  for (const b of busy)
    b.once('exit', () => busy.every((x) => x.exitCode !== null || x.signalCode !== null) && unregister());
  return busy;
}

const EVENT_PATTERNS: [string, RegExp][] = [
  ['fence', /fenc/i],
  ['suspect', /suspect/i],
  ['revoke', /revok/i],
  ['stall', /stall/i],
  // Addresses the kernel removed because their lifetime refresh came too late (vipd says so).
  ['expired', /longer than their kernel lifetime/],
];

function countEvents(records: Record<string, unknown>[], from: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of records) {
    const at = typeof r.time === 'number' ? r.time : Date.parse(String(r.time ?? ''));
    if (!(at >= from)) continue;
    const msg = String(r.msg ?? '');
    for (const [name, re] of EVENT_PATTERNS) if (re.test(msg)) out[name] = (out[name] ?? 0) + 1;
  }
  return out;
}

async function runTrial(
  lab: Lab,
  driver: SystemDriver,
  system: SystemId,
  trial: number,
  args: StarveArgs,
  logDir: string,
): Promise<StarveTrial> {
  const result: StarveTrial = { system, trial, ok: false };
  await driver.start();
  const monitor = await SafetyMonitor.start(lab, VIP, NODES);
  const ping = lab.startPing('cli', VIP, { intervalMs: PING_INTERVAL_MS });
  let busy: ChildProcess[] = [];
  try {
    await ping.waitForReply(5000);
    await sleep(500);
    const from = Date.now();
    busy = startBusy(args.busy, args.seconds, args.session);
    await sleep(args.seconds * 1000);
    result.loadAvg = Math.round(loadavg()[0]! * 10) / 10;
    await Promise.all(busy.map((b) => terminate(b, 2000)));
    busy = [];
    await sleep(3000);
    await ping.stop();
    const gaps = pingGaps(ping.output().split('\n'), PING_INTERVAL_MS).filter((g) => g.to > from);
    const mon = await monitor.stop();
    const held = mon.timeline.intervals(VIP).filter((i) => i.end === undefined || i.end >= from);
    const seq = holderSequence(held);
    result.holders = seq;
    result.moves = Math.max(0, seq.length - 1);
    result.maxGapMs = Math.round(gaps.reduce((m, g) => Math.max(m, g.ms), 0));
    result.gapsOver100 = gaps.filter((g) => g.ms > 100).length;
    result.overlapMs = Math.round(mon.maxOverlapMs);
    const logs = driver.logs?.();
    if (logs) {
      result.events = countEvents(logs, from);
      mkdirSync(logDir, { recursive: true });
      writeFileSync(
        join(logDir, `${system}-${trial}.jsonl`),
        logs.map((l) => JSON.stringify(l)).join('\n') + '\n',
      );
    }
    result.ok = true;
    return result;
  } finally {
    await Promise.all(busy.map((b) => terminate(b, 2000)));
    await ping.stop().catch(() => undefined);
    await monitor.stop().catch(() => undefined);
  }
}

const niceYaml = (args: StarveArgs): string[] =>
  args.nice === undefined ? [] : ['scheduling:', `  nice: ${args.nice}`];

/** n1 first until it holds all N, then n2; resolves once both serve and all N are on n1. */
async function coldStart(s: VipLab): Promise<void> {
  const n = s.vips.length;
  await s.cluster.startAsync('n1');
  await pollUntil(async () => (s.heldBy('n1').length === n ? true : undefined), {
    timeoutMs: 60_000 + n * 60,
    intervalMs: 50,
    what: `all ${n} VIPs on n1`,
  });
  await s.cluster.startAsync('n2');
  await s.cluster.waitServing(NODES, 30_000);
  // Settled: all on n1 alone, for 2 s in a row (bounded).
  let quietSince = Date.now();
  await pollUntil(
    async () => {
      if (!s.settled()) quietSince = Date.now();
      return Date.now() - quietSince >= 2000 ? true : undefined;
    },
    { timeoutMs: 60_000 + n * 30, intervalMs: 50, what: 'every VIP on n1 alone once n2 had started' },
  );
}

/** Many VIPs, one lab per trial: the same load, counted per VIP from the kernel's address events. */
async function runManyTrial(
  system: SystemId,
  trial: number,
  args: StarveArgs,
  logDir: string,
): Promise<StarveTrial> {
  const result: StarveTrial = { system, trial, ok: false };
  const addresses = stallAddresses(args.vips);
  const lab = await createLab({ nodes: 2, ipv6: true, etcd: true });
  let busy: ChildProcess[] = [];
  try {
    const vips = planVips(args.vips, { nodes: NODES, rotate: false, address: (i) => addresses[i]! });
    const s = new VipLab(lab, await lab.startEtcd({ ownSession: args.session === 'own' }), vips, {
      nodes: NODES,
      extraYaml: [...(system === 'vipd-fast' ? ['takeover:', '  profile: fast'] : []), ...niceYaml(args)],
      ...ownSessionCommand(args),
    });
    await s.putSpecs();
    s.sampler = await lab.startSampler(NODES, { maxDurationMs: args.seconds * 1000 + 600_000 });
    await coldStart(s);
    const from = Date.now();
    busy = startBusy(args.busy, args.seconds, args.session);
    await sleep(args.seconds * 1000);
    result.loadAvg = Math.round(loadavg()[0]! * 10) / 10;
    await Promise.all(busy.map((b) => terminate(b, 2000)));
    busy = [];
    await sleep(3000);
    const { timeline } = await s.sampler.stop();
    let moves = 0;
    let moved = 0;
    let dropped = 0;
    for (const v of vips) {
      const held = timeline.intervals(v.ip).filter((i) => i.end === undefined || i.end >= from);
      const seq = holderSequence(held);
      moves += Math.max(0, seq.length - 1);
      if (seq.some((h) => h !== 'n1')) moved++;
      if (timeline.intervals(v.ip, 'n1').some((i) => i.end !== undefined && i.end >= from)) dropped++;
    }
    result.moves = moves;
    result.vipsMoved = moved;
    result.vipsDropped = dropped;
    const logs = NODES.flatMap((h) => s.cluster.logs(h));
    result.events = countEvents(logs, from);
    await s.cluster.stopAll();
    result.ok = true;
    return result;
  } finally {
    await Promise.all(busy.map((b) => terminate(b, 2000)));
    await keepLogsAndDestroy(lab, join(logDir, `${system}-${trial}`), (line) => console.error(line));
  }
}

function describe(t: StarveTrial): string {
  if (!t.ok) return `FAILED: ${t.error ?? '?'}`;
  const ev = t.events ? Object.entries(t.events).map(([k, v]) => `${k} ${v}`) : [];
  if (t.vipsMoved !== undefined)
    return `load ${t.loadAvg}: ${t.vipsMoved} VIPs moved (${t.moves} moves), ${t.vipsDropped} dropped by n1${ev.length ? `; log: ${ev.join(', ')}` : ''}`;
  return (
    `load ${t.loadAvg}: ${t.moves} moves (${(t.holders ?? []).join('→')}), longest gap ${t.maxGapMs} ms, ` +
    `${t.gapsOver100} gaps > 100 ms, overlap ${t.overlapMs} ms${ev.length ? `; log: ${ev.join(', ')}` : ''}`
  );
}

export function renderStarve(run: StarveRun): string {
  const lines = [
    `# bench:starve — ${run.busy} busy processes (${run.session === 'own' ? 'each in its own session' : "in the lab's session"}) for ${run.seconds} s, two nodes, ${run.vips === 1 ? 'one VIP' : `${run.vips} VIPs (IPv4 and IPv6) preferring n1`}`,
    '',
    `vipd's scheduling.nice: ${run.nice ?? "vipd's default (-10)"}`,
    '',
    `${run.startedAt} · commit ${run.machine.commit} · ${run.machine.cpus} × ${run.machine.cpuModel} · ` +
      `${run.machine.kernel} · node ${run.machine.node} · ${run.machine.keepalived}`,
    '',
    `Command: \`${run.command}\``,
    '',
    '| system | trial | load average | VIP moves | longest client gap | gaps > 100 ms | overlap | vipd log |',
    '|---|---|---|---|---|---|---|---|',
  ];
  if (run.vips > 1) {
    lines.splice(
      lines.length - 2,
      2,
      '| system | trial | load average | VIPs moved | moves | VIPs n1 dropped | vipd log |',
      '|---|---|---|---|---|---|---|',
    );
  }
  for (const t of run.trials) {
    const ev = t.events
      ? Object.entries(t.events)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ') || '—'
      : '';
    if (run.vips > 1) {
      lines.push(
        t.ok
          ? `| ${systemLabel(t.system)} | ${t.trial} | ${t.loadAvg} | ${t.vipsMoved} | ${t.moves} | ${t.vipsDropped} | ${ev} |`
          : `| ${systemLabel(t.system)} | ${t.trial} | | failed: ${t.error ?? '?'} | | | |`,
      );
      continue;
    }
    lines.push(
      t.ok
        ? `| ${systemLabel(t.system)} | ${t.trial} | ${t.loadAvg} | ${t.moves} | ${t.maxGapMs} ms | ${t.gapsOver100} | ${t.overlapMs} ms | ${ev} |`
        : `| ${systemLabel(t.system)} | ${t.trial} | | failed: ${t.error ?? '?'} | | | | |`,
    );
  }
  if (run.aborted) lines.push('', `Stopped early: ${run.aborted}`);
  return `${lines.join('\n')}\n`;
}

async function main(args: StarveArgs): Promise<number> {
  if (process.getuid?.() !== 0) {
    console.error('bench:starve needs root (it builds network namespaces)');
    return 1;
  }
  const started = new Date();
  const outDir = args.outDir ?? join(REPO_ROOT, 'bench-results');
  const base = `starve-${stamp(started)}`;
  const run: StarveRun = {
    startedAt: started.toISOString(),
    command: `npm run bench:starve -- ${process.argv.slice(2).join(' ')}`.trim().replace(/ --$/, ''),
    machine: machine(),
    busy: args.busy,
    session: args.session,
    nice: args.nice,
    seconds: args.seconds,
    vips: args.vips,
    trials: [],
  };
  const write = (): void => {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, `${base}.json`), `${JSON.stringify(run, null, 2)}\n`);
    writeFileSync(join(outDir, `${base}.md`), renderStarve(run));
  };
  if (args.vips > 1) {
    try {
      for (let trial = 1; trial <= args.trials; trial++) {
        for (const system of args.systems) {
          process.stderr.write(`trial ${trial} · ${systemLabel(system)} · ${args.vips} VIPs ... `);
          let result: StarveTrial;
          try {
            result = await withLimit(args.seconds * 1000 + 300_000 + args.vips * 100, 'the trial', () =>
              runManyTrial(system, trial, args, join(outDir, `${base}-logs`)),
            );
          } catch (err) {
            result = { system, trial, ok: false, error: errorLine(err) };
          }
          run.trials.push(result);
          process.stderr.write(`${describe(result)}\n`);
          write();
        }
      }
    } catch (err) {
      run.aborted = errorLine(err);
    }
    run.finishedAt = new Date().toISOString();
    write();
    process.stdout.write(`\n${renderStarve(run)}\n`);
    return run.aborted || run.trials.some((t) => !t.ok) ? 1 : 0;
  }
  const lab = await createLab({ nodes: 2, etcd: true });
  const drivers = new Map<SystemId, SystemDriver>();
  try {
    const endpoint = await lab.startEtcd({ ownSession: args.session === 'own' });
    const vrid = 1 + Math.floor(Math.random() * 255);
    for (const s of args.systems)
      drivers.set(
        s,
        createDriver(s, lab, endpoint, vrid, niceYaml(args), ownSessionCommand(args).vipdCommand),
      );
    for (let trial = 1; trial <= args.trials; trial++) {
      for (const system of args.systems) {
        const driver = drivers.get(system);
        if (!driver) continue;
        process.stderr.write(`trial ${trial} · ${systemLabel(system)} ... `);
        let result: StarveTrial;
        try {
          result = await withLimit(args.seconds * 1000 + 90_000, 'the trial', () =>
            runTrial(lab, driver, system, trial, args, join(outDir, `${base}-logs`)),
          );
        } catch (err) {
          result = { system, trial, ok: false, error: errorLine(err) };
        }
        await withLimit(30_000, 'stopping the daemons', () => driver.stopAll());
        for (const h of NODES)
          await lab.exec(h, ['ip', 'addr', 'flush', 'to', `${VIP}/32`, 'dev', 'e0']).catch(() => undefined);
        run.trials.push(result);
        process.stderr.write(`${describe(result)}\n`);
        write();
      }
    }
  } catch (err) {
    run.aborted = errorLine(err);
  } finally {
    for (const d of drivers.values()) await d.dispose().catch(() => undefined);
    await lab.destroy().catch((err: Error) => console.error(`lab teardown: ${err.message}`));
  }
  run.finishedAt = new Date().toISOString();
  write();
  process.stdout.write(`\n${renderStarve(run)}\n`);
  console.error(`wrote ${join(outDir, base)}.{json,md}`);
  return run.aborted || run.trials.some((t) => !t.ok) ? 1 : 0;
}

runCli(parseStarveArgs, STARVE_USAGE, main);
