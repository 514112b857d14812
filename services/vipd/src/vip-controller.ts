/**
 * One VIP on this node: compares what etcd says (leader key, live candidates) with what the
 * kernel has, and acts. Reconciles on every change (its leader key's through the leadership
 * port) and on the daemon's timer.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { errorLine, type Logger } from '@vipd/log';
import { interfaceFor, rankCandidates, type VipSpec } from '@vipd/store';
import type { HookState } from '@vipd/config';
import { AgentFencedError } from '@vipd/netif';
import type { ControllerContext, LeaseSession } from './controller-context';
import { betterPresent, decide, type Decision, startupGraceWait } from './decide';
import type { Holder, ReleaseOutcome, VipLeadership } from './leadership-port';
import { Mutex } from './mutex';
import type { Reason } from './reason-class';
import { type HeldAddress, VipAnnouncer } from './vip-announcer';

/** While kept under failsafe, how often the kernel lifetime is refreshed. */
const FAILSAFE_REFRESH_MS = 500;
/** How long before a takeover wait ends its wire probe starts (the probe listens ~25 ms). */
const EARLY_PROBE_LEAD_MS = 40;
/** How long an early probe that nobody answered stands in for one at the add. */
const EARLY_PROBE_VALID_MS = 250;
/** While another host still answers for a VIP we took over, how often to probe again. */
const PROBE_RETRY_MS = 50;
/** Past the old address's lifetime, how much longer its answers are waited out. */
const PROBE_MARGIN_MS = 500;
/**
 * How long our own live key may carry a takeover mark before we release it (see
 * releaseStaleMark): well past the taker's marker lease (TAKEOVER_MARK_TTL_S in takeover.ts),
 * after which the taker no longer revokes.
 */
export const MARK_STUCK_MS = 10_000;
/** While a failsafe VIP is carried over a lost lease, how often to look again at the least. */
const CARRY_RECHECK_MS = 50;
/** A handover that found no slot (ctx.pacing.handovers) looks again after this long. */
const HANDOVER_RETRY_MS = 20;
/** While a peer keeps the VIP under failsafe, how often to look again. */
const FAILSAFE_HOLDER_RECHECK_MS = 100;
/** How often a peer's claim to hold this VIP may cost a read of etcd. */
const PEER_CLAIM_CHECK_MS = 1000;
/** After a failed removal, how soon it is tried again. */
const REMOVE_RETRY_MS = 250;
/** A stopping controller tries its removal this many times before leaving it to the lifetime. */
const STOP_ATTEMPTS = 3;

type Applied = HeldAddress;

const NOT_HOLDER: Reason = { class: 'lost_leadership', text: 'not holder' };
const SHUTTING_DOWN: Reason = { class: 'shutdown', text: 'shutting down' };

export class VipController {
  private applied: Applied | undefined;
  /**
   * An address whose removal failed (ip died or did not answer): no longer held, but perhaps
   * still on the interface. The next drop tries it again (a reconcile comes within
   * REMOVE_RETRY_MS); unrefreshed, its kernel lifetime ends it within addressLifetimeSec anyway.
   */
  private unremoved: Applied | undefined;
  private vacantSince: number | undefined;
  private betterSince: number | undefined;
  private readonly kernelLock = new Mutex();
  private running: Promise<void> | undefined;
  private again = false;
  private wakeTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private lastDecision = '';
  private inFailsafe = false;
  /** The deadline of the last 'fenced' decision that kept this VIP under failsafe. */
  private failsafeKeptUntil = -Infinity;
  /**
   * The lease was lost (expired in etcd) while this VIP was kept under failsafe: the address
   * stays up until `until` while a new session takes the vacant key again (see leaseLost).
   */
  private carried: { revision: string; until: number } | undefined;
  /** The wire probe started in a takeover wait's last moments (see probeEarly). */
  private earlyProbe: { at: number; ifname: string; owners: Promise<string[]> } | undefined;
  /** Set when leadership came from a silent holder: probe before adding (see freeOnTheWire). */
  private probeFirst: { revision: string; since: number; logged?: boolean } | undefined;
  /** Since when our own live key has carried a takeover mark (see releaseStaleMark). */
  private markedOwnSince: number | undefined;
  /** The failsafe holders last logged as the reason not to add (see applyAddress). */
  private waitedFor = '';
  /** When a peer's claim was last checked in etcd, and the last claim etcd refuted. */
  private claimCheckedAt = -Infinity;
  private refutedClaim = '';
  /** This VIP's leadership: who holds it, acquire, release, hand over. */
  private readonly leadership: VipLeadership;
  /** Stops the leadership port's change signal (see stop). */
  private readonly unwatch: () => void;
  private log: Logger;
  private readonly announcer: VipAnnouncer;

