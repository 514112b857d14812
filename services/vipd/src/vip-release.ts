/**
 * One VIP's ways of letting its leader key go: a plain release (logged), a planned handover
 * (release, keep the address until the successor's key appears, then drop it; only so many at
 * once on a node), and the release of our own key left marked by a takeover that failed half-way.
 */
import type { HookState } from '@vipd/config';
import { errorLine, type Logger } from '@vipd/log';
import type { ControllerContext, LeaseSession } from './controller-context';
import { releaseOutcome, type ReleaseOutcome, type VipLeadership } from './leadership-port';
import type { Reason } from './reason-class';

/**
 * How long our own live key may carry a takeover mark before we release it (see
 * releaseStaleMark): well past the taker's marker lease (TAKEOVER_MARK_TTL_S in takeover.ts),
 * after which the taker no longer revokes.
 */
export const MARK_STUCK_MS = 10_000;
/** A handover that found no slot (ctx.pacing.handovers) looks again after this long. */
const HANDOVER_RETRY_MS = 20;

/** What a release asks of its VIP's controller. */
export interface ReleasingVip {
  /** The address is up on this node now. */
  up(): boolean;
  /** Drops the address now, without talking to etcd (VipController.dropLocal). */
  dropLocal(reason: Reason, state?: Exclude<HookState, 'master'>): Promise<void>;
  /** Reconciles again in `ms`. */
  wake(ms: number): void;
}

export interface VipReleasesOptions {
  vip: string;
  leadership: Pick<VipLeadership, 'release' | 'handover' | 'markedOwn'>;
  ctx: Pick<ControllerContext, 'clock' | 'settings' | 'standing' | 'pacing'>;
  /** The controller's logger (its VIP's name on every line). */
  log: Logger;
  controller: ReleasingVip;
}

export class VipReleases {
  /** Since when our own live key has carried a takeover mark (see releaseStaleMark). */
  private markedOwnSince: number | undefined;

  constructor(private readonly o: VipReleasesOptions) {}

  /** Deletes our leader key (a leadership write slot first); whether it was ours and is gone. */
  async release(revision: string, reason: string): Promise<boolean> {
    return this.logged(revision, reason, await releaseOutcome(this.o.leadership, revision));
  }

  /** Logs how a release ended; whether the key was ours and is gone. */
  private logged(revision: string, reason: string, outcome: ReleaseOutcome): boolean {
    if ('error' in outcome) {
      this.o.log.warn(
        { rev: revision, reason, err: errorLine(outcome.error) },
        'release failed; the lease will free it',
      );
      return false;
    }
    this.o.log.info({ rev: revision, reason, deleted: outcome.deleted }, 'leadership released');
    return outcome.deleted;
  }

  /**
   * A planned release: delete the leader key first, keep the address until the successor's key
   * appears (at most handoverMaxMs, docs/design.md's handover overlap), then remove it. No client gap.
   */
  async handover(revision: string, reason: Reason): Promise<void> {
    // A node handing many VIPs back at once (a preemption after a stall, a drain) would release
    // every key together, and its successor add them all faster than this node's kernel removes
    // them (hundreds of IPv6 addresses cost it ~0.5 ms each): only so many at a time, each then
    // inside the handover bound; the rest look again shortly.
    const { handovers } = this.o.ctx.pacing;
    if (!handovers.tryEnter()) {
      this.o.controller.wake(HANDOVER_RETRY_MS);
      return;
    }
    try {
      await this.handoverNow(revision, reason);
    } finally {
      handovers.leave();
    }
  }

  private async handoverNow(revision: string, reason: Reason): Promise<void> {
    const { ctx, controller, log } = this.o;
    const state = ctx.standing.cannotServe(this.o.vip) ? 'fault' : 'backup';
    // Released and still up: wait for the successor (logged as the release is, then as it ends).
    const wait = await this.o.leadership.handover(
      revision,
      ctx.settings.handoverMaxMs,
      (outcome) => this.logged(revision, reason.text, outcome) && controller.up(),
    );
    if (wait) {
      const next = wait.successorRevision;
      log.info(
        { rev: revision, successorRev: next, waitedMs: wait.waitedMs },
        next !== undefined
          ? 'successor holds the VIP; handing over'
          : 'no successor yet; removing the VIP anyway',
      );
    }
    await controller.dropLocal(reason, state);
  }

  /**
   * Our own key (our current, live lease) marked taken over, yet the lease was never revoked: a
   * takeover that failed half-way (the peer's etcd calls timed out after some marks). Nobody can
   * take the VIP while the marked key stands, and we dropped it on seeing the mark: after
   * MARK_STUCK_MS we delete the key (guarded by its create revision), so that the VIP is vacant
   * after a takeover and every node, us included, takes it again only after the wait W. The
   * taker never revokes once its marker lease (TAKEOVER_MARK_TTL_S, shorter) has ended. True when
   * it released (the reconcile ends there).
   */
  async releaseStaleMark(session: LeaseSession | undefined): Promise<boolean> {
    const { leadership, ctx, controller } = this.o;
    const marked = session?.valid() === true ? leadership.markedOwn(session.leaseId) : undefined;
    if (marked === undefined) {
      this.markedOwnSince = undefined;
      return false;
    }
    const now = ctx.clock.now();
    this.markedOwnSince ??= now;
    const left = this.markedOwnSince + MARK_STUCK_MS - now;
    if (left > 0) {
      controller.wake(left);
      return false;
    }
    this.markedOwnSince = undefined;
    // Classed 'other' as it always was: the mark itself, not a holder, took the VIP from us.
    await controller.dropLocal({ class: 'other', text: 'taken over by a peer' });
    await this.release(
      marked,
      `our key was marked taken over ${MARK_STUCK_MS} ms ago but our lease lives: the takeover failed half-way`,
    );
    return true;
  }
}
