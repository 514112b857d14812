/**
 * One VIP on this node: compares what etcd says (leader key, live candidates) with what the
 * kernel has, and acts. Reconciles on every change (its leader key's through the leadership
 * port) and on the daemon's timer. Its parts: what to do now, from the etcd view
 * (vip-decider.ts); the address on this node, its adds, removals and the kernel refusing it
 * (vip-address.ts); a group follower's reconcile (vip-group-follower.ts); the probe before an
 * add taken from a silent holder (takeover-probe.ts); the check of a peer's claim
 * (peer-claim.ts); releases and handovers (vip-release.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { errorLine, type Logger } from '@vipd/log';
import { kernelShapeChanged, type VipSpec } from '@vipd/store';
import type { HookState } from '@vipd/config';
import { AgentFencedError } from '@vipd/netif';
import type { ControllerContext, LeaseSession } from './controller-context';
import type { Decision } from './decide';
import { FailsafeKeep } from './failsafe-keep';
import type { VipLeadership } from './leadership-port';
import { PeerClaimCheck } from './peer-claim';
import type { Reason } from './reason-class';
import { TakeoverProbe } from './takeover-probe';
import { REMOVE_RETRY_MS, VipAddress } from './vip-address';
import type { HeldAddress } from './vip-announcer';
import { VipDecider } from './vip-decider';
import { VipGroupFollower } from './vip-group-follower';
import { VipReleases } from './vip-release';

/** While kept under failsafe, how often the kernel lifetime is refreshed. */
const FAILSAFE_REFRESH_MS = 500;
/** How long before a takeover wait ends its wire probe starts (the probe listens ~25 ms). */
const EARLY_PROBE_LEAD_MS = 40;
/** While a failsafe VIP is carried over a lost lease, how often to look again at the least. */
const CARRY_RECHECK_MS = 50;
/** A stopping controller tries its removal this many times before leaving it to the lifetime. */
const STOP_ATTEMPTS = 3;

const NOT_HOLDER: Reason = { class: 'lost_leadership', text: 'not holder' };
const SHUTTING_DOWN: Reason = { class: 'shutdown', text: 'shutting down' };

