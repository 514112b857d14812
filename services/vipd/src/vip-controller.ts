/**
 * One VIP on this node: compares what etcd says (leader key, live candidates) with what the
 * kernel has, and acts. Reconciles on every change (its leader key's through the leadership
 * port) and on the daemon's timer. Its parts: the probe before an add taken from a silent holder
 * (takeover-probe.ts), the check of a peer's claim (peer-claim.ts), and releases and handovers
 * (vip-release.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { errorLine, type Logger } from '@vipd/log';
import { groupPin, interfaceFor, rankGroup, type VipSpec } from '@vipd/store';
import type { HookState } from '@vipd/config';
import { AgentFencedError, KernelRefusedError } from '@vipd/netif';
import type { ControllerContext, GroupLead, LeaseSession } from './controller-context';
import { betterPresent, decide, type Decision, startupGraceWait } from './decide';
import { FailsafeKeep } from './failsafe-keep';
import type { Holder, VipLeadership } from './leadership-port';
import { Mutex } from './mutex';
import { PeerClaimCheck } from './peer-claim';
import type { Reason } from './reason-class';
import { type ProbeTarget, TakeoverProbe } from './takeover-probe';
import { type HeldAddress, VipAnnouncer } from './vip-announcer';
import { VipReleases } from './vip-release';

/** While kept under failsafe, how often the kernel lifetime is refreshed. */
const FAILSAFE_REFRESH_MS = 500;
/** How long before a takeover wait ends its wire probe starts (the probe listens ~25 ms). */
const EARLY_PROBE_LEAD_MS = 40;
/** While a failsafe VIP is carried over a lost lease, how often to look again at the least. */
const CARRY_RECHECK_MS = 50;
/** While a peer keeps the VIP under failsafe, how often to look again. */
const FAILSAFE_HOLDER_RECHECK_MS = 100;
/** A holder's wake-up for its next probe or refresh comes no sooner than this. */
const HOLD_RECHECK_MIN_MS = 20;
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
  /** Date.now() when the address went up (shown only, never compared: timers are monotonic). */
  private upSince = 0;
  /** A group's lead: the revision it is adding its address (and its followers') under now. */
  private coming: string | undefined;
  /** A group's lead: its address (and its followers') is on its way down. */
  private leaving = false;
  /** The failsafe holders last logged as the reason not to add (see applyAddress). */
  private waitedFor = '';
  /** This VIP's leadership: who holds it, acquire, release, hand over. */
  private readonly leadership: VipLeadership;
  /** Stops the leadership port's change signal (see stop). */
  private readonly unwatch: () => void;
  private readonly log: Logger;
  private readonly announcer: VipAnnouncer;
  /** The probe before an add taken from a silent holder (takeover-probe.ts). */
  private readonly probe: TakeoverProbe;
  /** A peer's claim to hold this VIP, checked against etcd (peer-claim.ts). */
  private readonly claims: PeerClaimCheck;
  /** Release, handover and a stale mark's release (vip-release.ts). */
  private readonly releases: VipReleases;
  /** Kept under onEtcdLoss: failsafe, and carried over a lost lease (failsafe-keep.ts). */
  private readonly failsafeKeep: FailsafeKeep;

  constructor(
    private spec: VipSpec,
    private readonly ctx: ControllerContext,
    baseLog: Logger,
  ) {
    const log = baseLog.child({ vip: spec.name });
    const leadership = ctx.leadership.forVip(spec.name);
    const wake = (ms: number): void => this.wake(ms);
    this.log = log;
    this.leadership = leadership;
    this.announcer = new VipAnnouncer(ctx.kernel, ctx.clock, log);
    const { kernel, clock } = ctx;
    this.probe = new TakeoverProbe({
      kernel,
      clock,
      addressLifetimeSec: ctx.settings.addressLifetimeSec,
      log,
      wake,
    });
    this.claims = new PeerClaimCheck({ leadership, clock, log });
    this.releases = new VipReleases({
      vip: spec.name,
      leadership,
      ctx,
      log,
      controller: { up: () => this.applied !== undefined, dropLocal: (r, s) => this.dropLocal(r, s), wake },
    });
    this.failsafeKeep = new FailsafeKeep({ vip: spec.name, self: ctx.self, standing: ctx.standing, log });
    // The leader key changed (held, released, marked taken over): look again.
    this.unwatch = leadership.onChange(() => this.reconcile());
  }

  get name(): string {
    return this.spec.name;
  }

  /** The fencing revision while this node has the address up. */
  get holding(): string | undefined {
    return this.applied?.revision;
  }

  /**
   * A group's lead: the revision its followers are up under here (GroupLead): its own while it is
   * up or on its way up, none while it is on its way down.
   */
  get groupRevision(): string | undefined {
    return this.leaving ? undefined : (this.coming ?? this.applied?.revision);
  }

  /** The address this node has up, and since when (wall clock, for people: `vipd status`). */
  get upNow(): { ifname: string; spec: VipSpec; revision: string; since: number } | undefined {
    const a = this.applied;
    return a ? { ifname: a.ifname, spec: a.spec, revision: a.revision, since: this.upSince } : undefined;
  }

  /**
   * A new spec for the same VIP: an address or interface change takes the old address down first,
   * and so does a change of its routes or rules (the old ones go with the old spec; the add that
   * follows brings the new ones).
   */
  updateSpec(spec: VipSpec): void {
    const before = this.spec;
    this.spec = spec;
    const moved =
      before.address !== spec.address ||
      before.prefixLen !== spec.prefixLen ||
      interfaceFor(before, this.ctx.self) !== interfaceFor(spec, this.ctx.self) ||
      JSON.stringify([before.routes, before.rules]) !== JSON.stringify([spec.routes, spec.rules]);
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

  /** A kernel change of this VIP is in progress or waiting (its lock is not idle). */
  get kernelBusy(): boolean {
    return !this.kernelLock.idle;
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
    const lead = this.ctx.groups.leadOf(this.spec.name);
    if (lead && a && !this.stopped && lead.keptUnderFailsafe) {
      // The lead carries itself (and so this member) or drops itself (and this member with it).
      this.wake(CARRY_RECHECK_MS);
      return;
    }
    if (a && !this.stopped && !lead) {
      const now = this.ctx.clock.now();
      const carryMs = this.failsafeKeep.carryOver(a.revision, this.heldUnderFailsafeSpec, now);
      if (carryMs !== undefined) {
        this.wake(carryMs);
        return;
      }
    }
    await this.dropLocal(reason, 'fault');
  }

  /** Stops reconciling but keeps the address (shutdown hands over before dropping it). */
  freeze(): void {
    this.stopped = true;
    clearTimeout(this.wakeTimer);
  }

  /** Waits (at most maxMs) until the successor holds the VIP; see VipLeadership.awaitSuccessor. */
  awaitSuccessor(rev: string, maxMs: number): Promise<number> {
    // A group's follower is up under its lead's key: that key's successor is its successor.
    const lead = this.ctx.groups.leadOf(this.spec.name);
    const port = lead ? this.ctx.leadership.forVip(lead.name) : this.leadership;
    return port.awaitSuccessor(rev, maxMs);
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
    if (release && rev !== undefined) await this.releases.release(rev, SHUTTING_DOWN.text);
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
    if (await this.releases.releaseStaleMark(session)) return;
    const lead = this.ctx.groups.leadOf(this.spec.name);
    if (lead) {
      await this.followLead(lead, session);
      return;
    }
    const leader = this.leaderView();
    // A group's lead decides for every member: eligible only where all are (rankGroup).
    const members = this.ctx.groups.membersOf(this.spec.name) ?? [this.spec];
    const pinned = groupPin(members, (vip) => this.ctx.candidates.pinOf(vip));
    const ranked = rankGroup(members, this.ctx.candidates.liveNodes(), pinned);
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
    if (this.failsafeKeep.keepCarried(d, now, this.applied?.revision)) {
      if (d.kind === 'acquire') await this.acquire(session, d.rank, false);
      else if (d.kind === 'clear-stale')
        await this.releases.release(d.revision, 'leader key of our lost lease');
      this.wake(Math.min(this.failsafeKeep.carriedUntil, now + CARRY_RECHECK_MS) - now);
      return;
    }
    switch (d.kind) {
      case 'hold': {
        this.failsafeKeep.set(false, this.applied?.revision);
        const newer = this.ctx.peers
          .holdersOf(this.spec.name)
          .find((p) => BigInt(p.revision) > BigInt(d.revision));
        if (newer && (await this.claims.etcdConfirms(this.ctx.standing.session(), newer, d.revision))) {
          await this.dropLocal({
            class: 'yielded',
            text: `yielding to ${newer.node}, which holds it with the newer revision ${newer.revision}`,
          });
          return;
        }
        await this.kernelLock.run(() =>
          this.applyAddress(d.revision, { class: 'reapplied', text: 'holds the leadership' }),
        );
        let nextMs = Infinity;
        if (this.applied) {
          const a = this.applied;
          const spacingMs = this.ctx.pacing.probeSpacingMs();
          this.announcer.maybeRefresh(a);
          this.announcer.maybeProbe(
            a,
            spacingMs,
            () => this.ctx.peers.holdersOf(this.spec.name),
            () => this.reconcile(),
          );
          // A probe or refresh in flight is looked at again no sooner than HOLD_RECHECK_MIN_MS.
          nextMs = Math.max(HOLD_RECHECK_MIN_MS, this.announcer.nextDueMs(a, spacingMs));
        }
        if (this.betterSince !== undefined && this.spec.preempt) {
          nextMs = Math.min(nextMs, this.betterSince + this.spec.preemptDelayMs - now);
        }
        if (nextMs !== Infinity) this.wake(nextMs);
        return;
      }
      case 'fenced': {
        const until = this.failsafeUntil();
        if (until > now) {
          this.failsafeKeep.keep(until, this.applied?.revision);
          // The kernel lifetime would end it otherwise; the dead-man's switch still guards it.
          await this.kernelLock.run(() => this.refreshFailsafe(until));
          this.wake(Math.min(until - now, FAILSAFE_REFRESH_MS));
          return;
        }
        this.failsafeKeep.set(false, this.applied?.revision);
        await this.dropLocal(
          { class: 'fenced', text: 'fenced: no contact with etcd (or with etcd and every peer) in time' },
          'fault',
        );
        return;
      }
      case 'release':
        await this.releases.handover(d.revision, d.reason);
        return;
      case 'acquire':
        await this.dropLocal(NOT_HOLDER);
        // Vacant after a takeover (seen live, or named in takeovers/ on a fresh read): the old holder went silent,
        // and whether it fenced is not ours to trust. Prove the address free before adding.
        await this.acquire(session, d.rank, this.ctx.takeover.takenOver(this.spec.name));
        return;
      case 'clear-stale':
        await this.dropLocal(NOT_HOLDER);
        await this.releases.release(d.revision, 'leader key left by an earlier run of this node');
        return;
      case 'wait': {
        await this.dropLocal(NOT_HOLDER);
        // Waiting out a takeover's W: the wire probe runs in the wait's last moments, so that it
        // costs the takeover nothing when nobody answers (takeover-probe.ts).
        const left = d.untilMs - now;
        if (this.ctx.takeover.takenOver(this.spec.name) && left <= EARLY_PROBE_LEAD_MS)
          this.probe.startEarly(now, this.probeTargets());
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

  /**
   * A member of a group led by another VIP: up here exactly while the lead is up here, under the
   * lead's fencing revision (the lead adds and removes it in its own kernel batch; this is the
   * safety net for anything that batch missed). A leader key of its own (from before it joined
   * the group, or from when it led it) is let go: only the lead's key decides.
   */
  private async followLead(lead: GroupLead, session: LeaseSession | undefined): Promise<void> {
    const own = this.leadership.holder();
    if (own && own.node === this.ctx.self && own.lease === session?.leaseId && session.valid()) {
      await this.releases.release(own.revision, `group ${this.spec.group}: led by ${lead.name}`);
    }
    const revision = lead.groupRevision;
    if (revision === undefined) {
      this.note({
        kind: 'idle',
        reason: { class: 'lost_leadership', text: `group lead ${lead.name} not up here` },
      });
      await this.dropLocal({ class: 'lost_leadership', text: `group lead ${lead.name} is not up here` });
      return;
    }
    this.note({ kind: 'hold', revision });
    await this.follow(revision);
    if (!this.applied) return;
    const a = this.applied;
    const spacingMs = this.ctx.pacing.probeSpacingMs();
    this.announcer.maybeRefresh(a);
    this.announcer.maybeProbe(
      a,
      spacingMs,
      () => this.ctx.peers.holdersOf(this.spec.name),
      () => this.reconcile(),
    );
    this.wake(Math.max(HOLD_RECHECK_MIN_MS, this.announcer.nextDueMs(a, spacingMs)));
  }

  /** Up under the group lead's `revision` (GroupFollower): the lead went up here. */
  async follow(revision: string): Promise<void> {
    if (this.stopped) return;
    // Under the lock applyAddress looks at the lead again: a removal queued before this add may
    // have taken the group down.
    const lead = this.ctx.groups.leadOf(this.spec.name)?.name ?? 'its lead';
    await this.kernelLock.run(() =>
      this.applyAddress(revision, { class: 'acquired', text: `group ${this.spec.group}: with ${lead}` }),
    );
  }

  private async acquire(session: LeaseSession | undefined, rank: number, fromSilent: boolean): Promise<void> {
    if (!session?.valid()) return;
    const res = await this.leadership.acquire(session.leaseId);
    if (!res.acquired) {
      this.log.debug({ rank }, 'acquire lost the race; someone else holds it');
      return;
    }
    if (fromSilent) this.probe.arm(res.revision);
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

  /** Called under kernelLock. Adds only while the lease is provably alive. */
  private async applyAddress(revision: string, reason: Reason): Promise<void> {
    const ifname = interfaceFor(this.spec, this.ctx.self);
    if (this.applied && this.applied.revision === revision && this.applied.ifname === ifname) return;
    if (!this.ctx.standing.session()?.valid() || !this.ctx.standing.canHold() || this.stopped) return;
    // A group's follower is up only under its lead's revision here: an add begun under a key of
    // its own before it joined the group (or under an earlier lead's) is not made.
    const lead = this.ctx.groups.leadOf(this.spec.name);
    if (lead && lead.groupRevision !== revision) return;
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
    if (this.probe.armedFor(revision) && !(await this.probe.free(this.probeTargets(), revision))) return;
    // A removal that failed earlier is finished first, so that every "up" follows its "down".
    if (this.unremoved)
      await this.removeAddress({ class: 'other', text: 'removal retried before adding again' });
    // A group's lead brings its followers up in the same tick, so in the same kernel batch: a
    // node has all of the group or none of it (their failures are theirs to retry). Not awaited:
    // a lead never waits for a follower's lock.
    const followers = this.ctx.groups.followersOf(this.spec.name);
    this.coming = revision;
    try {
      for (const f of followers) {
        f.follow(revision).catch((err) =>
          this.log.warn({ rev: revision, member: f.name, err: errorLine(err) }, 'group member not added'),
        );
      }
      await this.ctx.kernel.addVip(ifname, this.spec, this.ctx.settings.addressLifetimeSec);
    } catch (err) {
      this.coming = undefined;
      // Not up: the followers that went up without it look again (and go).
      for (const f of followers) f.reconcile();
      if (!(err instanceof KernelRefusedError) || this.ctx.kernelRefused === undefined) throw err;
      await this.refusedByKernel(revision, ifname, err);
      return;
    } finally {
      this.coming = undefined;
    }
    this.applied = { ifname, spec: this.spec, revision };
    this.upSince = Date.now();
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

  /** The addresses a takeover probe looks for: this VIP's, and its followers' when it leads a group. */
  private probeTargets(): ProbeTarget[] {
    const members = this.ctx.groups.membersOf(this.spec.name) ?? [this.spec];
    return members.map((spec) => ({ ifname: interfaceFor(spec, this.ctx.self), spec }));
  }

  /**
   * Called under kernelLock. The kernel will not take this VIP here (nothing of it stayed: the add
   * is all or nothing): rather than hold a leadership it cannot serve, this node says it cannot
   * serve the VIP and lets the leadership go, so that another node can take it.
   */
  private async refusedByKernel(revision: string, ifname: string, err: KernelRefusedError): Promise<void> {
    const why = `the kernel refused it on ${ifname}: ${err.message}`;
    this.log.error(
      {
        rev: revision,
        address: `${this.spec.address}/${this.spec.prefixLen}`,
        interface: ifname,
        code: err.code,
        err: errorLine(err),
      },
      'the kernel refused this VIP: leadership released; this node cannot serve it until its spec changes or vipd restarts',
    );
    await this.ctx.kernelRefused?.(this.spec.name, why);
    // A group's follower has no key of its own: unable to serve it, this node is out of the
    // group's ranking, and the lead lets the group go.
    if (this.ctx.groups.leadOf(this.spec.name)) return;
    await this.releases.release(revision, 'the kernel refused the VIP on this node');
  }

  /** Called under kernelLock. */
  private async removeAddress(reason: Reason, state: HookState = 'backup'): Promise<void> {
    this.announcer.stop();
    const a = this.applied ?? this.unremoved;
    if (!a) return;
    // A group's followers go down with the lead, in the same kernel batch (see applyAddress).
    this.leaving = true;
    for (const f of this.ctx.groups.followersOf(this.spec.name)) {
      f.dropLocal(reason, state === 'master' ? undefined : state).catch((err) =>
        this.log.warn({ rev: a.revision, member: f.name, err: errorLine(err) }, 'group member not removed'),
      );
    }
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
      this.leaving = false;
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

  /**
   * Until when this VIP is carried over a lost lease (see leaseLost); -Infinity: it is not. A
   * group's follower is kept, carried and refreshed as its lead is.
   */
  get carriedUntil(): number {
    const lead = this.ctx.groups.leadOf(this.spec.name);
    if (lead) return this.applied ? lead.carriedUntil : -Infinity;
    return this.failsafeKeep.carriedUntil;
  }

  /** Held now, and its spec (a follower: its lead's) says onEtcdLoss: failsafe. */
  get heldUnderFailsafeSpec(): boolean {
    const lead = this.ctx.groups.leadOf(this.spec.name);
    if (lead) return this.applied !== undefined && lead.heldUnderFailsafeSpec;
    return this.spec.onEtcdLoss === 'failsafe' && this.applied !== undefined;
  }

  /** Kept under onEtcdLoss: failsafe now (GroupLead). */
  get keptUnderFailsafe(): boolean {
    return this.failsafeKeep.active;
  }

  /** Until when onEtcdLoss: failsafe keeps this VIP (-Infinity: not failsafe, or not held). */
  failsafeUntil(): number {
    const lead = this.ctx.groups.leadOf(this.spec.name);
    if (lead) return this.applied ? lead.failsafeUntil() : -Infinity;
    return this.failsafeKeep.until(this.heldUnderFailsafeSpec);
  }

  /** Called under kernelLock: keeps the kernel lifetime of a failsafe VIP going. */
  private async refreshFailsafe(until: number): Promise<void> {
    const a = this.applied;
    if (!a || this.ctx.clock.now() >= until) return;
    await this.ctx.kernel.addVip(a.ifname, a.spec, this.ctx.settings.addressLifetimeSec);
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
