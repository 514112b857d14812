/** The daemon-side services every VIP controller uses. */
import type { Clock } from '@vipd/log';
import type { NodeInfo, NodeSession } from '@vipd/store';
import type { VipTransition } from './hooks';
import type { Kernel } from './kernel';
import type { LeadershipPort } from './leadership-port';
import type { Semaphore } from './semaphore';
import type { Turns } from './turns';

/** What a VipController needs from the daemon, by concern (one object shared by every controller). */
export interface ControllerContext {
  self: string;
  kernel: Kernel;
  clock: Clock;
  settings: ControllerSettings;
  /** Who holds each VIP, and taking, releasing and handing one over (leadership-port.ts). */
  leadership: LeadershipPort;
  standing: NodeStanding;
  candidates: Candidates;
  peers: PeerClaims;
  takeover: TakeoverWaits;
  pacing: Pacing;
  /**
   * The kernel refused this VIP's add here (add-refusals.ts): the node counts as unable to serve
   * it; resolves once its own ranking says so (before the controller lets the leadership go).
   */
  kernelRefused?(vip: string, why: string): Promise<void>;
  /** The address went up or down here: queues the hooks (never waits for them). */
  transition(t: VipTransition): void;
}

/** From the config, fixed while the daemon runs. */
export interface ControllerSettings {
  acquireStepMs: number;
  addressLifetimeSec: number;
  /** On a planned release, how long the address may stay while the successor comes up. */
  handoverMaxMs: number;
}

/** What a controller reads of the node's etcd session. */
export type LeaseSession = Pick<NodeSession, 'leaseId' | 'valid'>;

/** Whether this node may hold VIPs now: its lease, the guards, its own readiness. */
export interface NodeStanding {
  session(): LeaseSession | undefined;
  /** The lease is alive and the fast fence is open: adding or keeping a VIP is allowed. */
  canHold(): boolean;
  /** onEtcdLoss: failsafe: until when this VIP may be kept past the etcd deadline. */
  failsafeUntil(vip: string): number;
  /** This node cannot serve the VIP now (interface down, a tracked check not up). */
  cannotServe(vip: string): boolean;
}

/** Who may hold a VIP, and in which order (rankCandidates, decide.ts). */
export interface Candidates {
  liveNodes(): NodeInfo[];
  /** The node an operator pinned this VIP to (pins/<vip>), if any. */
  pinOf(vip: string): string | undefined;
  /** Monotonic time until which configured better nodes never seen yet are waited for. */
  startupGraceUntil(): number;
  /** Whether `node` has been registered at any time since this daemon started. */
  seenSinceStart(node: string): boolean;
}

/** What heard peers say about a VIP in their beats (peers.ts): hints, never proof. */
export interface PeerClaims {
  /** Heard peers that say they hold this VIP, with their fencing revisions. */
  holdersOf(vip: string): { node: string; revision: string }[];
  /** Heard peers without etcd that say they hold the VIP (kept under failsafe): do not add it. */
  failsafeHoldersOf(vip: string): string[];
}

/** VIPs taken over from a silent holder (takeover.ts). */
export interface TakeoverWaits {
  /** After a takeover nobody adds the VIP before this monotonic time. */
  notBefore(vip: string): number;
  /** Vacant after a takeover from a silent holder (not held since): probe the wire before adding. */
  takenOver(vip: string): boolean;
}

/** How the controllers' work is spread out. */
export interface Pacing {
  /** Where reconciles queue for their turn (a few ms of them per event-loop turn). */
  turns: Turns;
  /** Handovers in progress at once at most (see VipReleases.handover). */
  handovers: Semaphore;
  /**
   * Probes for duplicate owners are spread so that the node sends at most PROBES_PER_SECOND
   * (vip-controllers.ts): a VIP is probed every max(announce.probeMs, this) ms.
   */
  probeSpacingMs(): number;
}