  constructor(
    private spec: VipSpec,
    private readonly ctx: ControllerContext,
    private readonly baseLog: Logger,
  ) {
    this.log = baseLog.child({ vip: spec.name });
    this.leadership = ctx.leadership.forVip(spec.name);
    this.announcer = new VipAnnouncer(ctx.kernel, ctx.clock, this.log);
    // The leader key changed (held, released, marked taken over): look again.
    this.unwatch = this.leadership.onChange(() => this.reconcile());
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
      void this.kernelLock
        .run(() => this.removeAddress({ class: 'spec_changed', text: 'spec changed' }))
        .catch(() => undefined);
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
    // Deferred so that a watch response has been applied in full (revision included) first,
    // and in turns shared with every other VIP (see turns.ts).
    this.running = this.ctx.pacing.turns.run(() => this.loop()).finally(() => (this.running = undefined));
  }

  /**
   * While etcd is unreachable: keep the kernel lifetime going, but only on a VIP that
   * onEtcdLoss: failsafe may keep. (Renewals refresh every held VIP in one batch instead, see
   * lockKernel and refreshTarget.)
   */
  refreshFailsafeLifetime(): void {
    const a = this.applied;
    if (!a) return;
    if (this.failsafeUntil() <= this.ctx.clock.now()) return;
    void this.kernelLock
      .run(async () => {
        if (this.applied !== a || this.failsafeUntil() <= this.ctx.clock.now()) return;
        await this.ctx.kernel.addVip(a.ifname, a.spec, this.ctx.settings.addressLifetimeSec);
      })
      .catch((err) => this.log.warn({ rev: a.revision, err: errorLine(err) }, 'address refresh failed'));
  }

  /** Takes this VIP's kernel lock (no add or remove until released): for batch refreshes. */
  lockKernel(): Promise<() => void> {
    return this.kernelLock.acquire();
  }

  /** Under lockKernel(): the address whose lifetime a renewal should push forward, if any. */
  refreshTarget(): HeldAddress | undefined {
    const a = this.applied;
    if (!a || this.stopped) return undefined;
    if (this.ctx.standing.session()?.valid() !== true || !this.ctx.standing.canHold()) return undefined;
    return a;
  }

  /** Drops the address now, without talking to etcd (fencing, lost lease, shutdown). */
  async dropLocal(reason: Reason, state: Exclude<HookState, 'master'> = 'backup'): Promise<void> {
    // Nothing up and nothing on its way up: nothing to remove (the common case on every
    // reconcile of a VIP another node holds; no lock, no promise chain).
    if (!this.applied && !this.unremoved && this.kernelLock.idle) {
      this.announcer.stop();
      return;
    }
    await this.kernelLock.run(() => this.removeAddress(reason, state));
  }

