// Many `ip` commands, one process: calls made while a batch runs are queued and go together in
// the next batch of one long-lived `ip -force -batch -` (IpCoprocess). Spawning is not free for a
// daemon (the fork blocks its event loop for milliseconds), and a node taking over hundreds of
// VIPs would otherwise spawn hundreds of processes at once, just when it must keep its
// heartbeats going.
import { NetifError } from './errors';
import { IpCoprocess, type IpCoprocessOptions } from './ip-coprocess';
import { classifyIpFailure, type IpCallContext } from './ip-runner';

/**
 * Most commands in one batch; the rest wait for the next. Each batch must be answered within
 * the coprocess timeout (5 s), or ip is killed with everything in it. An IPv6 change costs the
 * kernel time in proportion to the addresses in the namespace, and far more while the kernel is
 * expiring addresses at the same time: 1334 lifetime changes took 0.5 s, or 4.5 s right after
 * their lifetimes ran out. One refresh of every VIP in a single batch then timed out, lost the
 * whole refresh, let more lifetimes run out, and so on. 256 lines take at most ~1 s even then.
 */
export const MAX_BATCH_LINES = 256;

interface Pending {
  args: readonly string[];
  context: IpCallContext;
  resolve: () => void;
  reject: (err: NetifError) => void;
}

export class IpBatcher {
  private queue: Pending[] = [];
  private running = false;
  private readonly ip: IpCoprocess;
  /** Batches run so far, and commands in them (for tests and logs). */
  batches = 0;
  commands = 0;

  constructor(
    private readonly options: IpCoprocessOptions = {},
    /** Most commands in one batch (the rest wait for the next). */
    private readonly maxLines = MAX_BATCH_LINES,
  ) {
    this.ip = new IpCoprocess(options);
  }

  /** ip processes started so far. */
  starts(): number {
    return this.ip.starts;
  }

  /** Ends the long-lived ip (calls after this start a new one). */
  close(): void {
    this.ip.close();
  }

  /** Runs `ip ARGS…` in the next batch; rejects with the same typed errors as a lone call. */
  run(args: readonly string[], context: IpCallContext = {}): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ args, context, resolve, reject });
      if (!this.running) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    if (this.running || this.queue.length === 0) return;
    this.running = true;
    const batch = this.queue.splice(0, this.maxLines);
    try {
      this.batches++;
      this.commands += batch.length;
      const { failed } = await this.ip.run(batch.map((p) => p.args));
      const failures = new Map(failed.map((f) => [f.line, f.message]));
      batch.forEach((p, i) => {
        const message = failures.get(i + 1);
        if (message === undefined) p.resolve();
        else p.reject(classifyIpFailure([this.options.ipCommand ?? 'ip', ...p.args], 1, message, p.context));
      });
    } catch (err) {
      const error =
        err instanceof NetifError
          ? err
          : new NetifError(`ip batch failed: ${String(err)}`, { transient: true });
      for (const p of batch) p.reject(error);
    } finally {
      this.running = false;
      if (this.queue.length > 0) setImmediate(() => void this.flush());
    }
  }
}
