/**
 * How long this node may keep holding VIPs: the etcd deadline of its lease, and the fast
 * fence of docs/fast-takeover.md (no contact with etcd or any peer for Df). Beats the kernel's
 * dead-man's switch with the same deadline, so a frozen or killed daemon is fenced too, and
 * renews the lease faster while no peer confirms us.
 */
import type { Clock, Logger } from '@vipd/log';
import type { NodeSession } from '@vipd/store';
import { fastFenceDeadline, lastContact } from './fast-takeover';
import type { Kernel } from './kernel';
import type { Peers } from './peers';

export interface HolderGuardOptions {
  clock: Clock;
  kernel: Kernel;
  peers: Peers;
  session: () => NodeSession | undefined;
  holderFenceMs: number;
  renewWhenAloneMs: number;
  renewIntervalMs: number;
  /** Whether fast takeover (and so the fast fence) is on. */
  enabled: boolean;
  /** The VIPs held now whose spec says onEtcdLoss: failsafe (the switch follows their deadline). */
  failsafeVips: () => Iterable<string>;
  /** The latest moment a VIP is carried over a lost lease until (VipController.leaseLost). */
  carriedUntil?: () => number;
  /** The lease TTL: etcd cannot expire the lease before lastOkAt + ttl. */
  ttlMs: number;
  /** The deadline passed or contact came back: controllers must look again. */
  onChange: () => void;
  log: Logger;
}

/** Extra time the switch gives the daemon to act first on its own deadline. */
const SWITCH_GRACE_MS = 5;
/** How long before the lease could expire in etcd a failsafe VIP goes at the latest. */
const FAILSAFE_EXPIRY_MARGIN_MS = 100;

export class HolderGuard {
  private timer: NodeJS.Timeout | undefined;
  private wasFenced = false;
  /** canHold() said no while update() had not seen a fence (see canHold). */
  private missedSinceUpdate = false;
  private stopped = false;
  /**
   * Our last renewal when every peer was last seen without etcd (see failsafeConfirmed);
   * undefined once a peer back on etcd stopped seeing our lease.
   */
  private sharedOutageLastOkAt: number | undefined;

  constructor(private readonly o: HolderGuardOptions) {}

  /** The fast-fence deadline, or undefined when that rule is not in force. */
  fastDeadline(): number | undefined {
    if (!this.o.enabled) return undefined;
    const s = this.o.session();
    return fastFenceDeadline({
      lastEtcdOkAt: s?.lastOkAt,
      echoes: this.o.peers.echoTimes(),
      hasPeers: this.o.peers.hasMembers(),
      peersSince: this.o.peers.membersSince(),
      holderFenceMs: this.o.holderFenceMs,
    });
  }

  /** Until when this node may hold VIPs under its lease (monotonic ms). */
  holdDeadline(): number {
    const s = this.o.session();
    if (!s || !s.valid()) return -Infinity;
    const etcd = this.o.clock.now() + s.remainingMs();
    const fast = this.fastDeadline();
    return fast === undefined ? etcd : Math.min(etcd, fast);
  }

  /**
   * Whether this node may hold VIPs now. A controller refused between its deadline and update()
   * noticing it (the timer runs late under load, and a renewal may come first) is not told by a
   * fence transition, so update() tells every controller to look again (see missedSinceUpdate).
   */
  canHold(): boolean {
    const ok = this.o.clock.now() < this.holdDeadline();
    if (!ok && !this.wasFenced) this.missedSinceUpdate = true;
    return ok;
  }

  /**
   * onEtcdLoss: failsafe: until when a VIP may be kept past the etcd deadline. Always up to
   * just before the lease could expire in etcd (nobody can acquire it earlier, and peers have
   * that long to notice etcd is gone for them too); beyond that only while the failsafe is
   * confirmed (failsafeConfirmed), no peer reports holding the VIP, and the peers still confirm
   * us (the fast-fence deadline).
   * With the lease gone in etcd (found lost, or being replaced), only while every peer, heard
   * without etcd, confirms us (VipController.leaseLost carries the VIP meanwhile).
   */
  failsafeUntil(vip: string): number {
    return this.failsafeDeadline(!this.o.peers.hasClaimant(vip));
  }

  /**
   * The latest failsafeUntil of the VIPs held under failsafe (-Infinity: none), computed once
   * for all of them: the switch's deadline, asked on every update.
   */
  private latestFailsafeUntil(): number {
    let any = false;
    for (const vip of this.o.failsafeVips()) {
      if (!this.o.peers.hasClaimant(vip)) return this.failsafeDeadline(true);
      any = true;
    }
    return any ? this.failsafeDeadline(false) : -Infinity;
  }

