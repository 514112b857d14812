/** The daemon-side services every VIP controller uses. */
import type { HookState } from '@vipd/config';
import type { Clock } from '@vipd/log';
import type { NodeInfo, NodeSession, VipSpec } from '@vipd/store';
import type { VipTransition } from './hooks';
import type { Kernel } from './kernel';
import type { LeadershipPort } from './leadership-port';
import type { Reason } from './reason-class';
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
  /** VIP groups (spec `group`): the lead's leadership decides for every member (vip-groups.ts). */
  groups: Groups;
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

/**
 * A VIP group as its members' controllers see it: the lead (the lowest-named member) decides for
 * the group with its own leader key and the group's ranking; every other member follows it on this
 * node, up exactly while the lead is up here, added and removed in the lead's kernel batch.
 */
export interface Groups {
  /** Every member's spec, the lead first, when `vip` leads a group of two or more. */
  membersOf(vip: string): VipSpec[] | undefined;
  /** The lead's controller when `vip` follows it (a member of a group it does not lead). */
  leadOf(vip: string): GroupLead | undefined;
  /** The other members' controllers when `vip` leads its group ([] otherwise). */
  followersOf(vip: string): GroupFollower[];
}

/** What a follower reads of its group's lead on this node. */
export interface GroupLead {
  readonly name: string;
  /**
   * The lead's fencing revision while its address is up here or on its way up (not while on its
   * way down): the followers are up under it.
   */
  readonly groupRevision: string | undefined;
  readonly heldUnderFailsafeSpec: boolean;
  readonly carriedUntil: number;
  /** Kept under onEtcdLoss: failsafe now (a lost lease then carries it). */
  readonly keptUnderFailsafe: boolean;
  failsafeUntil(): number;
}

/** What the lead asks of its followers on this node (it never waits for them: no lock order). */
export interface GroupFollower {
  readonly name: string;
  /** The lead went up here under `revision`: up too. */
  follow(revision: string): Promise<void>;
  /** The lead goes down here: down too. */
  dropLocal(reason: Reason, state?: Exclude<HookState, 'master'>): Promise<void>;
  /** Look again (the lead's add failed). */
  reconcile(): void;
}
