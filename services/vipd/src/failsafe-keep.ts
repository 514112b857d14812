/**
 * One VIP kept under onEtcdLoss: failsafe: whether it is kept now (etcd out of reach for everyone,
 * every peer confirming), until when, and its carry over a lost lease while a new session takes
 * the vacant key again. The controller does the kernel's part (refreshes, drops); this decides and
 * logs.
 */
import type { Logger } from '@vipd/log';
import type { NodeStanding } from './controller-context';
import type { Decision } from './decide';

export interface FailsafeKeepOptions {
  vip: string;
  self: string;
  standing: Pick<NodeStanding, 'failsafeUntil'>;
  /** The controller's logger (its VIP's name on every line). */
  log: Logger;
}

export class FailsafeKeep {
  private on = false;
  /** The deadline of the last 'fenced' decision that kept this VIP under failsafe. */
  private keptUntil = -Infinity;
  /**
   * The lease was lost (expired in etcd) while this VIP was kept under failsafe: the address
   * stays up until `until` while a new session takes the vacant key again (see carryOver).
   */
  private carried: { revision: string; until: number } | undefined;

  constructor(private readonly o: FailsafeKeepOptions) {}

  /** True while the VIP is kept under failsafe. */
  get active(): boolean {
    return this.on;
  }

  /** Until when the VIP is carried over a lost lease; -Infinity: it is not. */
  get carriedUntil(): number {
    return this.carried?.until ?? -Infinity;
  }

  /** Until when failsafe keeps the VIP: -Infinity unless it is `held` now under a failsafe spec. */
  until(held: boolean): number {
    if (!held) return -Infinity;
    const until = this.o.standing.failsafeUntil(this.o.vip);
    return this.carried ? Math.max(until, this.carried.until) : until;
  }

  /** A 'fenced' decision keeps the VIP (at `revision`) until `until`. */
  keep(until: number, revision: string | undefined): void {
    this.keptUntil = until;
    this.set(true, revision);
  }

  /** Failsafe starts or ends for the VIP at `revision` (logged when it changes). */
  set(on: boolean, revision: string | undefined): void {
    if (on === this.on) return;
    this.on = on;
    this.o.log.warn(
      { rev: revision },
      on
        ? 'failsafe: etcd unreachable for everyone; keeping the VIP while all peers confirm'
        : 'failsafe ended',
    );
  }

  /**
   * The lease was lost while the VIP was up at `revision` (`held`: under a failsafe spec): carried
   * when it was kept under failsafe and that has not ended. Resolves how long it is carried for
   * at most (the controller looks again then), or undefined: drop it now.
   */
  carryOver(revision: string, held: boolean, now: number): number | undefined {
    const until = Math.max(this.keptUntil, this.until(held));
    if (!this.on || until <= now) return undefined;
    this.carried = { revision, until };
    this.o.log.info(
      { rev: revision, keptForMs: Math.round(until - now) },
      'lease lost while kept under failsafe: keeping the VIP while a new session takes the key again',
    );
    return until - now;
  }

  /**
   * While carried over a lost lease: whether this decision keeps the address (up at `applied`)
   * for now (the new session is not there yet, or has yet to take the vacant key). Ends the carry
   * otherwise.
   */
  keepCarried(d: Decision, now: number, applied: string | undefined): boolean {
    const c = this.carried;
    if (!c) return false;
    if (applied !== c.revision) {
      this.carried = undefined;
      return false;
    }
    c.until = Math.max(c.until, this.o.standing.failsafeUntil(this.o.vip));
    const waiting =
      d.kind === 'acquire' ||
      d.kind === 'wait' ||
      d.kind === 'idle' ||
      d.kind === 'clear-stale' ||
      (d.kind === 'follow' && d.holder === this.o.self);
    if (now >= c.until || !waiting) {
      this.carried = undefined;
      if (now >= c.until)
        this.o.log.info({ rev: c.revision }, 'failsafe carry-over ended before the key was taken again');
      return false;
    }
    return true;
  }
}
