// Processes as /proc shows them: parent links, a daemon's whole process tree (its helpers may
// sit in process groups of their own, so only parent links find them), and signals sent by PID
// to exactly the process meant: a reference carries the start time, so a reused PID is never hit.
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcStat {
  state: string;
  ppid: number;
  comm: string;
  /** Start time after boot in clock ticks (field 22); absent in a truncated line. */
  startTicks?: number;
}

/** State, parent PID, command name and start time from /proc/PID/stat (pure); undefined if malformed. */
export function parseProcStat(text: string): ProcStat | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  // rest[0] is field 3 (state), so field n is rest[n - 3].
  const rest = text
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  const ppid = Number(rest[1]);
  const state = rest[0] ?? '';
  if (!state || !Number.isInteger(ppid)) return undefined;
  const start = Number(rest[19]);
  return {
    state,
    ppid,
    comm: text.slice(open + 1, close),
    ...(rest[19] !== undefined && Number.isSafeInteger(start) ? { startTicks: start } : {}),
  };
}

export function procStat(pid: number): ProcStat | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Every process's stat (one pass over /proc; processes gone meanwhile are left out). */
function allStats(): Map<number, ProcStat> {
  const out = new Map<number, ProcStat>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const st = procStat(Number(name));
    if (st) out.set(Number(name), st);
  }
  return out;
}

/** PIDs of the live children of ppid (one pass over /proc). */
export function childPids(ppid: number): number[] {
  return [...allStats()].filter(([, st]) => st.ppid === ppid).map(([pid]) => pid);
}

/** root and its descendants in `stats`, parents before children (pure); [] if root is absent. */
export function treeOf(root: number, stats: ReadonlyMap<number, Pick<ProcStat, 'ppid'>>): number[] {
  if (!stats.has(root)) return [];
  const children = new Map<number, number[]>();
  for (const [pid, st] of stats) children.set(st.ppid, [...(children.get(st.ppid) ?? []), pid]);
  const out = [root];
  // Each PID is visited once, so this ends after at most stats.size steps.
  for (let i = 0; i < out.length && out.length <= stats.size; i++) {
    for (const c of children.get(out[i] ?? -1) ?? []) if (!out.includes(c)) out.push(c);
  }
  return out;
}

/** One process, identified beyond its PID. */
export interface ProcRef {
  pid: number;
  comm: string;
  startTicks: number | undefined;
}

/** The live process tree under pid (itself first), as references. */
export function processTree(pid: number): ProcRef[] {
  const stats = allStats();
  return treeOf(pid, stats).flatMap((p) => {
    const st = stats.get(p);
    return st && !isDead(st) ? [{ pid: p, comm: st.comm, startTicks: st.startTicks }] : [];
  });
}

function isDead(st: ProcStat): boolean {
  return st.state === 'Z' || st.state === 'X';
}

/** The referenced process still runs (not a zombie, and its PID was not reused). */
export function isLive(ref: ProcRef): boolean {
  const st = procStat(ref.pid);
  return st !== undefined && !isDead(st) && st.comm === ref.comm && st.startTicks === ref.startTicks;
}

/** Signals the referenced process if it still runs; whether it was signalled. */
export function signalRef(ref: ProcRef, signal: NodeJS.Signals): boolean {
  if (!isLive(ref)) return false;
  try {
    process.kill(ref.pid, signal);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
    return false;
  }
}
