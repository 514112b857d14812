/** A FIFO async mutex: kernel changes for one VIP never interleave. */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();
  /** Holders and waiters. */
  private users = 0;

  /** Nobody holds or waits for the lock. */
  get idle(): boolean {
    return this.users === 0;
  }

  /** Waits for the lock and returns its release (for holding several locks at once). */
  async acquire(): Promise<() => void> {
    const prev = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((r) => (release = r));
    this.users++;
    await prev;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.users--;
      release();
    };
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}
