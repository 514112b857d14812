/**
 * What one VIP's holder sends on the wire besides holding the address: gratuitous ARP / NA on
 * takeover (and a second burst after announce.secondBurstDelayMs, keepalived's
 * garp_master_delay) and periodically, and the duplicate-owner probe (a second MAC answering
 * for it).
 */
import { SendError } from '@vipd/announce';
import { type Clock, errorLine, type Logger } from '@vipd/log';
import type { VipSpec } from '@vipd/store';
import type { Kernel } from './kernel';

/** The address as this node has it up. */
export interface HeldAddress {
  ifname: string;
  spec: VipSpec;
  revision: string;
}

export class VipAnnouncer {
  private announcing: AbortController | undefined;
  /** The takeover's second burst, due (stop() cancels it). */
  private secondBurst: NodeJS.Timeout | undefined;
  private lastAnnounceAt = -Infinity;
  private lastProbeAt = -Infinity;
  private probing = false;
  private duplicates = 0;

  constructor(
    private readonly kernel: Kernel,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /**
   * The address just came up: announce `count` times now, and probe for a duplicate owner at a
   * random point within the first probe period (a node taking over hundreds of VIPs at once
   * must not probe them all in the same instant).
   */
  tookOver(a: HeldAddress, count: number, probeSpacingMs: number): void {
    const every = Math.max(a.spec.announce.probeMs, probeSpacingMs);
    this.lastProbeAt = this.clock.now() - Math.random() * every;
    this.start(a, count, 'took over');
    clearTimeout(this.secondBurst);
    this.secondBurst = undefined;
    const delay = a.spec.announce.secondBurstDelayMs;
    if (delay > 0 && count > 0) {
      this.secondBurst = setTimeout(() => {
        this.secondBurst = undefined;
        this.start(a, count, 'second burst');
      }, delay);
      this.secondBurst.unref();
    }
  }

  /** Sends `count` announcements now (aborting any in flight). */
  start(a: HeldAddress, count: number, why: string): void {
    if (count <= 0) return;
    this.announcing?.abort();
    const ac = new AbortController();
    this.announcing = ac;
    this.lastAnnounceAt = this.clock.now();
    this.kernel
      .announce(a.ifname, a.spec, count, a.spec.announce.intervalMs, ac.signal)
      .then((sent) => this.log.debug({ rev: a.revision, sent, why }, 'announced'))
      // A send error was logged at warn by the interface's burst, once for all its VIPs' frames.
      .catch((err) =>
        this.log[err instanceof SendError ? 'debug' : 'warn'](
          { rev: a.revision, err: errorLine(err) },
          'announce failed',
        ),
      )
      .finally(() => {
        if (this.announcing === ac) this.announcing = undefined;
      });
  }

  /** One announcement when the refresh period has passed. */
  maybeRefresh(a: HeldAddress): void {
    const every = a.spec.announce.refreshMs;
    if (every <= 0 || this.announcing) return;
    if (this.clock.now() - this.lastAnnounceAt >= every) this.start(a, 1, 'periodic refresh');
  }

  /** Stops announcing (the address is going away), the second burst included. */
  stop(): void {
    clearTimeout(this.secondBurst);
    this.secondBurst = undefined;
    this.announcing?.abort();
    this.announcing = undefined;
  }

  /**
   * In how many ms the next refresh or probe falls due (Infinity: neither is configured). The
   * holder's controller wakes then: its other wake-ups (renewals, events) are too sparse to keep
   * `probeMs` and `refreshMs`.
   */
  nextDueMs(a: HeldAddress, minProbeEveryMs: number): number {
    const now = this.clock.now();
    const refresh = a.spec.announce.refreshMs;
    const probe = probeEveryMs(a, minProbeEveryMs);
    const dues = [
      refresh > 0 ? this.lastAnnounceAt + refresh - now : Infinity,
      probe > 0 ? this.lastProbeAt + probe - now : Infinity,
    ];
    return Math.max(0, Math.min(...dues));
  }

  /**
   * Now and then: does a second host answer for our VIP? Reported and counted; `onDuplicate`
   * gets the peers that say they hold it, so the caller can yield to a newer revision.
   */
  maybeProbe(
    a: HeldAddress,
    /** The node's probe budget spread over what it holds: never probe more often than this. */
    minEveryMs: number,
    peerHolders: () => { node: string; revision: string }[],
    onDuplicate: () => void,
  ): void {
    const every = probeEveryMs(a, minEveryMs);
    if (every <= 0 || this.probing || this.clock.now() - this.lastProbeAt < every) return;
    this.probing = true;
    this.lastProbeAt = this.clock.now();
    this.kernel
      .probeOwners(a.ifname, a.spec, PROBE_TIMEOUT_MS)
      .then((macs) => {
        if (macs.length === 0) return;
        this.duplicates++;
        this.log.error(
          { rev: a.revision, macs, duplicates: this.duplicates, peerHolders: peerHolders() },
          'duplicate owner: another host answers for this VIP',
        );
        onDuplicate();
      })
      .catch((err) => this.log.warn({ rev: a.revision, err: errorLine(err) }, 'duplicate-owner probe failed'))
      .finally(() => (this.probing = false));
  }
}

/** How often a held VIP is probed (0: never): its probeMs, no sooner than the node's spacing. */
function probeEveryMs(a: HeldAddress, minEveryMs: number): number {
  return a.spec.announce.probeMs > 0 ? Math.max(a.spec.announce.probeMs, minEveryMs) : 0;
}

/** How long a probe listens for answers. */
const PROBE_TIMEOUT_MS = 200;
