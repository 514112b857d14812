/**
 * A VIP group's follower on this node (docs/groups.md): up exactly while the group's lead is up
 * here, under the lead's fencing revision. The lead adds and removes it in its own kernel batch
 * (vip-address.ts); this is the follower's own reconcile, the safety net for anything that batch
 * missed.
 */
import type { VipSpec } from '@vipd/store';
import type { ControllerContext, GroupLead, LeaseSession } from './controller-context';
import type { Decision } from './decide';
import type { VipLeadership } from './leadership-port';
import type { VipAddress } from './vip-address';
import type { VipReleases } from './vip-release';

/** What a follower asks of its VIP's controller. */
export interface FollowingVip {
  /** The VIP's spec now (a spec update changes it). */
  spec(): VipSpec;
  /** The controller stopped (or froze): no more adds. */
  stopped(): boolean;
  /** Reconciles again in `ms`. */
  wake(ms: number): void;
  /** Logs a decision when it changed (VipController's decision log). */
  note(d: Decision): void;
}

export interface VipGroupFollowerOptions {
  ctx: Pick<ControllerContext, 'self' | 'groups'>;
  leadership: Pick<VipLeadership, 'holder'>;
  releases: Pick<VipReleases, 'release'>;
  address: Pick<VipAddress, 'apply' | 'dropLocal' | 'keepAnnounced'>;
  controller: FollowingVip;
}

export class VipGroupFollower {
  constructor(private readonly o: VipGroupFollowerOptions) {}

  private get spec(): VipSpec {
    return this.o.controller.spec();
  }

  /**
   * A member of a group led by another VIP: up here exactly while the lead is up here, under the
   * lead's fencing revision (the lead adds and removes it in its own kernel batch; this is the
   * safety net for anything that batch missed). A leader key of its own (from before it joined
   * the group, or from when it led it) is let go: only the lead's key decides.
   */
  async followLead(lead: GroupLead, session: LeaseSession | undefined): Promise<void> {
    const own = this.o.leadership.holder();
    if (own && own.node === this.o.ctx.self && own.lease === session?.leaseId && session.valid()) {
      await this.o.releases.release(own.revision, `group ${this.spec.group}: led by ${lead.name}`);
    }
    const revision = lead.groupRevision;
    if (revision === undefined) {
      this.o.controller.note({
        kind: 'idle',
        reason: { class: 'lost_leadership', text: `group lead ${lead.name} not up here` },
      });
      await this.o.address.dropLocal({
        class: 'lost_leadership',
        text: `group lead ${lead.name} is not up here`,
      });
      return;
    }
    this.o.controller.note({ kind: 'hold', revision });
    await this.follow(revision);
    const nextMs = this.o.address.keepAnnounced();
    if (nextMs !== undefined) this.o.controller.wake(nextMs);
  }

  /** Up under the group lead's `revision` (GroupFollower): the lead went up here. */
  async follow(revision: string): Promise<void> {
    if (this.o.controller.stopped()) return;
    // Under the lock applyAddress looks at the lead again: a removal queued before this add may
    // have taken the group down.
    const lead = this.o.ctx.groups.leadOf(this.spec.name)?.name ?? 'its lead';
    await this.o.address.apply(revision, {
      class: 'acquired',
      text: `group ${this.spec.group}: with ${lead}`,
    });
  }
}