  /**
   * The lease is gone in etcd (it expired while etcd was out of reach). A VIP kept under
   * failsafe while every peer confirmed that none can reach etcd stays up while the daemon opens
   * a new session and this controller takes the vacant key again: a failsafe holder that gets
   * etcd back first keeps its VIP without a blink. It stays only as long as failsafe would have
   * kept it (extended while the peers still confirm), and goes at once when another node holds
   * the key. Everything else is dropped now.
   */
  async leaseLost(reason: Reason): Promise<void> {
    const a = this.applied;
    const now = this.ctx.clock.now();
    const until = Math.max(this.failsafeKeptUntil, this.failsafeUntil());
    if (a && this.inFailsafe && until > now && !this.stopped) {
      this.carried = { revision: a.revision, until };
      this.log.info(
        { rev: a.revision, keptForMs: Math.round(until - now) },
        'lease lost while kept under failsafe: keeping the VIP while a new session takes the key again',
      );
      this.wake(until - now);
      return;
    }
    await this.dropLocal(reason, 'fault');
  }

  /**
   * While carried over a lost lease: whether this decision keeps the address up for now (the
   * new session is not there yet, or has yet to take the vacant key). Ends the carry otherwise.
   */
  private keepCarried(d: Decision, now: number): boolean {
    const c = this.carried;
    if (!c) return false;
    if (!this.applied || this.applied.revision !== c.revision) {
      this.carried = undefined;
      return false;
    }
    c.until = Math.max(c.until, this.ctx.standing.failsafeUntil(this.spec.name));
    const waiting =
      d.kind === 'acquire' ||
      d.kind === 'wait' ||
      d.kind === 'idle' ||
      d.kind === 'clear-stale' ||
      (d.kind === 'follow' && d.holder === this.ctx.self);
    if (now >= c.until || !waiting) {
      this.carried = undefined;
      if (now >= c.until)
        this.log.info({ rev: c.revision }, 'failsafe carry-over ended before the key was taken again');
      return false;
    }
    return true;
  }

  /** Stops reconciling but keeps the address (shutdown hands over before dropping it). */
  freeze(): void {
    this.stopped = true;
    clearTimeout(this.wakeTimer);
  }

  /** Waits (at most maxMs) until the successor holds the VIP; see VipLeadership.awaitSuccessor. */
  awaitSuccessor(rev: string, maxMs: number): Promise<number> {
    return this.leadership.awaitSuccessor(rev, maxMs);
  }

  /**
   * A planned release: delete the leader key first, keep the address until the successor's key
   * appears (at most handoverMaxMs, DESIGN's handover overlap), then remove it. No client gap.
   */
  private async handover(revision: string, reason: Reason): Promise<void> {
    // A node handing many VIPs back at once (a preemption after a stall, a drain) would release
    // every key together, and its successor add them all faster than this node's kernel removes
    // them (hundreds of IPv6 addresses cost it ~0.5 ms each): only so many at a time, each then
    // inside the handover bound; the rest look again shortly.
    if (!this.ctx.pacing.handovers.tryEnter()) {
      this.wake(HANDOVER_RETRY_MS);
      return;
    }
    try {
      await this.handoverNow(revision, reason);
    } finally {
      this.ctx.pacing.handovers.leave();
    }
  }

  private async handoverNow(revision: string, reason: Reason): Promise<void> {
    const state = this.ctx.standing.cannotServe(this.spec.name) ? 'fault' : 'backup';
    // Released and still up: wait for the successor (logged as the release is, then as it ends).
    const wait = await this.leadership.handover(
      revision,
      this.ctx.settings.handoverMaxMs,
      (outcome) => this.logRelease(revision, reason.text, outcome) && this.applied !== undefined,
    );
    if (wait) {
      const next = wait.successorRevision;
      this.log.info(
        { rev: revision, successorRev: next, waitedMs: wait.waitedMs },
        next !== undefined
          ? 'successor holds the VIP; handing over'
          : 'no successor yet; removing the VIP anyway',
      );
    }
    await this.dropLocal(reason, state);
  }

