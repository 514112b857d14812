/**
 * The daemon's periodic tick (reconcile.intervalMs): first a look at the event loop's stalls,
 * then the periodic checks, whose failure is logged and tried again on the next tick.
 */
import { errorLine, type Logger } from '@vipd/log';
import type { StallMonitor } from './stall-monitor';

export interface TickOptions {
  intervalMs: number;
  /** The daemon's logger. */
  log: Logger;
  stall: Pick<StallMonitor, 'enable' | 'disable' | 'check'>;
  /** How many VIPs this node serves (logged with a stall). */
  vips: () => number;
  /** The periodic checks. */
  work: () => Promise<void>;
}

export class Tick {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly o: TickOptions) {}

  start(): void {
    this.timer = setInterval(() => void this.onTick(), this.o.intervalMs);
    this.o.stall.enable();
  }

  stop(): void {
    clearInterval(this.timer);
    this.o.stall.disable();
  }

  private async onTick(): Promise<void> {
    this.o.stall.check(this.o.vips());
    try {
      await this.o.work();
    } catch (err) {
      this.o.log.warn({ err: errorLine(err) }, 'periodic check failed');
    }
  }
}
