/**
 * The node's VIP controllers: one per valid spec (created, updated and stopped as the specs
 * change), the context and pacing they share, what they hold, and what is done to all of them at
 * once: reconcile, drop (a fence, a lost lease, a restarted kernel agent), the periodic sweep,
 * yielding to newer holders, and the shutdown's handover.
 */
import type { HookState } from '@vipd/config';
import { type Clock, errorLine, type Logger } from '@vipd/log';
import { priorityOf, type VipSpec } from '@vipd/store';
import type { ControllerContext, GroupFollower, GroupLead } from './controller-context';
import { HeldVips, type HoldingVip } from './held-vips';
import type { Reason } from './reason-class';
import { Semaphore } from './semaphore';
import { Sweeper, yieldToNewer } from './sweep';
import { Turns } from './turns';
import { VipGroups } from './vip-groups';

/** Duplicate-owner probes a node sends per second at most, over all the VIPs it holds. */
export const PROBES_PER_SECOND = 20;
/** Graceful handovers a node runs at once at most (see VipReleases.handover). */
export const HANDOVERS_AT_ONCE = 64;

/** What the registry asks of a VIP controller (VipController; a fake in tests). */
export interface ManagedVip extends HoldingVip, GroupLead, GroupFollower {
  reconcile(): void;
  updateSpec(spec: VipSpec): void;
  /** Drops the address now (a fence, a restarted agent); rejects when a removal failed. */
  dropLocal(reason: Reason, state?: Exclude<HookState, 'master'>): Promise<void>;
  /** The lease was lost: failsafe VIPs are carried, the rest dropped. */
  leaseLost(reason: Reason): Promise<void>;
  /** Stops reconciling but keeps the address (the shutdown's handover). */
  freeze(): void;
  awaitSuccessor(revision: string, maxMs: number): Promise<number>;
  /** Drops the address (and with `release` the leader key); never rejects. */
  stop(release: boolean): Promise<boolean>;
}

export interface VipControllersOptions<C extends ManagedVip> {
  /** The daemon's logger: specs loaded, updated and removed; drops that failed. */
  log: Logger;
  /** The parent of every controller's logger (a pino child per VIP costs ~3 KB; two, twice that). */
  vipLog: Logger;
  clock: Clock;
  /** What every controller shares but its pacing (built here). */
  context: Omit<ControllerContext, 'pacing' | 'groups'>;
  /** Builds a VIP's controller (VipController). */
  create: (spec: VipSpec, context: ControllerContext, log: Logger) => C;
  /** A VIP was added (after start's first load): its readiness is looked at. */
  added: () => void;
}

export class VipControllers<C extends ManagedVip> {
  private readonly controllers = new Map<string, C>();
  /** Where reconciles and drops queue for their turn (turns.ts). */
  private readonly turns = new Turns();
  private readonly sweeper = new Sweeper(this.controllers);
  /** VIP groups: who leads, who follows (vip-groups.ts). */
  private readonly groups = new VipGroups(this.controllers);
  /** What this node holds, for its beats, the guard, the probe spacing and the metrics. */
  readonly held: HeldVips;
  /** What every controller shares (one object, not a set of closures per VIP). */
  private readonly context: ControllerContext;

  constructor(private readonly o: VipControllersOptions<C>) {
    this.held = new HeldVips(this.controllers, o.clock);
    this.context = {
      ...o.context,
      pacing: {
        turns: this.turns,
        handovers: new Semaphore(HANDOVERS_AT_ONCE),
        probeSpacingMs: () => (this.held.heldCount() * 1000) / PROBES_PER_SECOND,
      },
      groups: this.groups,
    };
  }

  /** Every controller, by VIP name (live: it follows the specs). */
  get all(): ReadonlyMap<string, C> {
    return this.controllers;
  }

