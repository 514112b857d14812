// The state machine of one check, pure. A check starts 'unknown'; `rise` successes in a row make
// it 'up', `fall` failures in a row make it 'down', from 'unknown' as from the other state.
//
// 'unknown' is not up. A daemon treats a node as eligible for a VIP only while every check the
// VIP tracks is 'up', so a node whose checks have not yet proven healthy (just started, or
// still counting) never takes a VIP.

export type CheckState = 'up' | 'down' | 'unknown';

export interface Counters {
  readonly state: CheckState;
  /** Consecutive successes, 0 after a failure. */
  readonly successes: number;
  /** Consecutive failures, 0 after a success. */
  readonly failures: number;
}

export const INITIAL_COUNTERS: Counters = { state: 'unknown', successes: 0, failures: 0 };

// Counting beyond this adds nothing (rise and fall are at most 100) and keeps numbers small.
const COUNT_CAP = 1_000_000;

/** The counters after one more probe result. */
export function nextCounters(counters: Counters, ok: boolean, rise: number, fall: number): Counters {
  if (ok) {
    const successes = Math.min(counters.successes + 1, COUNT_CAP);
    const state = counters.state !== 'up' && successes >= rise ? 'up' : counters.state;
    return { state, successes, failures: 0 };
  }
  const failures = Math.min(counters.failures + 1, COUNT_CAP);
  const state = counters.state !== 'down' && failures >= fall ? 'down' : counters.state;
  return { state, successes: 0, failures };
}

/** Whether a state counts as healthy for eligibility: only 'up' does; 'unknown' does not. */
export function isUp(state: CheckState): boolean {
  return state === 'up';
}
