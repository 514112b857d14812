/**
 * One etcd lease per node, kept alive by our own loop, with a local monotonic deadline.
 *
 * The deadline is `t0 + ttl - fenceMargin`, where t0 is read *before* the keepalive is
 * sent: etcd cannot expire the lease before t0 + ttl, so a holder that drops its VIPs at
 * the deadline has dropped them before anyone else can take them. A renewal only counts
 * once a linearizable read of our node key has confirmed the lease (a keepalive reply
 * alone can come from an etcd leader that is stuck).
 *
 * Events: `renewed` (deadline moved), `renewFailed` (transient), `fenced` (the deadline
 * passed without renewal: drop everything now), `lost` (etcd says the lease is gone: final).
 */
import { EventEmitter } from 'node:events';
import type { Etcd3, Lease } from 'etcd3';
import { type Clock, errorLine, type Logger, monotonicClock } from '@vipd/log';
import { callDeadline } from './etcd-client';
import { fromEtcdError, LeaseLostError } from './errors';
import type { Keys } from './keys';
import type { NodeInfo } from './ranking';
import { encodeNodeInfo } from './records';

export interface SessionOptions {
  ttlSeconds: number;
  renewIntervalMs: number;
  fenceMarginMs: number;
  callTimeoutMs: number;
  /** Retry delay after a failed renewal. */
  retryIntervalMs?: number;
  clock?: Clock;
}

/** How long one renewal took (monotonic ms): the keepalive alone, and with its confirming read. */
export interface RenewTiming {
  keepaliveMs: number;
  totalMs: number;
}

export interface NodeSessionEvents {
  renewed: [deadline: number, timing: RenewTiming];
  renewFailed: [err: Error];
  fenced: [];
  lost: [err: Error];
}

export class NodeSession extends EventEmitter<NodeSessionEvents> {
  private deadline: number;
  private renewTimer: NodeJS.Timeout | undefined;
  private fenceTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private isLost = false;
  private fencedSignalled = false;
  private readonly clock: Clock;
  private okAt: number;
  private renewEveryMs: number;
  private lastRenewOk = true;

  private constructor(
    private readonly client: Etcd3,
    private readonly lease: Lease,
    readonly leaseId: string,
    private readonly keys: Keys,
    private info: NodeInfo,
    private readonly opts: SessionOptions,
    private readonly log: Logger,
    t0: number,
  ) {
    super();
    this.clock = opts.clock ?? monotonicClock;
    this.deadline = t0 + opts.ttlSeconds * 1000 - opts.fenceMarginMs;
    this.okAt = t0;
    this.renewEveryMs = opts.renewIntervalMs;
  }

  /** The latest renewal attempt succeeded (false from the first failure until the next success). */
  get renewOk(): boolean {
    return this.lastRenewOk && this.valid();
  }

  /** Send time (monotonic) of the last renewal etcd confirmed, keepalive and read both. */
  get lastOkAt(): number {
    return this.okAt;
  }

  /**
   * Changes how often the lease is renewed (a holder whose peers do not confirm it renews
   * faster, so that etcd contact alone keeps its fast fence open). Takes effect at once when
   * shorter than the current wait.
   */
  setRenewInterval(ms: number): void {
    const next = Math.max(10, Math.min(ms, this.opts.renewIntervalMs));
    if (next === this.renewEveryMs) return;
    const faster = next < this.renewEveryMs;
    this.renewEveryMs = next;
    // Faster now: renew at once if the last confirmed renewal is already older than that.
    if (faster && !this.renewing) {
      this.scheduleRenew(Math.max(0, this.okAt + next - this.clock.now()));
    }
  }

  /** Grants a lease and registers the node under it. */
  static async open(
    client: Etcd3,
    keys: Keys,
    info: NodeInfo,
    opts: SessionOptions,
    log: Logger,
  ): Promise<NodeSession> {
    const clock = opts.clock ?? monotonicClock;
    const t0 = clock.now();
    const lease = client.lease(opts.ttlSeconds, {
      autoKeepAlive: false,
      ...callDeadline(opts.callTimeoutMs),
    });
    let id: string;
    try {
      id = await lease.grant();
    } catch (err) {
      lease.release();
      throw fromEtcdError('lease grant', err);
    }
    const session = new NodeSession(client, lease, id, keys, info, opts, log, t0);
    try {
      await session.putNode();
    } catch (err) {
      await session.close(true);
      throw err;
    }
    log.info(
      { lease: id, ttlSeconds: opts.ttlSeconds, fenceInMs: Math.round(session.deadline - clock.now()) },
      'lease granted; node registered',
    );
    session.armFence();
    session.scheduleRenew(opts.renewIntervalMs);
    return session;
  }

  /** True while the lease is certainly alive in etcd and ours to act under. */
  valid(): boolean {
    return !this.closed && !this.isLost && this.clock.now() < this.deadline;
  }

  /** Milliseconds left before we must have dropped every VIP. */
  remainingMs(): number {
    return this.deadline - this.clock.now();
  }

