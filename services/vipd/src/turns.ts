/**
 * Turns for many VIP controllers: each queued job starts in a later event-loop turn, and a turn
 * starts jobs only for a few milliseconds before it yields. A node reconciling thousands of VIPs
 * at once (the periodic tick, a takeover) then still answers heartbeats in between: one long
 * synchronous stretch would look, to its peers, exactly like a dead node.
 */
export class Turns {
  private queue: (() => void)[] = [];
  private head = 0;
  private scheduled = false;
  /** Turns taken so far (for tests). */
  turns = 0;

  constructor(private readonly sliceMs = 4) {}

  /** Starts `job` in a later turn; resolves or rejects as its promise does. */
  run(job: () => Promise<void>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push(() => {
        job().then(resolve, reject);
      });
      this.schedule();
    });
  }

  get pending(): number {
    return this.queue.length - this.head;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.drain());
  }

  private drain(): void {
    this.scheduled = false;
    this.turns++;
    const start = performance.now();
    // At least one job per turn, then as many as fit in the slice.
    do {
      const start1 = this.queue[this.head];
      this.queue[this.head++] = noop;
      start1?.();
    } while (this.head < this.queue.length && performance.now() - start < this.sliceMs);
    if (this.head >= this.queue.length) {
      this.queue = [];
      this.head = 0;
    } else {
      if (this.head > 1024) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
      this.schedule();
    }
  }
}

const noop = (): void => undefined;