  /**
   * Stops: drops the address; with `release`, also deletes our leader key. Never rejects:
   * resolves false when the address could not be removed (logged; it is still tracked by the
   * kernel agent and its kernel lifetime ends it).
   */
  async stop(release: boolean): Promise<boolean> {
    this.stopped = true;
    this.unwatch();
    clearTimeout(this.wakeTimer);
    const rev = this.applied?.revision;
    let removed = false;
    for (let attempt = 1; attempt <= STOP_ATTEMPTS && !removed; attempt++) {
      try {
        await this.dropLocal(SHUTTING_DOWN);
        removed = true;
      } catch (err) {
        if (attempt === STOP_ATTEMPTS) {
          this.log.error(
            { attempts: attempt, err: errorLine(err), lifetimeSec: this.ctx.settings.addressLifetimeSec },
            'could not remove the VIP while stopping; its kernel lifetime ends it',
          );
        } else await sleep(REMOVE_RETRY_MS);
      }
    }
    if (release && rev !== undefined) await this.release(rev, SHUTTING_DOWN.text);
    await this.running?.catch(() => undefined);
    return removed;
  }

  private async loop(): Promise<void> {
    for (let i = 0; i < 100; i++) {
      this.again = false;
      try {
        await this.runOnce();
      } catch (err) {
        // A fence refuses every change queued before it (the agent logs the fence once);
        // hundreds of controllers saying so again would bury it.
        if (err instanceof AgentFencedError)
          this.log.debug({ err: errorLine(err) }, 'address change cancelled by a fence; retrying');
        else this.log.warn({ err: errorLine(err) }, 'reconcile failed; retrying');
        this.wake(250);
      }
      if (!this.again || this.stopped) return;
    }
  }

  /** Who holds the VIP now; an unreadable leader key is held by an unknown node ('?'). */
  private leaderView(): Holder | undefined {
    const holder = this.leadership.holder();
    if (holder?.problem !== undefined)
      this.log.warn({ rev: holder.revision, problem: holder.problem }, 'leader key unreadable');
    return holder;
  }

