/**
 * After a renewal, the kernel lifetime of every held VIP is pushed forward (the backstop of
 * docs/safety.md: a VIP whose daemon and kernel agent are both gone disappears by itself before the
 * lease can expire). The kernel agent does it itself (its L): told after every renewal for how long
 * that renewal allows, it refreshes each address it added once 0.7 of its lifetime has passed, a few
 * at a time between commands (packages/netif/native/vipd-agent.c). What follows is for an agent
 * that cannot (an older vipd-agent.service): one batch per renewal, every held VIP's kernel lock
 * held meanwhile, so no VIP is removed while the batch could bring it back.
 *
 * Paced by its own cost: an IPv6 address change costs the kernel time in proportion to the
 * addresses already in the namespace (npm run bench:ip-cost on 6.18: 0.1 ms a change at 200
 * addresses, 0.2 ms at 667, 0.6 ms at 2000; IPv4: 0.02–0.035 ms at 508), so a refresh of H
 * addresses costs about H², and a node holding a thousand IPv6 VIPs spent a core refreshing
 * them on every renewal (every Df/2 without echoes). The next refresh may start only
 * REFRESH_PACE × the last one's duration after it began, and at most half a lifetime after it.
 * A node with fewer than PACE_FROM_ADDRESSES up refreshes on every renewal; a skipped refresh only makes the kernel
 * expiry earlier than the holder's deadline (by at most the spacing), never later, so safety
 * does not depend on the pace.
 */
import { type Clock, errorLine, type Logger } from '@vipd/log';
import type { Kernel } from './kernel';
import type { HeldAddress } from './vip-announcer';

/**
 * Pacing never lets the next refresh end later than this share of a lifetime after the last
 * began (renewals come every 750 ms with the slower profiles: paced by 4 × its duration alone, a
 * 550 ms refresh of 1334 addresses came 1.5 s after the last, and its last addresses 2.05 s
 * after their previous change, past their 2 s lifetime).
 */
export const LAST_CHANCE = 0.75;

/** A refresh may take at most 1/PACE of the time (of the kernel agent, and of the kernel). */
export const REFRESH_PACE = 4;

/**
 * Below this many addresses a refresh costs the kernel next to nothing, and one that took long
 * was slowed by a busy event loop, not by its size: such refreshes are never paced.
 */
export const PACE_FROM_ADDRESSES = 64;

/**
 * How long after a refresh of `lastCount` addresses that took `lastMs` the next may start, with
 * renewals (the only moments a refresh can start) `renewalGapMs` apart. Skipped now, the next
 * chance comes a renewal later and takes as long as the last: the address changed first in the
 * last refresh and last in that one must still be within LAST_CHANCE of its lifetime.
 */
export function refreshSpacingMs(
  lastMs: number,
  lastCount: number,
  lifetimeSec: number,
  renewalGapMs = 0,
): number {
  if (lastCount < PACE_FROM_ADDRESSES) return 0;
  const lifetimeMs = lifetimeSec * 1000;
  const latest = LAST_CHANCE * lifetimeMs - renewalGapMs - lastMs;
  return Math.max(0, Math.min(REFRESH_PACE * lastMs, lifetimeMs / 2, latest));
}

/** A kernel keeping lifetimes is given at least this long after every renewal (see keepWindowMs). */
export const KEEP_AT_LEAST_MS = 100;

/**
 * How long after `now` a kernel that keeps lifetimes may go on refreshing on the strength of the
 * renewal whose keepalive went at `keepaliveAt`: until that renewal's hold deadline (`keepalive +
 * T − m`, `holdMs` = T − m), which the agent's own deadline enforces anyway. Every address is then
 * refreshed at least `holdMs − keep-after` after the keepalive, so its lifetime never ends before
 * the deadline (an etcd outage under onEtcdLoss: fence drops the VIP at the fence, not earlier);
 * and an address whose daemon and agent die together at X outlives X by at most valid_lft +
 * kernel lateness (docs/safety.md). At least KEEP_AT_LEAST_MS.
 */
export function keepWindowMs(now: number, keepaliveAt: number, holdMs: number): number {
  return Math.max(KEEP_AT_LEAST_MS, Math.floor(keepaliveAt + holdMs - now));
}

/** What the refresher needs of a VIP controller. */
export interface RefreshableVip {
  /** Defined while the address is up here (cheap: no lock). */
  readonly holding: string | undefined;
  lockKernel(): Promise<() => void>;
  /** A change of its address is in progress or waiting: it sets (or ends) the lifetime itself. */
  readonly kernelBusy: boolean;
  /** Under the lock: the address to refresh, if it is still held and may be kept. */
  refreshTarget(): HeldAddress | undefined;
}

