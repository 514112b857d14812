/**
 * What one VIP's controller should do now: its leader key and the live candidates, ranked for it
 * (for its whole group when it leads one), fed to decide() (decide.ts) with the moments this node
 * first saw the VIP vacant and, holding it, a better candidate present; and whether the startup
 * grace still waits for a better node not seen since start.
 */
import type { Logger } from '@vipd/log';
import { groupPin, rankGroup, type VipSpec } from '@vipd/store';
import type { ControllerContext, LeaseSession } from './controller-context';
import { betterPresent, decide, type Decision, startupGraceWait } from './decide';
import type { Holder, VipLeadership } from './leadership-port';

export interface VipDeciderOptions {
  ctx: Pick<
    ControllerContext,
    'self' | 'clock' | 'settings' | 'standing' | 'candidates' | 'takeover' | 'groups'
  >;
  leadership: Pick<VipLeadership, 'holder'>;
  /** The controller's logger (its VIP's name on every line). */
  log: Logger;
  /** The VIP's spec now (a spec update changes it). */
  spec(): VipSpec;
}

/** One look: decide()'s answer, when it was taken, and the startup grace's reason to wait (if any). */
export interface NextStep {
  d: Decision;
  now: number;
  graceWait: string | undefined;
}

export class VipDecider {
  private vacantSince: number | undefined;
  private better: number | undefined;

  constructor(private readonly o: VipDeciderOptions) {}

  /** Since when this node, holding the VIP, has seen a better candidate (undefined: it has not). */
  get betterSince(): number | undefined {
    return this.better;
  }

  /** Looks at the etcd view now and decides. */
  next(session: LeaseSession | undefined): NextStep {
    const { ctx } = this.o;
    const spec = this.o.spec();
    const leader = this.leaderView();
    // A group's lead decides for every member: eligible only where all are (rankGroup).
    const members = ctx.groups.membersOf(spec.name) ?? [spec];
    const pinned = groupPin(members, (vip) => ctx.candidates.pinOf(vip));
    const ranked = rankGroup(members, ctx.candidates.liveNodes(), pinned);
    const now = ctx.clock.now();
    const mine = leader !== undefined && leader.node === ctx.self && leader.lease === session?.leaseId;
    this.vacantSince = leader ? undefined : (this.vacantSince ?? now);
    this.better = mine && betterPresent(ctx.self, ranked) ? (this.better ?? now) : undefined;
    const d = decide({
      self: ctx.self,
      leader,
      myLease: session?.leaseId,
      sessionValid: (session?.valid() ?? false) && ctx.standing.canHold(),
      ranked,
      pinned,
      preempt: spec.preempt,
      preemptDelayMs: spec.preemptDelayMs,
      acquireStepMs: ctx.settings.acquireStepMs,
      now,
      vacantSince: this.vacantSince,
      betterSince: this.better,
      notBefore: ctx.takeover.notBefore(spec.name),
    });
    const graceWait =
      d.kind === 'acquire' && now < ctx.candidates.startupGraceUntil()
        ? startupGraceWait(spec, ctx.self, (n) => ctx.candidates.seenSinceStart(n))
        : undefined;
    return { d, now, graceWait };
  }

  /** Who holds the VIP now; an unreadable leader key is held by an unknown node ('?'). */
  private leaderView(): Holder | undefined {
    const holder = this.o.leadership.holder();
    if (holder?.problem !== undefined)
      this.o.log.warn({ rev: holder.revision, problem: holder.problem }, 'leader key unreadable');
    return holder;
  }
}
