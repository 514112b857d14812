/** Reconnect delays: exponential from `initialMs`, capped at `maxMs`, with equal jitter. */

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 50, maxMs: 1000 };

/**
 * Delay before reconnect attempt number `attempt` (0 for the first retry): half of the capped
 * exponential step plus a random share of the other half, so it lies in [step/2, step] and
 * never exceeds `maxMs`. `random` returns [0, 1); injectable for tests.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt, 0), 30);
  const step = Math.min(options.maxMs, options.initialMs * 2 ** exponent);
  return step / 2 + random() * (step / 2);
}
