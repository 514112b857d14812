/**
 * Start-up steps that need etcd (the beat key, the session, the first read) are tried until
 * they succeed or the daemon stops, backing off from 200 ms to 2 s.
 */
import { errorLine, type Logger } from '@vipd/log';

export interface RetryOptions {
  /** The daemon's logger: a failure is a warning, a success after one an info line. */
  log: Logger;
  /** True once the daemon stops: no further attempt is made. */
  stopping: () => boolean;
}

/** The wait after failed attempt `attempt` (from 1): doubling from 200 ms, at most 2 s. */
export function retryDelayMs(attempt: number): number {
  return Math.min(2000, 100 * 2 ** Math.min(attempt, 5));
}

/** Runs `fn` until it resolves or `stopping()`; never rejects. */
export async function retry(what: string, fn: () => Promise<void>, o: RetryOptions): Promise<void> {
  for (let attempt = 1; !o.stopping(); attempt++) {
    try {
      await fn();
      if (attempt > 1) o.log.info({ attempt }, `${what}: ok`);
      return;
    } catch (err) {
      const delay = retryDelayMs(attempt);
      o.log.warn({ attempt, err: errorLine(err), retryInMs: delay }, `${what} failed`);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