  /** failsafeUntil of a VIP that no peer (`unclaimed`) or some peer says it holds. */
  private failsafeDeadline(unclaimed: boolean): number {
    const s = this.o.session();
    const fast = this.fastDeadline();
    if (!s || s.lost) {
      // The lease expired in etcd: only the peers' word keeps the VIP, while a new session takes
      // the vacant key again, and only while nobody at all reaches etcd.
      const nobody = this.o.peers.hasMembers() && this.o.peers.noneCanTakeOver(Infinity);
      return unclaimed && fast !== undefined && nobody ? fast : -Infinity;
    }
    const beforeExpiry = s.lastOkAt + this.o.ttlMs - FAILSAFE_EXPIRY_MARGIN_MS;
    if (unclaimed && fast !== undefined && this.failsafeConfirmed(s.lastOkAt)) return fast;
    return fast === undefined ? beforeExpiry : Math.min(beforeExpiry, fast);
  }

  /**
   * Whether nobody can take a VIP over from us without first hearing that we keep it: every
   * registered peer is heard and hears us, and none can reach etcd (nobody can acquire
   * anything), the outage every node shares. Once that was so, and until our own renewal
   * succeeds, a peer that reaches etcd again first still confirms it while its etcd view keeps
   * our lease (Peers.noneCanTakeOver): etcd back after an outage renews every lease with a full
   * TTL, and whoever could take our key hears our beats list the VIP and does not add it
   * (failsafeHoldersOf), so the VIP does not blink while we reconnect. A holder that alone lost
   * etcd never gets this far: its peers reach etcd from the start, and it drops its VIPs before
   * its lease can expire (docs/design.md, safety rule 2).
   */
  private failsafeConfirmed(lastOkAt: number): boolean {
    const peers = this.o.peers;
    if (!peers.hasMembers()) return false;
    if (peers.noneCanTakeOver(Infinity)) {
      this.sharedOutageLastOkAt = lastOkAt;
      return true;
    }
    if (this.sharedOutageLastOkAt !== lastOkAt) return false;
    if (peers.noneCanTakeOver(this.o.clock.now() - this.o.holderFenceMs)) return true;
    this.sharedOutageLastOkAt = undefined;
    return false;
  }

  /** Re-evaluates: beats the switch, re-arms the timer, adapts the renewal interval. */
  update(): void {
    if (this.stopped) return;
    const now = this.o.clock.now();
    const hold = this.holdDeadline();
    const guardUntil = Math.max(hold, this.latestFailsafeUntil(), this.o.carriedUntil?.() ?? -Infinity);
    this.o.kernel.guard(Number.isFinite(guardUntil) ? Math.max(0, guardUntil - now + SWITCH_GRACE_MS) : 0);
    const fenced = now >= hold;
    if (fenced !== this.wasFenced) {
      this.wasFenced = fenced;
      const etcdOk = this.o.session()?.lastOkAt;
      const echoes = this.o.peers.echoTimes();
      const contact = lastContact({ lastEtcdOkAt: etcdOk, echoes });
      const ago = (t: number | undefined): number | undefined =>
        t === undefined || !Number.isFinite(t) ? undefined : Math.round(now - t);
      this.o.log.warn(
        {
          sinceContactMs: ago(contact),
          // Which kind of contact went stale: the last confirmed renewal, the newest peer echo.
          sinceEtcdMs: ago(etcdOk),
          sinceEchoMs: ago(lastContact({ lastEtcdOkAt: undefined, echoes })),
        },
        fenced ? 'no contact with etcd or any peer: fencing' : 'contact restored',
      );
      this.o.onChange();
    } else if (!fenced && this.missedSinceUpdate) {
      this.o.log.debug({}, 'contact came back before the deadline was noticed: controllers look again');
      this.o.onChange();
    }
    this.missedSinceUpdate = false;
    clearTimeout(this.timer);
    const switchAt = this.adaptRenewal(now);
    const next = Math.min(fenced || !Number.isFinite(hold) ? Infinity : hold, switchAt);
    if (Number.isFinite(next))
      this.timer = setTimeout(() => this.update(), Math.max(1, Math.ceil(next - now)));
  }

  /**
   * Stops re-evaluating (shutdown hands VIPs over itself). The switch keeps the last deadline
   * it was given, so a shutdown that hangs is still fenced.
   */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /**
   * Renews every renewWhenAloneMs once no echo came for Df/3, so that etcd contact alone keeps
   * the fast fence open (a partition between peers must not fence a holder that reaches etcd).
   * Returns when to look again (the moment echoes would turn stale), Infinity if not needed.
   */
  private adaptRenewal(now: number): number {
    const s = this.o.session();
    if (!s || !this.o.enabled || !this.o.peers.hasMembers()) {
      s?.setRenewInterval(this.o.renewIntervalMs);
      return Infinity;
    }
    const echoes = this.o.peers.echoTimes();
    const latestEcho = lastContact({ lastEtcdOkAt: undefined, echoes }) ?? -Infinity;
    const staleAt = latestEcho + this.o.holderFenceMs / 3;
    const alone = now >= staleAt;
    s.setRenewInterval(alone ? this.o.renewWhenAloneMs : this.o.renewIntervalMs);
    return alone ? Infinity : staleAt;
  }
}