export class VipController {
  private running: Promise<void> | undefined;
  private again = false;
  private wakeTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private lastDecision = '';
  /** This VIP's leadership: who holds it, acquire, release, hand over. */
  private readonly leadership: VipLeadership;
  /** Stops the leadership port's change signal (see stop). */
  private readonly unwatch: () => void;
  private readonly log: Logger;
  /** The address on this node: add, remove, the kernel refusing it (vip-address.ts). */
  private readonly address: VipAddress;
  /** What to do now, from the etcd view (vip-decider.ts). */
  private readonly decider: VipDecider;
  /** A group follower's reconcile (vip-group-follower.ts). */
  private readonly follower: VipGroupFollower;
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
      controller: {
        up: () => this.address.held !== undefined,
        dropLocal: (r, s) => this.dropLocal(r, s),
        wake,
      },
    });
    const owner = { spec: () => this.spec, stopped: () => this.stopped, wake };
    this.decider = new VipDecider({ ctx, leadership, log, spec: owner.spec });
    this.address = new VipAddress({
      ctx,
      leadership,
      probe: this.probe,
      releases: this.releases,
      log,
      controller: { ...owner, reconcile: () => this.reconcile() },
    });
    this.follower = new VipGroupFollower({
      ctx,
      leadership,
      releases: this.releases,
      address: this.address,
      controller: { ...owner, note: (d) => this.note(d) },
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
    return this.address.held?.revision;
  }

  /**
   * A group's lead: the revision its followers are up under here (GroupLead): its own while it is
   * up or on its way up, none while it is on its way down.
   */
  get groupRevision(): string | undefined {
    return this.address.groupRevision;
  }

  /** The address this node has up, and since when (wall clock, for people: `vipd status`). */
  get upNow(): { ifname: string; spec: VipSpec; revision: string; since: number } | undefined {
    return this.address.upNow;
  }

  /**
   * A new spec for the same VIP: a change of what it puts in the kernel (address, interface,
   * virtual MAC, address options, routes, rules: kernelShapeChanged) takes the old shape down
   * first; the add that follows brings the new one.
   */
  updateSpec(spec: VipSpec): void {
    const before = this.spec;
    this.spec = spec;
    if (kernelShapeChanged(before, spec, this.ctx.self) && this.address.held) {
      void this.address.remove({ class: 'spec_changed', text: 'spec changed' }).catch(() => undefined);
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
    this.address.refreshFailsafeLifetime(() => this.failsafeUntil());
  }

  /** Takes this VIP's kernel lock (no add or remove until released): for batch refreshes. */
  lockKernel(): Promise<() => void> {
    return this.address.lockKernel();
  }

  /** A kernel change of this VIP is in progress or waiting (its lock is not idle). */
  get kernelBusy(): boolean {
    return this.address.kernelBusy;
  }

  /** Under lockKernel(): the address whose lifetime a renewal should push forward, if any. */
  refreshTarget(): HeldAddress | undefined {
    return this.address.refreshTarget();
  }

  /** Drops the address now, without talking to etcd (fencing, lost lease, shutdown). */
  dropLocal(reason: Reason, state: Exclude<HookState, 'master'> = 'backup'): Promise<void> {
    return this.address.dropLocal(reason, state);
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
    const a = this.address.held;
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
    const rev = this.address.held?.revision;
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

  private async runOnce(): Promise<void> {
    const session = this.ctx.standing.session();
    if (await this.releases.releaseStaleMark(session)) return;
    const lead = this.ctx.groups.leadOf(this.spec.name);
    if (lead) {
      await this.follower.followLead(lead, session);
      return;
    }
    const { d, now, graceWait } = this.decider.next(session);
    if (graceWait !== undefined) {
      this.note({ kind: 'wait', untilMs: this.ctx.candidates.startupGraceUntil(), reason: graceWait });
      this.wake(this.ctx.candidates.startupGraceUntil() - now);
      return;
    }
    this.note(d);
    if (this.failsafeKeep.keepCarried(d, now, this.address.held?.revision)) {
      if (d.kind === 'acquire') await this.acquire(session, d.rank, false);
      else if (d.kind === 'clear-stale')
        await this.releases.release(d.revision, 'leader key of our lost lease');
      this.wake(Math.min(this.failsafeKeep.carriedUntil, now + CARRY_RECHECK_MS) - now);
      return;
    }
    switch (d.kind) {
      case 'hold': {
        this.failsafeKeep.set(false, this.address.held?.revision);
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
        await this.address.apply(d.revision, { class: 'reapplied', text: 'holds the leadership' });
        let nextMs = this.address.keepAnnounced() ?? Infinity;
        if (this.decider.betterSince !== undefined && this.spec.preempt) {
          nextMs = Math.min(nextMs, this.decider.betterSince + this.spec.preemptDelayMs - now);
        }
        if (nextMs !== Infinity) this.wake(nextMs);
        return;
      }
      case 'fenced': {
        const until = this.failsafeUntil();
        if (until > now) {
          this.failsafeKeep.keep(until, this.address.held?.revision);
          // The kernel lifetime would end it otherwise; the dead-man's switch still guards it.
          await this.address.refreshFailsafe(until);
          this.wake(Math.min(until - now, FAILSAFE_REFRESH_MS));
          return;
        }
        this.failsafeKeep.set(false, this.address.held?.revision);
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
          this.probe.startEarly(now, this.address.probeTargets());
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

  /** Up under the group lead's `revision` (GroupFollower): the lead went up here. */
  follow(revision: string): Promise<void> {
    return this.follower.follow(revision);
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
    await this.address.apply(res.revision, { class: 'acquired', text: 'leadership acquired' });
  }

  /**
   * Until when this VIP is carried over a lost lease (see leaseLost); -Infinity: it is not. A
   * group's follower is kept, carried and refreshed as its lead is.
   */
  get carriedUntil(): number {
    const lead = this.ctx.groups.leadOf(this.spec.name);
    if (lead) return this.address.held ? lead.carriedUntil : -Infinity;
    return this.failsafeKeep.carriedUntil;
  }

  /** Held now, and its spec (a follower: its lead's) says onEtcdLoss: failsafe. */
  get heldUnderFailsafeSpec(): boolean {
    const lead = this.ctx.groups.leadOf(this.spec.name);
    if (lead) return this.address.held !== undefined && lead.heldUnderFailsafeSpec;
    return this.spec.onEtcdLoss === 'failsafe' && this.address.held !== undefined;
  }

  /** Kept under onEtcdLoss: failsafe now (GroupLead). */
  get keptUnderFailsafe(): boolean {
    return this.failsafeKeep.active;
  }

  /** Until when onEtcdLoss: failsafe keeps this VIP (-Infinity: not failsafe, or not held). */
  failsafeUntil(): number {
    const lead = this.ctx.groups.leadOf(this.spec.name);
    if (lead) return this.address.held ? lead.failsafeUntil() : -Infinity;
    return this.failsafeKeep.until(this.heldUnderFailsafeSpec);
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
