/** Monotonic time. Liveness is measured on this, never on the wall clock. */
export interface Clock {
  /** Milliseconds on a monotonic clock with an arbitrary origin. */
  now(): number;
}

export const monotonicClock: Clock = { now: () => performance.now() };