  private async runOnce(): Promise<void> {
    const session = this.ctx.standing.session();
    if (await this.releaseStaleMark(session)) return;
    const leader = this.leaderView();
    const pinned = this.ctx.candidates.pinOf(this.spec.name);
    const ranked = rankCandidates(this.spec, this.ctx.candidates.liveNodes(), pinned);
    const now = this.ctx.clock.now();
    const mine = leader !== undefined && leader.node === this.ctx.self && leader.lease === session?.leaseId;
    this.vacantSince = leader ? undefined : (this.vacantSince ?? now);
    this.betterSince = mine && betterPresent(this.ctx.self, ranked) ? (this.betterSince ?? now) : undefined;
    const d = decide({
      self: this.ctx.self,
      leader,
      myLease: session?.leaseId,
      sessionValid: (session?.valid() ?? false) && this.ctx.standing.canHold(),
      ranked,
      pinned,
      preempt: this.spec.preempt,
      preemptDelayMs: this.spec.preemptDelayMs,
      acquireStepMs: this.ctx.settings.acquireStepMs,
      now,
      vacantSince: this.vacantSince,
      betterSince: this.betterSince,
      notBefore: this.ctx.takeover.notBefore(this.spec.name),
    });
    const graceWait =
      d.kind === 'acquire' && now < this.ctx.candidates.startupGraceUntil()
        ? startupGraceWait(this.spec, this.ctx.self, (n) => this.ctx.candidates.seenSinceStart(n))
        : undefined;
    if (graceWait !== undefined) {
      this.note({ kind: 'wait', untilMs: this.ctx.candidates.startupGraceUntil(), reason: graceWait });
      this.wake(this.ctx.candidates.startupGraceUntil() - now);
      return;
    }
    this.note(d);
    if (this.keepCarried(d, now)) {
      if (d.kind === 'acquire') await this.acquire(session, d.rank, false);
      else if (d.kind === 'clear-stale') await this.release(d.revision, 'leader key of our lost lease');
      this.wake(Math.min(this.carried?.until ?? now, now + CARRY_RECHECK_MS) - now);
      return;
    }
    switch (d.kind) {
      case 'hold': {
        this.setFailsafe(false);
        const newer = this.ctx.peers
          .holdersOf(this.spec.name)
          .find((p) => BigInt(p.revision) > BigInt(d.revision));
        if (newer && (await this.etcdConfirms(newer, d.revision))) {
          await this.dropLocal({
            class: 'yielded',
            text: `yielding to ${newer.node}, which holds it with the newer revision ${newer.revision}`,
          });
          return;
        }
        await this.kernelLock.run(() =>
          this.applyAddress(d.revision, { class: 'reapplied', text: 'holds the leadership' }),
        );
        if (this.applied) {
          const a = this.applied;
          this.announcer.maybeRefresh(a);
          this.announcer.maybeProbe(
            a,
            this.ctx.pacing.probeSpacingMs(),
            () => this.ctx.peers.holdersOf(this.spec.name),
            () => this.reconcile(),
          );
        }
        if (this.betterSince !== undefined && this.spec.preempt) {
          this.wake(this.betterSince + this.spec.preemptDelayMs - now);
        }
        return;
      }
      case 'fenced': {
        const until = this.failsafeUntil();
        if (until > now) {
          this.failsafeKeptUntil = until;
          this.setFailsafe(true);
          // The kernel lifetime would end it otherwise; the dead-man's switch still guards it.
          await this.kernelLock.run(() => this.refreshFailsafe(until));
          this.wake(Math.min(until - now, FAILSAFE_REFRESH_MS));
          return;
        }
        this.setFailsafe(false);
        await this.dropLocal(
          { class: 'fenced', text: 'fenced: no contact with etcd (or with etcd and every peer) in time' },
          'fault',
        );
        return;
      }
      case 'release':
        await this.handover(d.revision, d.reason);
        return;
      case 'acquire':
        await this.dropLocal(NOT_HOLDER);
        // Vacant after a takeover (seen live, or named in takeovers/ on a fresh read): the old holder went silent,
        // and whether it fenced is not ours to trust. Prove the address free before adding.
        await this.acquire(session, d.rank, this.ctx.takeover.takenOver(this.spec.name));
        return;
      case 'clear-stale':
        await this.dropLocal(NOT_HOLDER);
        await this.release(d.revision, 'leader key left by an earlier run of this node');
        return;
      case 'wait': {
        await this.dropLocal(NOT_HOLDER);
        // Waiting out a takeover's W: the wire probe runs in the wait's last moments, so that it
        // costs the takeover nothing when nobody answers (see freeOnTheWire).
        const left = d.untilMs - now;
        if (this.ctx.takeover.takenOver(this.spec.name) && left <= EARLY_PROBE_LEAD_MS) this.probeEarly(now);
        this.wake(left > EARLY_PROBE_LEAD_MS ? left - EARLY_PROBE_LEAD_MS : left);
        return;
      }
      case 'follow':
        await this.dropLocal({ class: 'lost_leadership', text: `held by ${d.holder}` });
        return;
      case 'idle':
        await this.dropLocal(
          d.reason,
          session?.valid() && this.ctx.standing.canHold() && !this.ctx.standing.cannotServe(this.spec.name)
            ? 'backup'
            : 'fault',
        );
        return;
    }
  }

  private async acquire(session: LeaseSession | undefined, rank: number, fromSilent: boolean): Promise<void> {
    if (!session?.valid()) return;
    const res = await this.leadership.acquire(session.leaseId);
    if (!res.acquired) {
      this.log.debug({ rank }, 'acquire lost the race; someone else holds it');
      return;
    }
    if (fromSilent) this.probeFirst = { revision: res.revision, since: this.ctx.clock.now() };
    this.log.info(
      {
        rev: res.revision,
        rank,
        address: `${this.spec.address}/${this.spec.prefixLen}`,
        lease: session.leaseId,
      },
      'leadership acquired',
    );
    await this.kernelLock.run(() =>
      this.applyAddress(res.revision, { class: 'acquired', text: 'leadership acquired' }),
    );
  }

