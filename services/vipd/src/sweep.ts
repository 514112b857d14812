/**
 * Reconciles that no single change asks for: the periodic sweep over every controller (in rounds
 * when there are many), and the controllers a heard peer outranks with a newer revision.
 */

/** Controllers the periodic tick reconciles at most (see Sweeper.sweep). */
export const SWEEP_PER_TICK = 400;

/** What a reconcile pass needs of a VIP controller. */
export interface Reconcilable {
  /** The fencing revision while this node has the address up. */
  readonly holding: string | undefined;
  reconcile(): void;
}

export class Sweeper {
  private sweepAt = 0;

  /** `controllers`: the registry's live map of VIP controllers, by VIP name (vip-controllers.ts). */
  constructor(private readonly controllers: ReadonlyMap<string, Reconcilable>) {}

  /**
   * The periodic safety net: every controller is reconciled at least every tick while there are
   * up to SWEEP_PER_TICK of them, and in rounds of that many beyond (with 2000 VIPs, each every
   * 5 ticks). Changes (etcd, peers, checks, timers) reconcile the VIPs they concern at once;
   * the sweep only catches what nothing announced.
   */
  sweep(): void {
    const all = [...this.controllers.values()];
    if (all.length <= SWEEP_PER_TICK) {
      for (const c of all) c.reconcile();
      return;
    }
    for (let i = 0; i < SWEEP_PER_TICK; i++) all[(this.sweepAt + i) % all.length]?.reconcile();
    this.sweepAt = (this.sweepAt + SWEEP_PER_TICK) % all.length;
  }
}

/**
 * A heard peer holding one of our VIPs with a newer revision: that controller reconciles (and
 * yields). Run over a peer's list when it changes, and over every list on each tick.
 */
export function yieldToNewer(
  controllers: ReadonlyMap<string, Reconcilable>,
  held: Iterable<{ vip: string; revision: string }>,
): void {
  for (const { vip, revision } of held) {
    const c = controllers.get(vip);
    const mine = c?.holding;
    if (c && mine !== undefined && BigInt(revision) > BigInt(mine)) c.reconcile();
  }
}
