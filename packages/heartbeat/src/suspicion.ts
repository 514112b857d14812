/**
 * Pure liveness arithmetic. Every time here is monotonic milliseconds; nothing reads a clock.
 *
 * A peer is suspect when it has been silent for more than `misses` intervals, where the
 * interval is the larger of ours and the one the peer advertises (a slower peer is not
 * suspected for beating at its own pace). A peer never heard from is measured from when it
 * was added, so a peer that never comes up is reported after the same time.
 */

export interface Intervals {
  /** Our beat interval. */
  ours: number;
  /** The peer's advertised interval (its last beat), if known. */
  theirs?: number;
}

/** Milliseconds of silence after which a peer is suspect. */
export function suspectAfterMs(misses: number, intervals: Intervals): number {
  return misses * Math.max(intervals.ours, intervals.theirs ?? 0);
}

/** True when the peer has been silent (or unheard since `addedAt`) for longer than allowed. */
export function isSuspect(
  now: number,
  lastBeatAt: number | undefined,
  addedAt: number,
  misses: number,
  intervals: Intervals,
): boolean {
  const since = lastBeatAt ?? addedAt;
  return now - since > suspectAfterMs(misses, intervals);
}
