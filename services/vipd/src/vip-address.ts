/**
 * One VIP's address on this node, under its kernel lock: adding it (only while the lease is
 * provably alive), removing it (and retrying a removal that failed), the kernel refusing it, the
 * lifetime refreshes, and what goes out on the wire while it is up (vip-announcer.ts). A group's
 * lead adds and removes its followers in the same kernel batch as its own address (docs/groups.md).
 * Its controller (vip-controller.ts) decides when; this module only carries it out.
 */
import { errorLine, type Logger } from '@vipd/log';
import { interfaceFor, type VipSpec } from '@vipd/store';
import type { HookState } from '@vipd/config';
import { KernelRefusedError } from '@vipd/netif';
import type { ControllerContext } from './controller-context';
import type { VipLeadership } from './leadership-port';
import { Mutex } from './mutex';
import type { Reason } from './reason-class';
import type { ProbeTarget, TakeoverProbe } from './takeover-probe';
import { type HeldAddress, VipAnnouncer } from './vip-announcer';
import type { VipReleases } from './vip-release';

/** While a peer keeps the VIP under failsafe, how often to look again. */
const FAILSAFE_HOLDER_RECHECK_MS = 100;
/** A holder's wake-up for its next probe or refresh comes no sooner than this. */
const HOLD_RECHECK_MIN_MS = 20;
/** After a failed removal, how soon it is tried again. */
export const REMOVE_RETRY_MS = 250;

type Applied = HeldAddress;

/** What the address asks of its VIP's controller. */
export interface AddressOwner {
  /** The VIP's spec now (a spec update changes it). */
  spec(): VipSpec;
  /** The controller stopped (or froze): no more adds. */
  stopped(): boolean;
  /** Reconciles again in `ms`. */
  wake(ms: number): void;
  /** Reconciles again (a probe found a duplicate owner). */
  reconcile(): void;
}

export interface VipAddressOptions {
  ctx: ControllerContext;
  leadership: Pick<VipLeadership, 'lastHolderElsewhere' | 'holderElsewhere'>;
  /** The probe before an add taken from a silent holder (takeover-probe.ts). */
  probe: Pick<TakeoverProbe, 'armedFor' | 'free'>;
  /** A refused VIP's leadership is let go (vip-release.ts). */
  releases: Pick<VipReleases, 'release'>;
  /** The controller's logger (its VIP's name on every line). */
  log: Logger;
  controller: AddressOwner;
}

export class VipAddress {
  private applied: Applied | undefined;
  /**
   * An address whose removal failed (ip died or did not answer): no longer held, but perhaps
   * still on the interface. The next drop tries it again (a reconcile comes within
   * REMOVE_RETRY_MS); unrefreshed, its kernel lifetime ends it within addressLifetimeSec anyway.
   */
  private unremoved: Applied | undefined;
  private readonly kernelLock = new Mutex();
  /** Date.now() when the address went up (shown only, never compared: timers are monotonic). */
  private upSince = 0;
  /** A group's lead: the revision it is adding its address (and its followers') under now. */
  private coming: string | undefined;
  /** A group's lead: its address (and its followers') is on its way down. */
  private leaving = false;
  /** The failsafe holders last logged as the reason not to add (see applyAddress). */
  private waitedFor = '';
  private readonly announcer: VipAnnouncer;
  private readonly ctx: ControllerContext;
  private readonly log: Logger;

  constructor(private readonly o: VipAddressOptions) {
    this.ctx = o.ctx;
    this.log = o.log;
    this.announcer = new VipAnnouncer(o.ctx.kernel, o.ctx.clock, o.log);
  }

  private get spec(): VipSpec {
    return this.o.controller.spec();
  }

  /** The address as this node has it up now (none: not up). */
  get held(): HeldAddress | undefined {
    return this.applied;
  }

  /** See VipController.groupRevision. */
  get groupRevision(): string | undefined {
    return this.leaving ? undefined : (this.coming ?? this.applied?.revision);
  }

  /** The address this node has up, and since when (wall clock, for people: `vipd status`). */
  get upNow(): { ifname: string; spec: VipSpec; revision: string; since: number } | undefined {
    const a = this.applied;
    return a ? { ifname: a.ifname, spec: a.spec, revision: a.revision, since: this.upSince } : undefined;
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
    if (!a || this.o.controller.stopped()) return undefined;
    if (this.ctx.standing.session()?.valid() !== true || !this.ctx.standing.canHold()) return undefined;
    return a;
  }

