/**
 * The event loop's delay, watched between ticks: a stalled loop sends no heartbeats and no
 * renewals, and to peers the node looks dead. A stall is logged so that its cause can be found.
 */
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import type { Logger } from '@vipd/log';

/** An event-loop delay above this within a tick is logged. */
export const STALL_WARN_MS = 150;

/** The parts of node's event-loop delay histogram the monitor reads (nanoseconds). */
export type LoopDelay = Pick<IntervalHistogram, 'max' | 'mean' | 'reset' | 'enable' | 'disable'>;

export class StallMonitor {
  constructor(
    private readonly log: Logger,
    private readonly loopDelay: LoopDelay = monitorEventLoopDelay({ resolution: 10 }),
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
    if (maxMs > STALL_WARN_MS) {
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
