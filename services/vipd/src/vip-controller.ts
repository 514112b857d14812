/**
 * One VIP on this node: compares what etcd says (leader key, live candidates) with what the
 * kernel has, and acts. Reconciles on every change and on the daemon's timer.
 */
import type { Logger } from '@vipd/log';
import {
  type EtcdClient,
  acquireLeadership,
  type Clock,
  describe,
  interfaceFor,
  type Keys,
  type NodeInfo,
  type NodeSession,
  parseLeader,
  type PrefixMirror,
  outranks,
  priorityOf,
  rankCandidates,
  releaseLeadership,
  type VipSpec,
} from '@vipd/store';
import { betterPresent, decide, type Decision } from './decide';
import type { Kernel } from './kernel';
import { Mutex } from './mutex';

export interface ControllerContext {
  self: string;
  client: EtcdClient;
  keys: Keys;
  leaders: PrefixMirror;
  session(): NodeSession | undefined;
  liveNodes(): NodeInfo[];
  kernel: Kernel;
  clock: Clock;
  callTimeoutMs: number;
  acquireStepMs: number;
  addressLifetimeSec: number;
  /** Monotonic time until which configured better nodes never seen yet are waited for. */
  startupGraceUntil: number;
  /** Whether `node` has been registered at any time since this daemon started. */
  seenSinceStart(node: string): boolean;
  /** The node an operator pinned this VIP to (pins/<vip>), if any. */
  pinOf(vip: string): string | undefined;
  /** On a planned release, how long the address may stay while the successor comes up. */
  handoverMaxMs: number;
  /** The lease is alive and the fast fence is open: adding or keeping a VIP is allowed. */
  canHold(): boolean;
  /** onEtcdLoss: failsafe: until when this VIP may be kept past the etcd deadline. */
  failsafeUntil(vip: string): number;
  /** After a takeover nobody adds the VIP before this monotonic time. */
  notBefore(vip: string): number;
  /** Heard peers that say they hold this VIP, with their fencing revisions. */
  peerHolders(vip: string): { node: string; revision: string }[];
}

/** While kept under failsafe, how often the kernel lifetime is refreshed. */
const FAILSAFE_REFRESH_MS = 500;

/** After the successor's key appears, how long the old holder keeps the address (≤ overlap budget). */
const SETTLE_MS = 40;

interface Applied {
  ifname: string;
  spec: VipSpec;
  revision: string;
}

export class VipController {
  private applied: Applied | undefined;
  /** Set between our acquire txn and the mirror seeing its revision. */
  private acquired: { revision: string; lease: string } | undefined;
  private vacantSince: number | undefined;
  private betterSince: number | undefined;
  private lastAnnounceAt = -Infinity;
  private announcing: AbortController | undefined;
  private readonly kernelLock = new Mutex();
  private running: Promise<void> | undefined;
  private again = false;
  private wakeTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private lastDecision = '';
  private lastProbeAt = -Infinity;
  private probing = false;
  private duplicates = 0;
  private inFailsafe = false;
  private log: Logger;

  constructor(
    private spec: VipSpec,
    private readonly ctx: ControllerContext,
    private readonly baseLog: Logger,
  ) {
    this.log = baseLog.child({ vip: spec.name });
  }

  get name(): string {
    return this.spec.name;
  }

  /** The fencing revision while this node has the address up. */
  get holding(): string | undefined {
    return this.applied?.revision;
  }

  /** A new spec for the same VIP: an address or interface change takes the old address down first. */
  updateSpec(spec: VipSpec): void {
    const before = this.spec;
    this.spec = spec;
    const moved =
      before.address !== spec.address ||
      before.prefixLen !== spec.prefixLen ||
      interfaceFor(before, this.ctx.self) !== interfaceFor(spec, this.ctx.self);
    if (moved && this.applied) {
      void this.kernelLock.run(() => this.removeAddress('spec changed')).catch(() => undefined);
    }
    this.reconcile();
  }

