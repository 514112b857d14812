/**
 * At most `limit` holders at once, the rest wait in FIFO order. vipd's leadership port takes a
 * slot for each release of a leader key (acquisitions go in bulk, bulk-acquire.ts): a node taking hundreds of VIPs at
 * once (cold start, a takeover) otherwise queued hundreds of txns in etcd, and its own renewal,
 * a linearizable read that waits for every entry before it to be applied, came back too late
 * for the fast fence. Pacing the writes keeps etcd's queue, and the bursts of answers the event
 * loop must work through, short.
 */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private head = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`semaphore limit must be ≥ 1, got ${limit}`);
  }

  /** Holders now, and callers waiting for a slot. */
  get inUse(): number {
    return this.active;
  }
  get queued(): number {
    return this.waiting.length - this.head;
  }

  /** Takes a slot if one is free now, without waiting (give it back with leave()). */
  tryEnter(): boolean {
    if (this.active >= this.limit) return false;
    this.active++;
    return true;
  }

  /** Gives back a slot taken with tryEnter(). */
  leave(): void {
    this.next();
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.active++;
    try {
      return await fn();
    } finally {
      this.next();
    }
  }

  /** Hands the slot to the next waiter (it stays taken), or frees it. */
  private next(): void {
    if (this.head < this.waiting.length) {
      const wake = this.waiting[this.head++]!;
      if (this.head > 1024 && this.head * 2 > this.waiting.length) {
        this.waiting.splice(0, this.head);
        this.head = 0;
      }
      wake();
    } else this.active--;
  }
}
