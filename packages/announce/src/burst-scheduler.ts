// One interface's announcements, sent in paced bursts. Every VIP announced on the interface adds a
// series (`count` copies of its frame, the first at once, the rest `intervalMs` apart); whenever
// frames are due the scheduler gathers all of them, across VIPs, and sends them back to back in
// one native call through the interface's one socket. A token bucket caps the bursts: at most
// `burstFrames` frames leave back to back, and at most `burstFrames` per `burstGapMs` on average,
// so a takeover of 2000 VIPs leaves as ~32 bursts of 64, 1 ms apart, not 2000 frames in one
// microburst that receivers' rx rings and a switch's port buffers would drop. One timer per
// interface, whatever the number of VIPs; the series wait in a heap by due time, so a burst costs
// O(frames · log VIPs), not a pass over every VIP.
import type { Logger } from '@vipd/log';
import { DueQueue } from './due-queue';
import { AnnounceError, SendError } from './errors';
import type { FrameSocket, NativeSendError } from './packet-socket';

/** How fast one interface's bursts may leave. */
export interface Pacing {
  /** Most frames sent back to back in one burst (default 64). */
  burstFrames: number;
  /** Time in which a spent budget of `burstFrames` refills (default 1 ms). */
  burstGapMs: number;
}

/**
 * 64 frames back to back, 64 per ms at most (~43 Mbit/s of 84-byte wire frames): under the 256
 * receive descriptors of a small virtio or vmxnet ring and far under Linux's receive backlog
 * (netdev_max_backlog, 1000) on every host of the segment, which all receive each broadcast; with
 * a gap for them to drain. 2000 VIPs' first frames leave in ~32 ms.
 */
export const DEFAULT_PACING: Readonly<Pacing> = { burstFrames: 64, burstGapMs: 1 };

/** An unused socket is closed after this long (a VIP refreshes every 30 s by default). */
export const DEFAULT_IDLE_CLOSE_MS = 5 * 60_000;

/** Monotonic time and timers; tests replace them. */
export interface Timers {
  now(): number;
  /** Runs `fn` after `ms` (0: after the current event-loop turn); returns a cancel function. */
  after(ms: number, fn: () => void, opts?: { background?: boolean }): () => void;
}

export const realTimers: Timers = {
  now: () => performance.now(),
  after(ms, fn, opts) {
    if (ms <= 0 && !opts?.background) {
      const immediate = setImmediate(fn);
      return () => clearImmediate(immediate);
    }
    const timer = setTimeout(fn, Math.max(ms, 0));
    if (opts?.background) timer.unref();
    return () => clearTimeout(timer);
  },
};

export interface SeriesInput {
  frame: Buffer;
  /** For errors and logs. */
  address: string;
  family: 4 | 6;
  count: number;
  intervalMs: number;
  signal?: AbortSignal | undefined;
}

interface Series {
  input: SeriesInput;
  order: number;
  due: number;
  attempted: number;
  sent: number;
  lastError: unknown;
  /** Finished (sent out, aborted or failed): skipped when it comes up in the queue. */
  done: boolean;
  resolve(sent: number): void;
  reject(err: unknown): void;
  detach(): void;
}

export interface BurstSchedulerOptions {
  ifindex: number;
  ifname: string;
  /** Opens the interface's socket (on the first burst, and again after one failed). */
  open(ifindex: number): FrameSocket;
  pacing?: Pacing;
  timers?: Timers;
  logger?: Logger;
  idleCloseMs?: number;
  /** Called once the socket was closed for idleness and nothing is pending: forget this scheduler. */
  onIdle?: () => void;
}

export class BurstScheduler {
  private readonly series = new Set<Series>();
  private readonly queue = new DueQueue<Series>();
  private readonly pacing: Pacing;
  private readonly timers: Timers;
  private socket: FrameSocket | undefined;
  private tokens: number;
  private refilledAt: number;
  private armedAt = Infinity;
  private cancelTimer: (() => void) | undefined;
  private cancelIdle: (() => void) | undefined;
  private order = 0;
  private closed = false;

  constructor(private readonly opts: BurstSchedulerOptions) {
    this.pacing = opts.pacing ?? DEFAULT_PACING;
    this.timers = opts.timers ?? realTimers;
    this.tokens = this.pacing.burstFrames;
    this.refilledAt = this.timers.now();
  }

  /**
   * Adds a series; resolves with the number of its frames the kernel accepted once all were tried
   * or its signal aborted. Rejects with SendError when every frame failed, with the error when the
   * addon cannot be used at all (AddonNotBuiltError).
   */
  add(input: SeriesInput): Promise<number> {
    if (this.closed) return Promise.resolve(0);
    if (input.count <= 0 || input.signal?.aborted) return Promise.resolve(0);
    return new Promise<number>((resolve, reject) => {
      const s: Series = {
        input,
        order: this.order++,
        due: this.timers.now(),
        attempted: 0,
        sent: 0,
        lastError: undefined,
        done: false,
        resolve,
        reject,
        detach: () => undefined,
      };
      if (input.signal) {
        const signal = input.signal;
        const onAbort = (): void => this.finish(s);
        signal.addEventListener('abort', onAbort, { once: true });
        s.detach = () => signal.removeEventListener('abort', onAbort);
      }
      this.series.add(s);
      this.queue.push(s);
      this.cancelIdle?.();
      this.cancelIdle = undefined;
      const now = this.timers.now();
      this.refill(now);
      this.arm(this.budgetAt(now, 1));
    });
  }

  /** Stops: pending series resolve with what they sent so far; the socket is closed. */
  close(): void {
    this.closed = true;
    this.cancelTimer?.();
    this.cancelIdle?.();
    for (const s of [...this.series]) this.finish(s);
    this.queue.clear();
    this.closeSocket();
  }

