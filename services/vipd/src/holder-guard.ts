/**
 * How long this node may keep holding VIPs: the etcd deadline of its lease, and the fast
 * fence of docs/fast-takeover.md (no contact with etcd or any peer for Df). Beats the kernel's
 * dead-man's switch with the same deadline, so a frozen or killed daemon is fenced too, and
 * renews the lease faster while no peer confirms us.
 */
import type { Logger } from '@vipd/log';
import type { Clock, NodeSession } from '@vipd/store';
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
  /** Some VIP is being kept under onEtcdLoss: failsafe right now. */
  failsafeInUse: () => boolean;
  /** The deadline passed or contact came back: controllers must look again. */
  onChange: () => void;
  log: Logger;
}

/** Extra time the switch gives the daemon to act first on its own deadline. */
const SWITCH_GRACE_MS = 5;

export class HolderGuard {
  private timer: NodeJS.Timeout | undefined;
  private wasFenced = false;
  private stopped = false;

  constructor(private readonly o: HolderGuardOptions) {}

  /** The fast-fence deadline, or undefined when that rule is not in force. */
  fastDeadline(): number | undefined {
    if (!this.o.enabled) return undefined;
    const s = this.o.session();
    return fastFenceDeadline({
      lastEtcdOkAt: s?.lastOkAt,
      echoes: this.o.peers.echoTimes(),
      hasPeers: this.o.peers.hasMembers(),
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

  canHold(): boolean {
    return this.o.clock.now() < this.holdDeadline();
  }

  /**
   * onEtcdLoss: failsafe: keep a VIP past the etcd deadline only while every registered peer
   * is heard, none can reach etcd (so none can take it over), none reports holding it, and
   * the peers still confirm us (fast fence not passed).
   */
  failsafeOk(vip: string): boolean {
    const s = this.o.session();
    if (!s || s.lost || !this.o.peers.hasMembers()) return false;
    const fast = this.fastDeadline();
    if (fast === undefined || this.o.clock.now() >= fast) return false;
    return this.o.peers.allHeardWithoutEtcd() && this.o.peers.holdersOf(vip).length === 0;
  }

  /** Re-evaluates: beats the switch, re-arms the timer, adapts the renewal interval. */
  update(): void {
    if (this.stopped) return;
    const now = this.o.clock.now();
    const hold = this.holdDeadline();
    const fast = this.fastDeadline();
    const guardUntil = this.o.failsafeInUse() && fast !== undefined ? Math.max(hold, fast) : hold;
    this.o.kernel.guard(Number.isFinite(guardUntil) ? Math.max(0, guardUntil - now + SWITCH_GRACE_MS) : 0);
    const fenced = now >= hold;
    if (fenced !== this.wasFenced) {
      this.wasFenced = fenced;
      const contact = lastContact({
        lastEtcdOkAt: this.o.session()?.lastOkAt,
        echoes: this.o.peers.echoTimes(),
      });
      this.o.log.warn(
        { sinceContactMs: contact === undefined ? undefined : Math.round(now - contact) },
        fenced ? 'no contact with etcd or any peer: fencing' : 'contact restored',
      );
      this.o.onChange();
    }
    clearTimeout(this.timer);
    if (!fenced && Number.isFinite(hold)) {
      this.timer = setTimeout(() => this.update(), Math.max(1, Math.ceil(hold - now)));
    }
    this.adaptRenewal(now);
  }

  /**
   * Stops re-evaluating (shutdown hands VIPs over itself). The switch keeps the last deadline
   * it was given, so a shutdown that hangs is still fenced.
   */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private adaptRenewal(now: number): void {
    const s = this.o.session();
    if (!s) return;
    const echoes = this.o.peers.echoTimes();
    const latestEcho = echoes.length ? Math.max(...echoes) : -Infinity;
    const confirmed = now - latestEcho <= this.o.holderFenceMs / 2;
    const alone = this.o.enabled && this.o.peers.hasMembers() && !confirmed;
    s.setRenewInterval(alone ? this.o.renewWhenAloneMs : this.o.renewIntervalMs);
  }
}