export class LifetimeRefresher {
  private running = false;
  private lastStartAt = -Infinity;
  /** When the last refresh that ran began (lastStartAt is set at the start of the current one). */
  private previousStart = -Infinity;
  private lastMs = 0;
  private lastCount = 0;
  private lastRenewalAt = -Infinity;
  /** Refreshes run and skipped so far (for tests). */
  runs = 0;
  skipped = 0;
  /** Refreshes that ended after some address they refreshed had outlived its lifetime. */
  late = 0;

  constructor(
    private readonly o: {
      kernel: Kernel;
      clock: Clock;
      lifetimeSec: number;
      /** T − m: a renewal lets this node hold its VIPs until its keepalive + T − m. */
      holdMs: number;
      log: Logger;
      vips: () => Iterable<RefreshableVip>;
    },
  ) {}

  /**
   * After each successful renewal (its keepalive sent at `keepaliveAt`); resolves when the refresh
   * (if one was due) is done. A kernel that keeps lifetimes itself (the kernel agent's L) is told
   * to, for as long as this renewal allows (keepWindowMs), and nothing more is done here.
   */
  async afterRenewal(keepaliveAt = this.o.clock.now()): Promise<void> {
    const start = this.o.clock.now();
    const window = keepWindowMs(start, keepaliveAt, this.o.holdMs);
    if (this.o.kernel.keepLifetimes?.(this.o.lifetimeSec, window) === true) return;
    const renewalGap = start - this.lastRenewalAt;
    this.lastRenewalAt = start;
    const spacing = refreshSpacingMs(
      this.lastMs,
      this.lastCount,
      this.o.lifetimeSec,
      Number.isFinite(renewalGap) ? renewalGap : 0,
    );
    if (this.running || start - this.lastStartAt < spacing) {
      this.skipped++;
      return;
    }
    this.running = true;
    this.lastStartAt = start;
    const releases: (() => void)[] = [];
    const targets: HeldAddress[] = [];
    try {
      for (const v of this.o.vips()) {
        // Not up here: nothing to refresh (an add in progress sets a fresh lifetime itself).
        if (v.holding === undefined) continue;
        // Busy (an add, a removal, a failsafe refresh): that change sets or ends the lifetime.
        // Waiting for its lock would hold every lock taken so far meanwhile, and a handover's
        // removal of one of those VIPs behind it (a wave of them cascades at 2000 VIPs).
        if (v.kernelBusy) continue;
        releases.push(await v.lockKernel());
        const t = v.refreshTarget();
        if (t) targets.push(t);
      }
      // Queued by the call itself: from here a change of one of them (a handover's removal) is
      // ordered after its refresh or supersedes it, so the locks go now, not after the kernel
      // has refreshed them all (~1 s at 2000 IPv6 addresses, which a removal would wait for).
      const refreshed = this.o.kernel.refreshVips(targets, this.o.lifetimeSec);
      for (const release of releases.splice(0)) release();
      const failed = await refreshed;
      // One line per refresh, not per VIP: a fence of the kernel agent fails them all.
      if (failed.length > 0) {
        this.o.log.warn(
          {
            failed: failed.length,
            of: targets.length,
            vips: failed.slice(0, 10).map((f) => f.spec.name),
            err: failed[0]!.message,
          },
          'address lifetime refresh failed',
        );
      }
    } catch (err) {
      this.o.log.warn({ err: errorLine(err) }, 'address lifetime refresh failed');
    } finally {
      for (const release of releases) release();
      this.running = false;
      this.runs++;
      const end = this.o.clock.now();
      this.noteLate(start, end, targets.length);
      this.lastMs = end - start;
      this.lastCount = targets.length;
    }
  }

  /**
   * The address refreshed first last time and last this time (the order is the same) went from
   * the last refresh's start to this one's end without a change: longer than its lifetime, the
   * kernel removed it meanwhile and this refresh added it again. vipd holds the VIP all along
   * (nothing else says so), but clients lost it: a host too short of CPU for its VIPs' refreshes.
   */
  private noteLate(start: number, end: number, count: number): void {
    const previousStart = this.previousStart;
    this.previousStart = start;
    // lastCount is still the last refresh's (it is set after this).
    if (!Number.isFinite(previousStart) || count === 0 || this.lastCount === 0) return;
    const untouchedMs = end - previousStart;
    const lifetimeMs = this.o.lifetimeSec * 1000;
    if (untouchedMs <= lifetimeMs) return;
    this.late++;
    this.o.log.warn(
      {
        untouchedMs: Math.round(untouchedMs),
        lifetimeMs,
        addresses: count,
        refreshMs: Math.round(end - start),
        sinceLastRefreshMs: Math.round(start - previousStart),
      },
      'VIP addresses went longer than their kernel lifetime without a refresh: the kernel removed them ' +
        'meanwhile and this refresh added them back (clients lost them in between; the host is short of CPU)',
    );
  }
}
