/**
 * Leadership as a VIP controller sees it: who holds the VIP, a signal when that may have changed,
 * and the few things it may ask (take a vacant VIP, give it up, hand it over, check a peer's word
 * against etcd). One port per node, one view of it per VIP; the leader key, its record, the watch
 * and the bulk acquisitions stay behind it (etcd-leadership.ts), so the controller never sees etcd
 * and is tested with a fake.
 */
import type { AcquireResult } from '@vipd/store';

/** Who holds a VIP as far as this node knows (the `leader` input of decide.ts). */
export interface Holder {
  /** The holding node: `?` when its leader key is unreadable, `taken-over-by-<node>` when marked. */
  node: string;
  /** The holder's lease ('' when marked taken over: whoever holds it, it is not that lease). */
  lease: string;
  /** The fencing revision: the create revision of the leader key. */
  revision: string;
  /** Set when the leader key is there but unreadable (held then by an unknown node). */
  problem?: string;
}

/** How a release ended: whether the key was ours and is gone, or the error that stopped it. */
export type ReleaseOutcome = { deleted: boolean } | { error: unknown };

/** A handover's wait for its successor. */
export interface SuccessorWait {
  waitedMs: number;
  /** The fencing revision of the key that holds the VIP as the wait ended (undefined: none yet). */
  successorRevision: string | undefined;
}

/** One VIP's leadership. */
export interface VipLeadership {
  /**
   * The holder now: the leader key as this node's watch sees it, or our own acquisition that the
   * watch has not shown yet. Undefined: vacant. Reading it updates lastHolderElsewhere.
   */
  holder(): Holder | undefined;
  /** The last holder other than this node that holder() found the key naming (none: new or vacant since start). */
  readonly lastHolderElsewhere: { node: string; revision: string } | undefined;
  /** Who holds it now when that is not this node (`taken over by <node>` when marked); for logs, no side effects. */
  holderElsewhere(): string | undefined;
  /** The fencing revision of our own key under `leaseId` when a peer marked it taken over. */
  markedOwn(leaseId: string): string | undefined;
  /** Takes the VIP under `leaseId` if it is vacant and its spec exists; the revision is the fencing token. */
  acquire(leaseId: string): Promise<AcquireResult>;
  /** Deletes the leader key if it is still the one with this revision: whether it was, and is gone. */
  release(revision: string): Promise<boolean>;
  /**
   * A planned release, in one call: release() first (a failure is an outcome, never a rejection),
   * then `afterRelease` is told how it went (the caller logs it, and says whether its address is
   * still up); only when the key was ours and is gone and `afterRelease` said yes, the wait for the
   * successor (as awaitSuccessor). Resolves with that wait, or undefined when there was none.
   */
  handover(
    revision: string,
    maxMs: number,
    afterRelease: (outcome: ReleaseOutcome) => boolean,
  ): Promise<SuccessorWait | undefined>;
  /**
   * Until another holder's key appears and has had a moment to add its address, at most maxMs
   * (after our key went: a handover, or the lease revoked at shutdown). Resolves with the ms waited.
   */
  awaitSuccessor(revision: string, maxMs: number): Promise<number>;
  /**
   * Calls `listener` (with nothing: look again) whenever this VIP's leader key changes in the
   * watch: put, deleted, marked taken over. Returns what stops it.
   */
  onChange(listener: () => void): () => void;
  /** Whether etcd itself (read linearizably, not the watch) still shows our key: this lease and revision, unmarked. */
  confirmHeld(leaseId: string, revision: string): Promise<boolean>;
}

/** The node's leadership: the daemon builds one and each controller takes its VIP's view. */
export interface LeadershipPort {
  forVip(vip: string): VipLeadership;
}

/**
 * A handover's steps, the same for every port: release the key, let the controller say whether
 * its address is still up (it logs the release), and only when the key was ours and is gone and
 * the address is up, wait for the successor.
 */
export async function handOver(
  port: Pick<VipLeadership, 'release' | 'awaitSuccessor'>,
  /** The create revision the leader key has now (the successor's, after the wait). */
  successorRevision: () => string | undefined,
  revision: string,
  maxMs: number,
  afterRelease: (outcome: ReleaseOutcome) => boolean,
): Promise<SuccessorWait | undefined> {
  const outcome = await releaseOutcome(port, revision);
  const wait = afterRelease(outcome);
  if (!wait || !('deleted' in outcome) || !outcome.deleted) return undefined;
  const waitedMs = await port.awaitSuccessor(revision, maxMs);
  return { waitedMs, successorRevision: successorRevision() };
}

/** Releases the key; resolves with how that ended (never rejects). */
export async function releaseOutcome(
  port: Pick<VipLeadership, 'release'>,
  revision: string,
): Promise<ReleaseOutcome> {
  try {
    return { deleted: await port.release(revision) };
  } catch (error) {
    return { error };
  }
}