  /** Asks for a reconcile; coalesces while one runs. */
  reconcile(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    // Deferred so that a watch response has been applied in full (revision included) first.
    this.running = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.loop())
      .finally(() => (this.running = undefined));
  }

  /**
   * Session renewed: push the kernel lifetime forward on what we hold. With `failsafe`, called
   * while renewals fail: only a VIP that onEtcdLoss: failsafe may keep is refreshed then.
   */
  refreshLifetime(failsafe = false): void {
    const a = this.applied;
    if (!a) return;
    if (failsafe && this.failsafeUntil() <= this.ctx.clock.now()) return;
    void this.kernelLock
      .run(async () => {
        if (this.applied !== a) return;
        const allowed = failsafe
          ? this.failsafeUntil() > this.ctx.clock.now()
          : this.ctx.session()?.valid() === true && this.ctx.canHold();
        if (!allowed) return;
        await this.ctx.kernel.addVip(a.ifname, a.spec, this.ctx.addressLifetimeSec);
      })
      .catch((err) => this.log.warn({ rev: a.revision, err: describe(err) }, 'address refresh failed'));
  }

  /** Drops the address now, without talking to etcd (fencing, lost lease, shutdown). */
  async dropLocal(reason: string): Promise<void> {
    await this.kernelLock.run(() => this.removeAddress(reason));
  }

  /** Stops reconciling but keeps the address (shutdown hands over before dropping it). */
  freeze(): void {
    this.stopped = true;
    clearTimeout(this.wakeTimer);
  }

  /**
   * Resolves when leaders/<vip> names a holder other than revision `rev` (the successor is
   * up), or after `maxMs`. Returns how long it waited.
   */
  async awaitSuccessor(rev: string, maxMs: number): Promise<number> {
    const key = this.ctx.keys.leader(this.spec.name);
    const t0 = this.ctx.clock.now();
    const done = (): boolean => {
      const e = this.ctx.leaders.get(key);
      return e !== undefined && e.createRevision !== rev;
    };
    if (!done()) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(finish, maxMs);
        const onChange = (k: string): void => {
          if (k === key && done()) finish();
        };
        function finish(): void {
          clearTimeout(timer);
          leaders.off('change', onChange);
          resolve();
        }
        const leaders = this.ctx.leaders;
        leaders.on('change', onChange);
      });
    }
    // The successor adds its address and announces a few ms after its key appears: stay a
    // little longer, within the overlap budget, so the client never finds nobody.
    const left = maxMs - (this.ctx.clock.now() - t0);
    if (done() && left > 0) await new Promise((r) => setTimeout(r, Math.min(SETTLE_MS, left)));
    return Math.round(this.ctx.clock.now() - t0);
  }

  /**
   * A planned release: delete the leader key first, keep the address until the successor's key
   * appears (at most handoverMaxMs, DESIGN's handover overlap), then remove it. No client gap.
   */
  private async handover(revision: string, reason: string): Promise<void> {
    let released = false;
    try {
      released = await releaseLeadership(
        this.ctx.client,
        this.ctx.keys,
        this.spec.name,
        revision,
        this.ctx.callTimeoutMs,
      );
      this.log.info({ rev: revision, reason, deleted: released }, 'leadership released');
    } catch (err) {
      this.log.warn({ rev: revision, reason, err: describe(err) }, 'release failed; the lease will free it');
    }
    if (released && this.applied) {
      const waited = await this.awaitSuccessor(revision, this.ctx.handoverMaxMs);
      const next = this.ctx.leaders.get(this.ctx.keys.leader(this.spec.name));
      this.log.info(
        { rev: revision, successorRev: next?.createRevision, waitedMs: waited },
        next ? 'successor holds the VIP; handing over' : 'no successor yet; removing the VIP anyway',
      );
    }
    await this.dropLocal(reason);
  }

  /** Stops: drops the address; with `release`, also deletes our leader key. */
  async stop(release: boolean): Promise<void> {
    this.stopped = true;
    clearTimeout(this.wakeTimer);
    const rev = this.applied?.revision;
    await this.dropLocal('shutting down');
    if (release && rev !== undefined) await this.release(rev, 'shutting down');
    await this.running;
  }

  private async loop(): Promise<void> {
    for (let i = 0; i < 100; i++) {
      this.again = false;
      try {
        await this.runOnce();
      } catch (err) {
        this.log.warn({ err: describe(err) }, 'reconcile failed; retrying');
        this.wake(250);
      }
      if (!this.again || this.stopped) return;
    }
  }

  private leaderView(): { node: string; lease: string; revision: string } | undefined {
    const entry = this.ctx.leaders.get(this.ctx.keys.leader(this.spec.name));
    if (entry) {
      if (this.acquired && entry.createRevision !== this.acquired.revision) this.acquired = undefined;
      const parsed = parseLeader(this.spec.name, entry);
      if ('problem' in parsed) {
        // Unreadable, but present: someone holds it. Treat it as held by an unknown node.
        this.log.warn({ rev: entry.createRevision, problem: parsed.problem }, 'leader key unreadable');
        return { node: '?', lease: entry.lease, revision: entry.createRevision };
      }
      if (parsed.takeover) {
        // Taken over from this holder by a peer: whoever holds it, it is not us any more.
        return { node: `taken-over-by-${parsed.takeover.by}`, lease: '', revision: parsed.revision };
      }
      return parsed;
    }
    const a = this.acquired;
    if (a && BigInt(this.ctx.leaders.revision) < BigInt(a.revision)) {
      return { node: this.ctx.self, lease: a.lease, revision: a.revision };
    }
    this.acquired = undefined;
    return undefined;
  }

  private async runOnce(): Promise<void> {
    const session = this.ctx.session();
    const leader = this.leaderView();
    const pinned = this.ctx.pinOf(this.spec.name);
    const ranked = rankCandidates(this.spec, this.ctx.liveNodes(), pinned);
    const now = this.ctx.clock.now();
    const mine = leader !== undefined && leader.node === this.ctx.self && leader.lease === session?.leaseId;
    this.vacantSince = leader ? undefined : (this.vacantSince ?? now);
    // After a takeover nobody may add before W: the rank order starts counting only then, or
    // every rank would be due at once when W ends and the VIP could bounce through a worse node.
    const takeoverWait = this.ctx.notBefore(this.spec.name);
    if (this.vacantSince !== undefined && takeoverWait > this.vacantSince) this.vacantSince = takeoverWait;
    this.betterSince = mine && betterPresent(this.ctx.self, ranked) ? (this.betterSince ?? now) : undefined;
    const d = decide({
      self: this.ctx.self,
      leader,
      myLease: session?.leaseId,
      sessionValid: (session?.valid() ?? false) && this.ctx.canHold(),
      ranked,
      pinned,
      preempt: this.spec.preempt,
      preemptDelayMs: this.spec.preemptDelayMs,
      acquireStepMs: this.ctx.acquireStepMs,
      now,
      vacantSince: this.vacantSince,
      betterSince: this.betterSince,
    });
    const notBefore = d.kind === 'acquire' ? takeoverWait : 0;
    if (notBefore > now) {
      this.note({ kind: 'wait', untilMs: notBefore, reason: 'taken over from a silent holder: waiting W' });
      this.wake(notBefore - now);
      return;
    }
    const graceWait = d.kind === 'acquire' ? this.startupGraceWait(now) : undefined;
    if (graceWait !== undefined) {
      this.note({ kind: 'wait', untilMs: this.ctx.startupGraceUntil, reason: graceWait });
      this.wake(this.ctx.startupGraceUntil - now);
      return;
    }
    this.note(d);
    switch (d.kind) {
      case 'hold': {
        this.setFailsafe(false);
        const newer = this.ctx
          .peerHolders(this.spec.name)
          .find((p) => BigInt(p.revision) > BigInt(d.revision));
        if (newer) {
          await this.dropLocal(
            `yielding to ${newer.node}, which holds it with the newer revision ${newer.revision}`,
          );
          return;
        }
        await this.kernelLock.run(() => this.applyAddress(d.revision));
        this.maybeRefreshAnnounce();
        this.maybeProbe(d.revision);
        if (this.betterSince !== undefined && this.spec.preempt) {
          this.wake(this.betterSince + this.spec.preemptDelayMs - now);
        }
        return;
      }
      case 'fenced': {
        const until = this.failsafeUntil();
        if (until > now) {
          this.setFailsafe(true);
          // The kernel lifetime would end it otherwise; the dead-man's switch still guards it.
          await this.kernelLock.run(() => this.refreshFailsafe(until));
          this.wake(Math.min(until - now, FAILSAFE_REFRESH_MS));
          return;
        }
        this.setFailsafe(false);
        await this.dropLocal('fenced: no contact with etcd (or with etcd and every peer) in time');
        return;
      }
      case 'release':
        await this.handover(d.revision, d.reason);
        return;
      case 'acquire':
        await this.dropLocal('not holder');
        await this.acquire(session, d.rank);
        return;
      case 'clear-stale':
        await this.dropLocal('not holder');
        await this.release(d.revision, 'leader key left by an earlier run of this node');
        return;
      case 'wait':
        await this.dropLocal('not holder');
        this.wake(d.untilMs - now);
        return;
      case 'follow':
        await this.dropLocal(`held by ${d.holder}`);
        return;
      case 'idle':
        await this.dropLocal(d.reason);
        return;
    }
  }

  /** During startup grace: the better configured node we still wait for, if any. */
  private startupGraceWait(now: number): string | undefined {
    if (now >= this.ctx.startupGraceUntil || this.spec.nodes === undefined) return undefined;
    const mine = priorityOf(this.spec, this.ctx.self);
    if (mine === undefined) return undefined;
    const me = { name: this.ctx.self, priority: mine };
    for (const [name, entry] of Object.entries(this.spec.nodes)) {
      // A node that was here and left is not waited for: that is a failover, not a cold start.
      if (!this.ctx.seenSinceStart(name) && outranks({ name, priority: entry.priority }, me)) {
        return `startup grace: waiting for ${name} to register`;
      }
    }
    return undefined;
  }

  private async acquire(session: NodeSession | undefined, rank: number): Promise<void> {
    if (!session?.valid()) return;
    const res = await acquireLeadership(
      this.ctx.client,
      this.ctx.keys,
      this.spec.name,
      this.ctx.self,
      session.leaseId,
      this.ctx.callTimeoutMs,
    );
    if (!res.acquired) {
      this.log.debug({ rank }, 'acquire lost the race; someone else holds it');
      return;
    }
    this.acquired = { revision: res.revision, lease: session.leaseId };
    this.log.info(
      {
        rev: res.revision,
        rank,
        address: `${this.spec.address}/${this.spec.prefixLen}`,
        lease: session.leaseId,
      },
      'leadership acquired',
    );
    await this.kernelLock.run(() => this.applyAddress(res.revision));
  }

  private async release(revision: string, reason: string): Promise<void> {
    try {
      const ok = await releaseLeadership(
        this.ctx.client,
        this.ctx.keys,
        this.spec.name,
        revision,
        this.ctx.callTimeoutMs,
      );
      this.log.info({ rev: revision, reason, deleted: ok }, 'leadership released');
    } catch (err) {
      this.log.warn({ rev: revision, reason, err: describe(err) }, 'release failed; the lease will free it');
    }
  }

  /** Called under kernelLock. Adds only while the lease is provably alive. */
  private async applyAddress(revision: string): Promise<void> {
    const ifname = interfaceFor(this.spec, this.ctx.self);
    if (this.applied && this.applied.revision === revision && this.applied.ifname === ifname) return;
    if (!this.ctx.session()?.valid() || !this.ctx.canHold() || this.stopped) return;
    await this.ctx.kernel.addVip(ifname, this.spec, this.ctx.addressLifetimeSec);
    this.applied = { ifname, spec: this.spec, revision };
    this.log.info(
      { rev: revision, address: `${this.spec.address}/${this.spec.prefixLen}`, interface: ifname },
      'VIP up on this node',
    );
    this.startAnnounce(this.spec.announce.count, 'took over');
  }

  /** Called under kernelLock. */
  private async removeAddress(reason: string): Promise<void> {
    this.announcing?.abort();
    this.announcing = undefined;
    const a = this.applied;
    if (!a) return;
    this.applied = undefined;
    const present = await this.ctx.kernel.removeVip(a.ifname, a.spec);
    this.log.info(
      {
        rev: a.revision,
        address: `${a.spec.address}/${a.spec.prefixLen}`,
        interface: a.ifname,
        reason,
        present,
      },
      'VIP down on this node',
    );
  }

  /** True while this VIP is kept under onEtcdLoss: failsafe. */
  get failsafe(): boolean {
    return this.inFailsafe;
  }

  /** Until when onEtcdLoss: failsafe keeps this VIP (-Infinity: not failsafe, or not held). */
  failsafeUntil(): number {
    if (this.spec.onEtcdLoss !== 'failsafe' || !this.applied) return -Infinity;
    return this.ctx.failsafeUntil(this.spec.name);
  }

  /** Called under kernelLock: keeps the kernel lifetime of a failsafe VIP going. */
  private async refreshFailsafe(until: number): Promise<void> {
    const a = this.applied;
    if (!a || this.ctx.clock.now() >= until) return;
    await this.ctx.kernel.addVip(a.ifname, a.spec, this.ctx.addressLifetimeSec);
  }

  private setFailsafe(on: boolean): void {
    if (on === this.inFailsafe) return;
    this.inFailsafe = on;
    this.log.warn(
      { rev: this.applied?.revision },
      on
        ? 'failsafe: etcd unreachable for everyone; keeping the VIP while all peers confirm'
        : 'failsafe ended',
    );
  }

  /** Now and then: does a second host answer for our VIP? Reported, counted; older revision yields. */
  private maybeProbe(revision: string): void {
    const every = this.spec.announce.probeMs;
    const a = this.applied;
    if (every <= 0 || this.probing || !a || this.ctx.clock.now() - this.lastProbeAt < every) return;
    this.probing = true;
    this.lastProbeAt = this.ctx.clock.now();
    this.ctx.kernel
      .probeOwners(a.ifname, a.spec, 200)
      .then((macs) => {
        if (macs.length === 0) return;
        this.duplicates++;
        const peers = this.ctx.peerHolders(this.spec.name);
        this.log.error(
          { rev: revision, macs, duplicates: this.duplicates, peerHolders: peers },
          'duplicate owner: another host answers for this VIP',
        );
        if (peers.some((p) => BigInt(p.revision) > BigInt(revision))) this.reconcile();
      })
      .catch((err) => this.log.warn({ rev: revision, err: describe(err) }, 'duplicate-owner probe failed'))
      .finally(() => (this.probing = false));
  }

  private maybeRefreshAnnounce(): void {
    const every = this.spec.announce.refreshMs;
    if (every <= 0 || this.announcing) return;
    if (this.ctx.clock.now() - this.lastAnnounceAt >= every) this.startAnnounce(1, 'periodic refresh');
  }

  private startAnnounce(count: number, why: string): void {
    const a = this.applied;
    if (!a || count <= 0) return;
    this.announcing?.abort();
    const ac = new AbortController();
    this.announcing = ac;
    this.lastAnnounceAt = this.ctx.clock.now();
    const { intervalMs } = this.spec.announce;
    this.ctx.kernel
      .announce(a.ifname, a.spec, count, intervalMs, ac.signal)
      .then((sent) => this.log.debug({ rev: a.revision, sent, why }, 'announced'))
      .catch((err) => this.log.warn({ rev: a.revision, err: describe(err) }, 'announce failed'))
      .finally(() => {
        if (this.announcing === ac) this.announcing = undefined;
      });
  }

  private wake(ms: number): void {
    clearTimeout(this.wakeTimer);
    this.wakeTimer = setTimeout(() => this.reconcile(), Math.max(1, Math.ceil(ms)));
  }

  private note(d: Decision): void {
    const summary = d.kind === 'follow' ? `follow:${d.holder}:${d.revision}` : d.kind;
    if (summary === this.lastDecision) return;
    this.lastDecision = summary;
    this.log.debug({ decision: d }, 'decision');
  }
}
