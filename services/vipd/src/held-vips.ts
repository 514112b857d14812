/**
 * What this node holds, as its beats, the probe spacing, the guard and the metrics ask for it:
 * read from the VIP controllers on demand, cheaply (beats go out ten times a second and every
 * reconcile asks for the count).
 */
import type { HeldVip } from '@vipd/heartbeat';
import type { Clock } from '@vipd/log';

/** What the held list reads of a VIP controller. */
export interface HoldingVip {
  readonly name: string;
  /** The fencing revision while this node has the address up. */
  readonly holding: string | undefined;
  /** Held now, and its spec says onEtcdLoss: failsafe. */
  readonly heldUnderFailsafeSpec: boolean;
  /** Until when the VIP is carried over a lost lease; -Infinity: it is not. */
  readonly carriedUntil: number;
}

export class HeldVips {
  private heldCountCache = 0;
  private heldCountAt = -Infinity;
  private lastHeld: HeldVip[] = [];

  /** `controllers`: the registry's live map of VIP controllers, by VIP name (vip-controllers.ts). */
  constructor(
    private readonly controllers: ReadonlyMap<string, HoldingVip>,
    private readonly clock: Clock,
  ) {}

  /** How many VIPs this node has up (kept for a tick: asked on every reconcile). */
  heldCount(): number {
    const now = this.clock.now();
    if (now - this.heldCountAt > 1000) {
      let n = 0;
      for (const c of this.controllers.values()) if (c.holding !== undefined) n++;
      this.heldCountCache = n;
      this.heldCountAt = now;
    }
    return this.heldCountCache;
  }

  /**
   * What our beats say we hold. The same array while nothing changed (beats go out ten times a
   * second; with hundreds of VIPs a new list each time was a steady stream of garbage).
   */
  heldList(): HeldVip[] {
    const prev = this.lastHeld;
    let i = 0;
    let same = true;
    for (const c of this.controllers.values()) {
      const rev = c.holding;
      if (rev === undefined) continue;
      const p = prev[i++];
      if (p === undefined || p.name !== c.name || p.revision !== rev) {
        same = false;
        break;
      }
    }
    if (same && i === prev.length) return prev;
    const next: HeldVip[] = [];
    for (const c of this.controllers.values()) {
      if (c.holding !== undefined) next.push({ name: c.name, revision: c.holding });
    }
    this.lastHeld = next;
    return next;
  }

  /** Names of the VIPs whose address this node has up, with their fencing revisions. */
  held(): Record<string, string> {
    return Object.fromEntries(this.heldList().map((h) => [h.name, h.revision]));
  }

  /** The VIPs held now whose spec says onEtcdLoss: failsafe. */
  *failsafeVips(): Generator<string> {
    for (const [name, c] of this.controllers) if (c.heldUnderFailsafeSpec) yield name;
  }

  /** The latest time until which any VIP is carried over a lost lease (-Infinity: none is). */
  carriedUntil(): number {
    let until = -Infinity;
    for (const c of this.controllers.values()) until = Math.max(until, c.carriedUntil);
    return until;
  }
}