  /** Sends one burst of what is due now, then arms the timer for the next. */
  private flush(): void {
    this.cancelTimer = undefined;
    this.armedAt = Infinity;
    const now = this.timers.now();
    this.refill(now);
    const batch: Series[] = [];
    const budget = Math.floor(this.tokens);
    for (let s = this.next(); s && s.due <= now && batch.length < budget; s = this.next()) {
      batch.push(s);
      this.queue.pop();
    }
    if (batch.length > 0) {
      this.tokens -= batch.length;
      this.send(batch, now);
    }
    this.rearm(now);
  }

  /** The series due first, finished ones dropped on the way. */
  private next(): Series | undefined {
    let s = this.queue.peek();
    while (s?.done) {
      this.queue.pop();
      s = this.queue.peek();
    }
    return s;
  }

  private send(batch: Series[], now: number): void {
    const frames = batch.map((s) => s.input.frame);
    let results: (NativeSendError | undefined)[];
    try {
      this.socket ??= this.opts.open(this.opts.ifindex);
      results = this.socket.sendMany(frames);
    } catch (err) {
      if (err instanceof AnnounceError && !(err instanceof SendError)) {
        // Nothing can be sent at all (e.g. the addon is not built): final for these series.
        this.opts.logger?.error(
          { ifname: this.opts.ifname, frames: frames.length, err },
          'announcement burst failed',
        );
        for (const s of batch) this.finish(s, err);
        return;
      }
      results = frames.map(() => err as NativeSendError); // socket() or bind() refused
    }
    let failed = 0;
    let firstError: unknown;
    batch.forEach((s, i) => {
      const error = results[i];
      s.attempted++;
      if (error === undefined) {
        s.sent++;
      } else {
        failed++;
        firstError ??= error;
        s.lastError = error;
      }
      if (s.attempted >= s.input.count) {
        this.finish(s);
      } else {
        s.due = now + s.input.intervalMs;
        this.queue.push(s);
      }
    });
    const fields = { ifname: this.opts.ifname, frames: frames.length, failed };
    if (failed > 0) {
      // One line per burst, whatever the number of frames or VIPs in it.
      const family = batch.find((_, i) => results[i] !== undefined)?.input.family ?? 4;
      this.opts.logger?.warn(
        { ...fields, err: toSendError(this.opts.ifname, family, firstError) },
        'announcement burst: frames failed',
      );
    } else {
      this.opts.logger?.debug(fields, 'announcement burst sent');
    }
    // A socket that sent nothing is opened anew for the next burst (a fresh send buffer, too).
    if (failed === frames.length) this.closeSocket();
  }

  /** Ends a series: resolves with what it sent, or rejects when all its frames failed or `fatal`. */
  private finish(s: Series, fatal?: unknown): void {
    if (!this.series.delete(s)) return;
    s.done = true;
    s.detach();
    if (fatal !== undefined) s.reject(fatal);
    else if (s.sent === 0 && s.attempted > 0)
      s.reject(toSendError(this.opts.ifname, s.input.family, s.lastError));
    else s.resolve(s.sent);
    if (this.series.size === 0) this.idle();
  }

  private refill(now: number): void {
    const { burstFrames, burstGapMs } = this.pacing;
    const rate = burstGapMs > 0 ? burstFrames / burstGapMs : Infinity;
    this.tokens = Math.min(burstFrames, this.tokens + (now - this.refilledAt) * rate);
    this.refilledAt = now;
  }

  /** When will `n` frames' budget be there? */
  private budgetAt(now: number, n: number): number {
    const { burstFrames, burstGapMs } = this.pacing;
    const missing = Math.min(n, burstFrames) - this.tokens;
    return missing <= 0 || burstGapMs <= 0 ? now : now + (missing * burstGapMs) / burstFrames;
  }

  /**
   * After a burst: when frames are still due, the next burst once a full one's budget is back
   * (fewer, fuller bursts); otherwise at the next due time, budget allowing.
   */
  private rearm(now: number): void {
    const next = this.next();
    if (!next) return;
    if (next.due <= now) this.arm(this.budgetAt(now, this.pacing.burstFrames));
    else this.arm(Math.max(next.due, this.budgetAt(now, 1)));
  }

  /** Makes sure a flush runs no later than `at` (one timer per interface). */
  private arm(at: number): void {
    if (this.closed || at >= this.armedAt) return;
    this.cancelTimer?.();
    this.armedAt = at;
    this.cancelTimer = this.timers.after(at - this.timers.now(), () => this.flush());
  }

  private idle(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.armedAt = Infinity;
    if (this.closed || this.cancelIdle) return;
    this.cancelIdle = this.timers.after(
      this.opts.idleCloseMs ?? DEFAULT_IDLE_CLOSE_MS,
      () => {
        this.cancelIdle = undefined;
        if (this.series.size > 0) return;
        this.closeSocket();
        this.opts.onIdle?.();
      },
      { background: true },
    );
  }

  private closeSocket(): void {
    const socket = this.socket;
    this.socket = undefined;
    try {
      socket?.close();
    } catch (err) {
      this.opts.logger?.warn({ ifname: this.opts.ifname, err }, 'closing the announcement socket failed');
    }
  }
}

export function toSendError(ifname: string, family: 4 | 6, err: unknown): SendError {
  if (err instanceof SendError) return err;
  const native = err as Partial<NativeSendError> | null;
  const errno = typeof native?.errno === 'number' ? native.errno : undefined;
  const syscall = typeof native?.syscall === 'string' ? native.syscall : undefined;
  return new SendError(ifname, family, err, { errno, syscall });
}
