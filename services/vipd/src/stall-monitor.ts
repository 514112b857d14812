/**
 * The event loop's delay, watched between ticks: a stalled loop sends no heartbeats and no
 * renewals, and to peers the node looks dead. A stall is logged so that its cause can be found.
 */
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import type { Logger } from '@vipd/log';

/**
 * An event-loop delay above this within a tick is logged, or above half the holder's fence
 * deadline Df when that is shorter (the fast profile's Df is 60 ms: a 40 ms stall there is
 * most of the margin, and the log should say so).
 */
export const STALL_WARN_MS = 150;

/** The warning threshold for a holder fence deadline of `holderFenceMs`. */
export function stallWarnMs(holderFenceMs: number): number {
  return Math.min(STALL_WARN_MS, Math.max(1, Math.floor(holderFenceMs / 2)));
}

/** The parts of node's event-loop delay histogram the monitor reads (nanoseconds). */
export type LoopDelay = Pick<IntervalHistogram, 'max' | 'mean' | 'reset' | 'enable' | 'disable'>;

export class StallMonitor {
  constructor(
    private readonly log: Logger,
    private readonly loopDelay: LoopDelay = monitorEventLoopDelay({ resolution: 10 }),
    private readonly warnMs = STALL_WARN_MS,
  ) {}

  enable(): void {
    this.loopDelay.enable();
  }

  disable(): void {
    this.loopDelay.disable();
  }

  /** Logs the longest delay since the last check if it was a stall, then starts over. */
  check(vips: number): void {
    // A stalled event loop sends no heartbeats: to peers it looks like a dead node. Say so.
    const maxMs = this.loopDelay.max / 1e6;
    if (maxMs > this.warnMs) {
      this.log.warn(
        {
          maxMs: Math.round(maxMs),
          meanMs: Math.round(this.loopDelay.mean / 1e6),
          vips,
        },
        'event loop stalled: heartbeats and renewals were late',
      );
    }
    this.loopDelay.reset();
  }
}
