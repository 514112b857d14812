/**
 * vipd's CPU priority. Beats, renewals and the kernel agent's deadline all assume the daemon
 * runs within milliseconds of a timer; on a host whose CPUs are saturated by other work a
 * nice-0 Node process waits behind every runnable task at each wake-up, its beats arrive late
 * and its peers (or its own fence) take that for death (bench:starve). A lower nice value gives
 * the daemon the CPU first at each wake-up; it uses little of it, so the host's work loses
 * almost nothing. Linux applies a nice value per thread, so every thread of the process is
 * set; threads started later, and the kernel agent spawned after this, inherit it.
 */
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';

export interface PriorityResult {
  /** Threads set to the nice value. */
  threads: number;
  /** Why it could not be set (e.g. not root), when it could not. */
  error?: string;
}

export interface PriorityDeps {
  threadIds(): number[];
  setPriority(tid: number, nice: number): void;
}

const linuxDeps: PriorityDeps = {
  threadIds: () =>
    readdirSync('/proc/self/task')
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0),
  setPriority: (tid, nice) => setPriority(tid, nice),
};

/** Sets every thread of this process to `nice`; 0 changes nothing. */
export function applyNice(nice: number, deps: PriorityDeps = linuxDeps): PriorityResult {
  if (nice === 0) return { threads: 0 };
  let threads = 0;
  try {
    for (const tid of deps.threadIds()) {
      try {
        deps.setPriority(tid, nice);
        threads++;
      } catch (err) {
        // A thread that ended meanwhile is not an error; any other refusal is.
        if ((err as NodeJS.ErrnoException).code === 'ESRCH') continue;
        throw err;
      }
    }
  } catch (err) {
    return { threads, error: (err as Error).message };
  }
  return { threads };
}