  /** A VIP's spec was loaded, changed, deleted or became invalid (undefined). */
  specChanged(name: string, spec: VipSpec | undefined): void {
    const existing = this.controllers.get(name);
    const { log } = this.o;
    // A group's members look again when one of them comes, goes or changes: the lead ranks with
    // every member's spec, and a new member may lead now (vip-groups.ts).
    const grouped = this.groups.update(name, spec).filter((m) => m !== name);
    if (spec === undefined) {
      // Deleted, or now invalid: this node stops serving it (releasing if it held it).
      if (existing) {
        this.controllers.delete(name);
        log.info({ vip: name }, 'VIP spec removed (deleted or no longer valid)');
        void existing.stop(true);
      }
      for (const m of grouped) this.reconcile(m);
      return;
    }
    if (existing) {
      existing.updateSpec(spec);
      log.info(
        { vip: name, address: `${spec.address}/${spec.prefixLen}`, group: spec.group },
        'VIP spec updated',
      );
      for (const m of grouped) this.reconcile(m);
      return;
    }
    const c = this.o.create(spec, this.context, this.o.vipLog);
    this.controllers.set(name, c);
    log.info(
      {
        vip: name,
        address: `${spec.address}/${spec.prefixLen}`,
        priority: priorityOf(spec, this.context.self),
        ...(spec.group !== undefined && { group: spec.group, lead: this.groups.leadName(name) }),
      },
      'VIP spec loaded',
    );
    this.o.added();
    c.reconcile();
    for (const m of grouped) this.reconcile(m);
  }

  /** One VIP looks again (its pin changed). */
  reconcile(name: string): void {
    this.controllers.get(name)?.reconcile();
  }

  reconcileAll(): void {
    for (const c of this.controllers.values()) c.reconcile();
  }

  /**
   * Never rejects: a removal that fails is retried by its controller (see VipController). The
   * drops start in turns (turns.ts): with thousands of VIPs, one synchronous pass of logs and
   * commands would stall the loop past the next fence deadline. `leaseLost`: failsafe VIPs are
   * carried while a new session takes their keys again (VipController.leaseLost).
   */
  async dropAll(reason: Reason, leaseLost = false): Promise<void> {
    const outcomes = await Promise.allSettled(
      [...this.controllers.values()].map((c) =>
        this.turns.run(() => (leaseLost ? c.leaseLost(reason) : c.dropLocal(reason, 'fault'))),
      ),
    );
    const failed = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    if (failed.length > 0) {
      this.o.log.error(
        { reason: reason.text, failed: failed.length, err: errorLine(failed[0]) },
        'could not remove every VIP; each is tried again on its next reconcile',
      );
    }
  }

  /**
   * The kernel agent fenced (every address it tracked is gone) or was started anew (empty, our
   * VIPs unguarded): each controller drops its VIP, logging it, and adds it again only once it may
   * (a renewal in time, with the agent's new epoch).
   */
  agentLost(reason: Reason): void {
    void this.dropAll(reason).then(() => this.reconcileAll());
  }

  /** The periodic safety net (sweep.ts). */
  sweep(): void {
    this.sweeper.sweep();
  }

  /** Controllers a heard peer holds with a newer revision reconcile (and yield; sweep.ts). */
  yieldToNewer(held: Iterable<{ vip: string; revision: string }>): void {
    yieldToNewer(this.controllers, held);
  }

  /**
   * The shutdown's handover: every controller stops reconciling but keeps its address while
   * `revoke` revokes the lease (our node key and every leader key go in one revision); then each
   * address stays until its successor's key appears (at most handoverMaxMs), so clients see no
   * gap. Without etcd (`revoke` resolved false) they go at once. Never rejects.
   */
  async handOverAll(revoke: () => Promise<boolean>): Promise<void> {
    const controllers = [...this.controllers.values()];
    const held = controllers.flatMap((c) => (c.holding !== undefined ? [[c, c.holding] as const] : []));
    for (const c of controllers) c.freeze();
    if (await revoke()) {
      const maxMs = this.context.settings.handoverMaxMs;
      await Promise.all(held.map(([c, rev]) => c.awaitSuccessor(rev, maxMs)));
    }
    // An address that would not go stays tracked: closing the kernel agent's switch removes it.
    await Promise.all(controllers.map((c) => c.stop(false)));
  }
}