  get lost(): boolean {
    return this.isLost;
  }

  /** Updates the node registration (drained, unready VIPs) under the lease. */
  async update(info: NodeInfo): Promise<void> {
    this.info = info;
    await this.putNode();
  }

  /**
   * Stops renewing; with `revoke`, deletes the lease (and with it every key under it).
   * Resolves true when the lease was revoked.
   */
  async close(revoke: boolean): Promise<boolean> {
    if (this.closed) return false;
    this.closed = true;
    clearTimeout(this.renewTimer);
    clearTimeout(this.fenceTimer);
    let revoked = false;
    if (revoke && !this.isLost) {
      try {
        await this.lease.revoke(callDeadline(this.opts.callTimeoutMs));
        revoked = true;
        this.log.info({ lease: this.leaseId }, 'lease revoked');
      } catch (err) {
        this.log.warn({ lease: this.leaseId, err: errorLine(err) }, 'lease revoke failed; it will expire');
      }
    }
    this.lease.release();
    return revoked;
  }

  private async putNode(): Promise<void> {
    try {
      await this.client.kv.put(
        {
          key: Buffer.from(this.keys.node(this.info.name)),
          value: Buffer.from(encodeNodeInfo(this.info)),
          lease: this.leaseId,
        },
        callDeadline(this.opts.callTimeoutMs),
      );
    } catch (err) {
      throw fromEtcdError('node registration', err, this.leaseId);
    }
  }

  private scheduleRenew(ms: number): void {
    if (this.closed || this.isLost) return;
    clearTimeout(this.renewTimer);
    this.renewTimer = setTimeout(() => void this.renew(), ms);
  }

  private renewing = false;

  private async renew(): Promise<void> {
    const t0 = this.clock.now();
    this.renewing = true;
    try {
      const res = await this.lease.keepaliveOnce(callDeadline(this.opts.callTimeoutMs));
      const keepaliveMs = this.clock.now() - t0;
      const ttl = Math.min(Number(res.TTL), this.opts.ttlSeconds);
      if (!(ttl > 0)) throw new LeaseLostError(this.leaseId);
      await this.confirmNodeKey();
      if (this.closed) return;
      this.deadline = Math.max(this.deadline, t0 + ttl * 1000 - this.opts.fenceMarginMs);
      this.okAt = Math.max(this.okAt, t0);
      this.lastRenewOk = true;
      if (this.fencedSignalled) this.log.info({ lease: this.leaseId }, 'lease renewed again after fencing');
      this.fencedSignalled = false;
      this.armFence();
      this.emit('renewed', this.deadline, { keepaliveMs, totalMs: this.clock.now() - t0 });
      // Counted from this renewal's send time, not its answer: a slow etcd must not stretch the
      // period by its round trip (the fast fence needs contact every Df, and renewing every
      // Df/2 after each answer left room for a round trip of only Df/4).
      this.scheduleRenew(Math.max(0, t0 + this.renewEveryMs - this.clock.now()));
    } catch (raw) {
      if (this.closed) return;
      const err = fromEtcdError('lease keepalive', raw, this.leaseId);
      if (err instanceof LeaseLostError) {
        this.isLost = true;
        clearTimeout(this.fenceTimer);
        this.log.warn({ lease: this.leaseId }, 'lease lost in etcd');
        this.emit('lost', err);
        return;
      }
      this.log.warn(
        { lease: this.leaseId, err: err.message, fenceInMs: Math.round(this.remainingMs()) },
        'lease renewal failed',
      );
      this.lastRenewOk = false;
      this.emit('renewFailed', err);
      this.scheduleRenew(this.opts.retryIntervalMs ?? Math.min(250, this.renewEveryMs));
    } finally {
      this.renewing = false;
    }
  }

  /** Linearizable read: proves a quorum still knows our registration under this lease. */
  private async confirmNodeKey(): Promise<void> {
    const key = Buffer.from(this.keys.node(this.info.name));
    const res = await this.client.kv.range({ key }, callDeadline(this.opts.callTimeoutMs));
    const kv = res.kvs[0];
    if (kv && String(kv.lease) === this.leaseId) return;
    // Gone or replaced behind our back (an operator, a restarted twin): write it again.
    this.log.warn({ lease: this.leaseId }, 'node registration missing; writing it again');
    await this.putNode();
  }

  private armFence(): void {
    clearTimeout(this.fenceTimer);
    const ms = this.deadline - this.clock.now();
    if (ms <= 0) {
      this.signalFence();
      return;
    }
    this.fenceTimer = setTimeout(() => this.signalFence(), Math.ceil(ms));
  }

  private signalFence(): void {
    if (this.closed || this.isLost) return;
    if (this.clock.now() < this.deadline) {
      this.armFence();
      return;
    }
    if (this.fencedSignalled) return;
    this.fencedSignalled = true;
    this.log.warn({ lease: this.leaseId }, 'lease deadline passed without renewal: fencing');
    this.emit('fenced');
  }
}