  /** Adds the address under `revision` (under the kernel lock; see applyAddress). */
  apply(revision: string, reason: Reason): Promise<void> {
    return this.kernelLock.run(() => this.applyAddress(revision, reason));
  }

  /** Removes the address (under the kernel lock; see removeAddress). */
  remove(reason: Reason): Promise<void> {
    return this.kernelLock.run(() => this.removeAddress(reason));
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
   * While up: refreshes the announcements and probes for a duplicate owner when due; how soon to
   * look again (undefined: not up).
   */
  keepAnnounced(): number | undefined {
    if (!this.applied) return undefined;
    const a = this.applied;
    const spacingMs = this.ctx.pacing.probeSpacingMs();
    this.announcer.maybeRefresh(a);
    this.announcer.maybeProbe(
      a,
      spacingMs,
      () => this.ctx.peers.holdersOf(this.spec.name),
      () => this.o.controller.reconcile(),
    );
    // A probe or refresh in flight is looked at again no sooner than HOLD_RECHECK_MIN_MS.
    return Math.max(HOLD_RECHECK_MIN_MS, this.announcer.nextDueMs(a, spacingMs));
  }

  /**
   * While etcd is unreachable: keeps the kernel lifetime going while `failsafeUntil` (the
   * controller's) says onEtcdLoss: failsafe may keep the VIP.
   */
  refreshFailsafeLifetime(failsafeUntil: () => number): void {
    const a = this.applied;
    if (!a) return;
    if (failsafeUntil() <= this.ctx.clock.now()) return;
    void this.kernelLock
      .run(async () => {
        if (this.applied !== a || failsafeUntil() <= this.ctx.clock.now()) return;
        await this.refreshLifetime(a);
      })
      .catch((err) => this.log.warn({ rev: a.revision, err: errorLine(err) }, 'address refresh failed'));
  }

  /** Keeps the kernel lifetime of a failsafe VIP going until `until` (under the kernel lock). */
  refreshFailsafe(until: number): Promise<void> {
    return this.kernelLock.run(async () => {
      const a = this.applied;
      if (!a || this.ctx.clock.now() >= until) return;
      await this.refreshLifetime(a);
    });
  }

  /**
   * Pushes the held address's kernel lifetime forward. A refresh, never an add: it touches no
   * route, rule, virtual MAC or BGP path, and never brings back an address the agent fenced.
   */
  private async refreshLifetime(a: Applied): Promise<void> {
    const [failed] = await this.ctx.kernel.refreshVips([a], this.ctx.settings.addressLifetimeSec);
    if (failed) throw new Error(failed.message);
  }

  /** The addresses a takeover probe looks for: this VIP's, and its followers' when it leads a group. */
  probeTargets(): ProbeTarget[] {
    const members = this.ctx.groups.membersOf(this.spec.name) ?? [this.spec];
    return members.map((spec) => ({ ifname: interfaceFor(spec, this.ctx.self), spec }));
  }

  /** Called under kernelLock. Adds only while the lease is provably alive. */
  private async applyAddress(revision: string, reason: Reason): Promise<void> {
    const ifname = interfaceFor(this.spec, this.ctx.self);
    if (this.applied && this.applied.revision === revision && this.applied.ifname === ifname) return;
    if (!this.ctx.standing.session()?.valid() || !this.ctx.standing.canHold() || this.o.controller.stopped())
      return;
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
      this.o.controller.wake(FAILSAFE_HOLDER_RECHECK_MS);
      return;
    }
    this.waitedFor = '';
    if (this.o.probe.armedFor(revision) && !(await this.o.probe.free(this.probeTargets(), revision))) return;
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
      await this.ctx.kernel.addVip(ifname, this.spec, this.ctx.settings.addressLifetimeSec, revision);
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
    const from = this.o.leadership.lastHolderElsewhere;
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
    await this.o.releases.release(revision, 'the kernel refused the VIP on this node');
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
      this.o.controller.wake(REMOVE_RETRY_MS);
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
        to: this.o.leadership.holderElsewhere() ?? 'none',
      },
      'VIP down on this node',
    );
    // Once stopping (shutdown, VIP deleted) a drop is part of a clean stop, whatever raced it.
    this.hook(this.o.controller.stopped() ? 'backup' : state, a, reason);
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
}