  /**
   * A peer's beat says it holds this VIP with a newer revision. That is only a hint (any host can
   * open a heartbeat stream): yield only when etcd itself, read linearizably, no longer shows our
   * key. At most one read per PEER_CLAIM_CHECK_MS; a claim etcd refuted is logged once, and an
   * unanswered read keeps the VIP (losing etcd is the fence's business, not a peer's word).
   */
  private async etcdConfirms(claim: { node: string; revision: string }, ours: string): Promise<boolean> {
    const session = this.ctx.standing.session();
    if (!session) return false;
    const now = this.ctx.clock.now();
    if (now - this.claimCheckedAt < PEER_CLAIM_CHECK_MS) return false;
    this.claimCheckedAt = now;
    let mine: boolean;
    try {
      mine = await this.leadership.confirmHeld(session.leaseId, ours);
    } catch (err) {
      this.log.debug(
        { rev: ours, err: errorLine(err) },
        'could not check a peer claim in etcd; keeping the VIP',
      );
      return false;
    }
    const said = `${claim.node}:${claim.revision}`;
    if (mine && this.refutedClaim !== said) {
      this.refutedClaim = said;
      this.log.warn(
        { rev: ours, peer: claim.node, claimedRev: claim.revision },
        'a peer says it holds this VIP with a newer revision, but etcd shows our key: ignored',
      );
    }
    return !mine;
  }

  /**
   * Our own key (our current, live lease) marked taken over, yet the lease was never revoked: a
   * takeover that failed half-way (the peer's etcd calls timed out after some marks). Nobody can
   * take the VIP while the marked key stands, and we dropped it on seeing the mark: after
   * MARK_STUCK_MS we delete the key (guarded by its create revision), so that the VIP is vacant
   * after a takeover and every node, us included, takes it again only after the wait W. The
   * taker never revokes once its marker lease (TAKEOVER_MARK_TTL_S, shorter) has ended.
   */
  private async releaseStaleMark(session: LeaseSession | undefined): Promise<boolean> {
    const marked = session?.valid() === true ? this.leadership.markedOwn(session.leaseId) : undefined;
    if (marked === undefined) {
      this.markedOwnSince = undefined;
      return false;
    }
    const now = this.ctx.clock.now();
    this.markedOwnSince ??= now;
    const left = this.markedOwnSince + MARK_STUCK_MS - now;
    if (left > 0) {
      this.wake(left);
      return false;
    }
    this.markedOwnSince = undefined;
    // Classed 'other' as it always was: the mark itself, not a holder, took the VIP from us.
    await this.dropLocal({ class: 'other', text: 'taken over by a peer' });
    await this.release(
      marked,
      `our key was marked taken over ${MARK_STUCK_MS} ms ago but our lease lives: the takeover failed half-way`,
    );
    return true;
  }

  /** Deletes our leader key (a leadership write slot first); whether it was ours and is gone. */
  private async release(revision: string, reason: string): Promise<boolean> {
    let outcome: ReleaseOutcome;
    try {
      outcome = { deleted: await this.leadership.release(revision) };
    } catch (error) {
      outcome = { error };
    }
    return this.logRelease(revision, reason, outcome);
  }

  /** Logs how a release ended; whether the key was ours and is gone. */
  private logRelease(revision: string, reason: string, outcome: ReleaseOutcome): boolean {
    if ('error' in outcome) {
      this.log.warn(
        { rev: revision, reason, err: errorLine(outcome.error) },
        'release failed; the lease will free it',
      );
      return false;
    }
    this.log.info({ rev: revision, reason, deleted: outcome.deleted }, 'leadership released');
    return outcome.deleted;
  }

