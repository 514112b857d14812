/**
 * vipd's CPU priority. Beats, renewals and the kernel agent's deadline all assume the daemon
 * runs within milliseconds of a timer; on a host whose CPUs are saturated by other work a
 * nice-0 Node process waits behind every runnable task at each wake-up, its beats arrive late
 * and its peers (or its own fence) take that for death (bench:starve: the fast profile moved the
 * VIP 12 times in 60 s beside 12 busy processes). A lower nice value gives the daemon the CPU
 * first at each wake-up; it uses little of it, so the host's work loses almost nothing.
 *
 * Two levels. Linux applies a nice value per thread, so every thread of the process is set;
 * threads started later, and the kernel agent spawned after this, inherit it. And with the
 * kernel's autogroup scheduling (sched_autogroup_enabled, the default on Debian, in force where
 * the cpu cgroup controller is not), the CPUs are shared first between sessions and only then
 * between the tasks of one, so a thread's nice value counts only inside its session: twelve busy
 * processes each in a session of their own can leave vipd's session a thirteenth of the CPUs
 * whatever the threads' nice. So when vipd leads its own session (a systemd service does), the
 * session's group gets the same value. The kernel agent vipd starts runs in a session of its own
 * (detached) and gives its group the value of vipd's group (vipd-agent.c nice_autogroup, never
 * more): it does the kernel's share of every change and refresh, and at nice 0 beside twelve busy
 * sessions it could not keep 2000 lifetimes (bench:starve, 2026-12-07). When vipd
 * does not lead its session (started from a shell or a script), vipd's group is left alone:
 * raising it would raise everything else in that session too (in bench:starve, twelve busy loops sharing the lab's session then starved
 * the kernel's own softirq threads and with them every packet between the namespaces, for up to
 * 2 s). Where there is no autogroup (no /proc/self/autogroup, or the cpu controller in use) that
 * part changes nothing.
 *
 * A thread or group already at the value or below is left as it is: systemd's Nice= sets the
 * process before it drops to User=, and an unprivileged vipd could not set it again (nor should a
 * lower value an operator chose be raised).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

export interface PriorityResult {
  /** Threads set to the nice value. */
  threads: number;
  /** Whether the session's autogroup was set too (false: nice 0, no autogroup here, or vipd does not lead its session). */
  autogroup: boolean;
  /** Why a part could not be set (e.g. not root), when one could not. */
  error?: string;
}

export interface PriorityDeps {
  threadIds(): number[];
  getPriority(tid: number): number;
  setPriority(tid: number, nice: number): void;
  /** The nice value of this process's autogroup (throws ENOENT where there is none). */
  autogroupNice(): number;
  /** Sets the nice value of this process's autogroup (throws ENOENT where there is none). */
  setAutogroupNice(nice: number): void;
  /** Whether this process leads its session (its pid is the session id). */
  leadsSession(): boolean;
}

const linuxDeps: PriorityDeps = {
  threadIds: () =>
    readdirSync('/proc/self/task')
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0),
  getPriority: (tid) => getPriority(tid),
  setPriority: (tid, nice) => setPriority(tid, nice),
  autogroupNice: () => {
    // "/autogroup-123 nice 0"
    const m = /nice (-?\d+)/.exec(readFileSync('/proc/self/autogroup', 'utf8'));
    if (!m) throw new Error('unreadable /proc/self/autogroup');
    return Number(m[1]);
  },
  setAutogroupNice: (nice) => writeFileSync('/proc/self/autogroup', `${nice}\n`),
  leadsSession: () => {
    // /proc/self/stat: "pid (comm) state ppid pgrp session ..."; comm may hold spaces.
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[3]) === process.pid;
  },
};

/** Whether a current value must change: a priority above the target is raised; a lower one is kept unless the target lowers priority (positive). */
const needsChange = (now: number, nice: number): boolean => (nice > 0 ? now !== nice : now > nice);

const code = (err: unknown): string | undefined => (err as NodeJS.ErrnoException).code;

/** Sets every thread of this process, and its autogroup when it leads its session, to `nice` (or leaves them lower); 0 changes nothing. */
export function applyNice(nice: number, deps: PriorityDeps = linuxDeps): PriorityResult {
  const result: PriorityResult = { threads: 0, autogroup: false };
  if (nice === 0) return result;
  try {
    for (const tid of deps.threadIds()) {
      try {
        if (needsChange(deps.getPriority(tid), nice)) deps.setPriority(tid, nice);
        result.threads++;
      } catch (err) {
        // A thread that ended meanwhile is not an error; any other refusal is.
        if (code(err) === 'ESRCH') continue;
        throw err;
      }
    }
  } catch (err) {
    result.error = (err as Error).message;
    return result;
  }
  if (!deps.leadsSession()) return result;
  try {
    if (needsChange(deps.autogroupNice(), nice)) deps.setAutogroupNice(nice);
    result.autogroup = true;
  } catch (err) {
    if (code(err) !== 'ENOENT') result.error = `the session's CPU group: ${(err as Error).message}`;
  }
  return result;
}
