/** The daemon-side services every VIP controller uses. */
import type { Clock, NodeInfo, NodeSession } from '@vipd/store';
import type { VipTransition } from './hooks';
import type { Kernel } from './kernel';
import type { LeadershipPort } from './leadership-port';
import type { Semaphore } from './semaphore';
import type { Turns } from './turns';

/** What a VipController needs from the daemon: leadership, the node's view, the kernel, the guards. */
export interface ControllerContext {
  self: string;
  /** Who holds each VIP, and taking, releasing and handing one over (leadership-port.ts). */
  leadership: LeadershipPort;
  session(): NodeSession | undefined;
  liveNodes(): NodeInfo[];
  kernel: Kernel;
  clock: Clock;
  acquireStepMs: number;
  addressLifetimeSec: number;
  /** Monotonic time until which configured better nodes never seen yet are waited for. */
  startupGraceUntil: () => number;
  /** Whether `node` has been registered at any time since this daemon started. */
  seenSinceStart(node: string): boolean;
  /** The node an operator pinned this VIP to (pins/<vip>), if any. */
  pinOf(vip: string): string | undefined;
  /** On a planned release, how long the address may stay while the successor comes up. */
  handoverMaxMs: number;
  /** The lease is alive and the fast fence is open: adding or keeping a VIP is allowed. */
  canHold(): boolean;
  /** onEtcdLoss: failsafe: until when this VIP may be kept past the etcd deadline. */
  failsafeUntil(vip: string): number;
  /** After a takeover nobody adds the VIP before this monotonic time. */
  notBefore(vip: string): number;
  /**
   * Probes for duplicate owners are spread so that the node sends at most PROBES_PER_SECOND:
   * a VIP is probed every max(announce.probeMs, this) ms.
   */
  probeSpacingMs(): number;
  /** Where reconciles queue for their turn (a few ms of them per event-loop turn). */
  turns: Turns;
  /** Handovers in progress at once at most (see VipController.handover). */
  handovers: Semaphore;
  /** Heard peers that say they hold this VIP, with their fencing revisions. */
  peerHolders(vip: string): { node: string; revision: string }[];
  /** Vacant after a takeover from a silent holder (not held since): probe the wire before adding. */
  takenOver(vip: string): boolean;
  /** Heard peers without etcd that say they hold the VIP (kept under failsafe): do not add it. */
  failsafeHolders(vip: string): string[];
  /** This node cannot serve the VIP now (interface down, a tracked check not up). */
  cannotServe(vip: string): boolean;
  /** The address went up or down here: queues the hooks (never waits for them). */
  transition(t: VipTransition): void;
}