  /** Called under kernelLock. Adds only while the lease is provably alive. */
  private async applyAddress(revision: string, reason: Reason): Promise<void> {
    const ifname = interfaceFor(this.spec, this.ctx.self);
    if (this.applied && this.applied.revision === revision && this.applied.ifname === ifname) return;
    if (!this.ctx.standing.session()?.valid() || !this.ctx.standing.canHold() || this.stopped) return;
    // A peer cut from etcd may still keep it under failsafe (after a long etcd outage its lease
    // has expired, and we could take the key): wait until it says it let the VIP go.
    const keeping = this.ctx.peers.failsafeHoldersOf(this.spec.name);
    if (keeping.length > 0) {
      if (this.waitedFor !== keeping.join(',')) {
        this.waitedFor = keeping.join(',');
        this.log.warn(
          { rev: revision, peers: keeping },
          'a peer without etcd still keeps this VIP under failsafe: not adding it until it lets go',
        );
      }
      this.wake(FAILSAFE_HOLDER_RECHECK_MS);
      return;
    }
    this.waitedFor = '';
    if (this.probeFirst?.revision === revision && !(await this.freeOnTheWire(ifname, revision))) return;
    // A removal that failed earlier is finished first, so that every "up" follows its "down".
    if (this.unremoved)
      await this.removeAddress({ class: 'other', text: 'removal retried before adding again' });
    await this.ctx.kernel.addVip(ifname, this.spec, this.ctx.settings.addressLifetimeSec);
    this.applied = { ifname, spec: this.spec, revision };
    const from = this.leadership.lastHolderElsewhere;
    this.log.info(
      {
        rev: revision,
        address: `${this.spec.address}/${this.spec.prefixLen}`,
        interface: ifname,
        reason: reason.text,
        // The holder this node last saw before it (none: the VIP was new or vacant since start).
        from: from?.node ?? 'none',
        ...(from ? { fromRev: from.revision } : {}),
      },
      'VIP up on this node',
    );
    this.announcer.tookOver(this.applied, this.spec.announce.count, this.ctx.pacing.probeSpacingMs());
    this.hook('master', this.applied, reason);
  }

  /**
   * Called under kernelLock, before adding a VIP taken from a silent holder: true once no other
   * host answers ARP/NDP for it (as IPaddr2's arping and RFC 5227 do). The old holder's agent
   * should have removed it, but if vipd died with its agent (a whole unit killed), only the
   * kernel lifetime ends the old address: wait, up to that lifetime (and a margin) from the
   * acquisition, then add anyway (what answers then is not an old holder; the duplicate-owner
   * probe reports it).
   */
  private async freeOnTheWire(ifname: string, revision: string): Promise<boolean> {
    const p = this.probeFirst!;
    const early = this.earlyProbe;
    this.earlyProbe = undefined;
    let owners: string[];
    try {
      // A probe from the wait's last moments counts when nobody answered it and it is recent;
      // anything else (an answer, an old one) is probed again now.
      const earlyOwners =
        early && early.ifname === ifname && this.ctx.clock.now() - early.at <= EARLY_PROBE_VALID_MS
          ? await early.owners.catch(() => undefined)
          : undefined;
      owners = earlyOwners?.length === 0 ? [] : await this.ctx.kernel.probeBeforeAdd(ifname, this.spec);
    } catch (err) {
      this.log.warn({ rev: revision, err: errorLine(err) }, 'takeover probe failed; adding without it');
      owners = [];
    }
    const waited = this.ctx.clock.now() - p.since;
    if (owners.length > 0 && waited < this.ctx.settings.addressLifetimeSec * 1000 + PROBE_MARGIN_MS) {
      if (!p.logged) {
        p.logged = true;
        this.log.warn(
          { rev: revision, macs: owners, lifetimeSec: this.ctx.settings.addressLifetimeSec },
          'another host still answers for the VIP (its old holder not fenced?): waiting until it stops',
        );
      }
      this.wake(PROBE_RETRY_MS);
      return false;
    }
    if (owners.length > 0)
      this.log.error(
        { rev: revision, macs: owners, waitedMs: Math.round(waited) },
        'another host still answers for the VIP past the old address lifetime: adding it anyway',
      );
    else if (p.logged)
      this.log.info({ rev: revision, waitedMs: Math.round(waited) }, 'the VIP is free on the wire now');
    this.probeFirst = undefined;
    return true;
  }

