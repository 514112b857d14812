/**
 * Monotonic time, handed to packages like the Logger: every safety timer and every liveness
 * measure reads this, never the wall clock, and tests give a fake one.
 */
export interface Clock {
  /** Milliseconds on a monotonic clock with an arbitrary origin. */
  now(): number;
}

export const monotonicClock: Clock = { now: () => performance.now() };
