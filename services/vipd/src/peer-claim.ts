/**
 * One VIP's check of a peer's claim to hold it with a newer revision. A beat is only a hint (any
 * host can open a heartbeat stream): the holder yields only when etcd itself, read linearizably,
 * no longer shows its key.
 */
import { type Clock, errorLine, type Logger } from '@vipd/log';
import type { LeaseSession } from './controller-context';
import type { VipLeadership } from './leadership-port';

/** How often a peer's claim to hold this VIP may cost a read of etcd. */
const PEER_CLAIM_CHECK_MS = 1000;

export interface PeerClaimCheckOptions {
  leadership: Pick<VipLeadership, 'confirmHeld'>;
  clock: Clock;
  /** The controller's logger (its VIP's name on every line). */
  log: Logger;
}

export class PeerClaimCheck {
  /** When a peer's claim was last checked in etcd, and the last claim etcd refuted. */
  private checkedAt = -Infinity;
  private refuted = '';

  constructor(private readonly o: PeerClaimCheckOptions) {}

  /**
   * Whether etcd confirms `claim` (our key at revision `ours` is gone). At most one read per
   * PEER_CLAIM_CHECK_MS; a claim etcd refuted is logged once, and an unanswered read keeps the VIP
   * (losing etcd is the fence's business, not a peer's word).
   */
  async etcdConfirms(
    session: LeaseSession | undefined,
    claim: { node: string; revision: string },
    ours: string,
  ): Promise<boolean> {
    if (!session) return false;
    const now = this.o.clock.now();
    if (now - this.checkedAt < PEER_CLAIM_CHECK_MS) return false;
    this.checkedAt = now;
    let mine: boolean;
    try {
      mine = await this.o.leadership.confirmHeld(session.leaseId, ours);
    } catch (err) {
      this.o.log.debug(
        { rev: ours, err: errorLine(err) },
        'could not check a peer claim in etcd; keeping the VIP',
      );
      return false;
    }
    const said = `${claim.node}:${claim.revision}`;
    if (mine && this.refuted !== said) {
      this.refuted = said;
      this.o.log.warn(
        { rev: ours, peer: claim.node, claimedRev: claim.revision },
        'a peer says it holds this VIP with a newer revision, but etcd shows our key: ignored',
      );
    }
    return !mine;
  }
}