  /** Starts the takeover's wire probe before the wait ends (once; see freeOnTheWire). */
  private probeEarly(now: number): void {
    if (this.earlyProbe && now - this.earlyProbe.at <= EARLY_PROBE_VALID_MS) return;
    const ifname = interfaceFor(this.spec, this.ctx.self);
    const owners = this.ctx.kernel.probeBeforeAdd(ifname, this.spec);
    owners.catch(() => undefined); // looked at (or dropped) by freeOnTheWire
    this.earlyProbe = { at: now, ifname, owners };
  }

  /** Called under kernelLock. */
  private async removeAddress(reason: Reason, state: HookState = 'backup'): Promise<void> {
    this.announcer.stop();
    const a = this.applied ?? this.unremoved;
    if (!a) return;
    let present: boolean;
    try {
      // Still held (in our beats' held list too) until the address is gone: a peer that waits
      // for us to let go (failsafe) must not add it while our removal is still on its way.
      present = await this.ctx.kernel.removeVip(a.ifname, a.spec);
    } catch (err) {
      this.applied = undefined;
      this.unremoved = a;
      this.wake(REMOVE_RETRY_MS);
      throw err;
    } finally {
      if (this.applied === a) this.applied = undefined;
    }
    this.unremoved = undefined;
    this.log.info(
      {
        rev: a.revision,
        address: `${a.spec.address}/${a.spec.prefixLen}`,
        interface: a.ifname,
        reason: reason.text,
        present,
        // Who holds it now as far as etcd says here (none yet: a successor may still come).
        to: this.leadership.holderElsewhere() ?? 'none',
      },
      'VIP down on this node',
    );
    // Once stopping (shutdown, VIP deleted) a drop is part of a clean stop, whatever raced it.
    this.hook(this.stopped ? 'backup' : state, a, reason);
  }

  /** Tells the daemon's hook runner (it only queues). */
  private hook(state: HookState, a: Applied, reason: Reason): void {
    const { address, prefixLen } = a.spec;
    this.ctx.transition({
      vip: this.spec.name,
      state,
      address,
      prefixLen,
      interface: a.ifname,
      revision: a.revision,
      reason: reason.text,
      reasonClass: reason.class,
    });
  }

  /** True while this VIP is kept under onEtcdLoss: failsafe. */
  get failsafe(): boolean {
    return this.inFailsafe;
  }

  /** Until when this VIP is carried over a lost lease (see leaseLost); -Infinity: it is not. */
  get carriedUntil(): number {
    return this.carried?.until ?? -Infinity;
  }

  /** Held now, and its spec says onEtcdLoss: failsafe. */
  get heldUnderFailsafeSpec(): boolean {
    return this.spec.onEtcdLoss === 'failsafe' && this.applied !== undefined;
  }

  /** Until when onEtcdLoss: failsafe keeps this VIP (-Infinity: not failsafe, or not held). */
  failsafeUntil(): number {
    if (!this.heldUnderFailsafeSpec) return -Infinity;
    const until = this.ctx.standing.failsafeUntil(this.spec.name);
    return this.carried ? Math.max(until, this.carried.until) : until;
  }

  /** Called under kernelLock: keeps the kernel lifetime of a failsafe VIP going. */
  private async refreshFailsafe(until: number): Promise<void> {
    const a = this.applied;
    if (!a || this.ctx.clock.now() >= until) return;
    await this.ctx.kernel.addVip(a.ifname, a.spec, this.ctx.settings.addressLifetimeSec);
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

  private wake(ms: number): void {
    clearTimeout(this.wakeTimer);
    this.wakeTimer = setTimeout(() => this.reconcile(), Math.max(1, Math.ceil(ms)));
  }

  private note(d: Decision): void {
    const summary = d.kind === 'follow' ? `follow:${d.holder}:${d.revision}` : d.kind;
    if (summary === this.lastDecision) return;
    this.lastDecision = summary;
    // A reason shows as its text, as it always has (its class is for the metrics).
    const shown = d.kind === 'release' || d.kind === 'idle' ? { ...d, reason: d.reason.text } : d;
    this.log.debug({ decision: shown }, 'decision');
  }
}
