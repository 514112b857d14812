/**
 * What one node should do about one VIP, given what it sees. Pure: the controller feeds it
 * the etcd view and the clock and carries out the answer.
 */
import { type Candidate, outranks, priorityOf, type VipSpec } from '@vipd/store';
import type { Reason } from './reason-class';

export interface DecideInput {
  self: string;
  /** Holder from leaders/<vip>; undefined when vacant. */
  leader: { node: string; lease: string; revision: string } | undefined;
  myLease: string | undefined;
  /** The lease is alive and renewed before its local deadline. */
  sessionValid: boolean;
  /** Eligible live candidates, best first (rankCandidates, pin first). */
  ranked: Candidate[];
  /** The node an operator moved the VIP to (pins/<vip>), if any. */
  pinned?: string;
  preempt: boolean;
  preemptDelayMs: number;
  acquireStepMs: number;
  now: number;
  /** When this node first saw the VIP vacant (monotonic ms). */
  vacantSince: number | undefined;
  /** When this node, holding the VIP, first saw a better candidate. */
  betterSince: number | undefined;
  /** After a fast takeover nobody adds the VIP before this (0: no such wait). */
  notBefore?: number;
}

export type Decision =
  | { kind: 'hold'; revision: string }
  | { kind: 'fenced'; revision: string }
  | { kind: 'release'; revision: string; reason: Reason }
  | { kind: 'acquire'; rank: number }
  | { kind: 'wait'; untilMs: number; reason: string }
  | { kind: 'follow'; holder: string; revision: string }
  | { kind: 'clear-stale'; revision: string }
  | { kind: 'idle'; reason: Reason };

export function decide(i: DecideInput): Decision {
  const rank = i.ranked.findIndex((c) => c.name === i.self);
  const { leader } = i;
  if (leader) {
    if (leader.node === i.self && leader.lease === i.myLease) {
      if (!i.sessionValid) return { kind: 'fenced', revision: leader.revision };
      if (rank < 0)
        return {
          kind: 'release',
          revision: leader.revision,
          reason: { class: 'not_eligible', text: 'this node is no longer eligible' },
        };
      const best = i.ranked[0]!;
      const me = i.ranked[rank]!;
      if (best.name !== i.self && best.name === i.pinned) {
        return {
          kind: 'release',
          revision: leader.revision,
          reason: { class: 'moved', text: `moved to ${best.name} by an operator` },
        };
      }
      if (i.preempt && best.name !== i.self && outranks(best, me)) {
        const since = i.betterSince ?? i.now;
        if (i.now - since >= i.preemptDelayMs) {
          return {
            kind: 'release',
            revision: leader.revision,
            reason: { class: 'preempted', text: `preempted by ${best.name}` },
          };
        }
      }
      return { kind: 'hold', revision: leader.revision };
    }
    if (leader.node === i.self && i.sessionValid) {
      // Our own key from an earlier lease (a restart): that process is gone, free the VIP now.
      return { kind: 'clear-stale', revision: leader.revision };
    }
    return { kind: 'follow', holder: leader.node, revision: leader.revision };
  }
  if (!i.sessionValid) return { kind: 'idle', reason: { class: 'no_session', text: 'no live etcd session' } };
  if (rank < 0) return { kind: 'idle', reason: { class: 'not_eligible', text: 'not eligible' } };
  // After a takeover the rank order counts from the end of the wait W, or every rank would be
  // due at once when W ends and the VIP could bounce through a worse node.
  const notBefore = i.notBefore ?? 0;
  if (i.now < notBefore) {
    return { kind: 'wait', untilMs: notBefore, reason: 'taken over from a silent holder: waiting W' };
  }
  if (rank === 0) return { kind: 'acquire', rank };
  const until = Math.max(i.vacantSince ?? i.now, notBefore) + rank * i.acquireStepMs;
  if (i.now >= until) return { kind: 'acquire', rank };
  return { kind: 'wait', untilMs: until, reason: `waiting for ${i.ranked[0]!.name} (rank ${rank})` };
}

/** Whether a better candidate than `self` is present (for tracking betterSince). */
export function betterPresent(self: string, ranked: Candidate[]): boolean {
  const me = ranked.find((c) => c.name === self);
  const best = ranked[0];
  return me !== undefined && best !== undefined && best.name !== self && outranks(best, me);
}

/**
 * During startup grace: a better node named in the spec that has not registered since we
 * started (a cold start, not a failover) is waited for. Returns why, or undefined.
 */
export function startupGraceWait(
  spec: VipSpec,
  self: string,
  seenSinceStart: (node: string) => boolean,
): string | undefined {
  if (spec.nodes === undefined) return undefined;
  const mine = priorityOf(spec, self);
  if (mine === undefined) return undefined;
  const me = { name: self, priority: mine };
  for (const [name, entry] of Object.entries(spec.nodes)) {
    if (!seenSinceStart(name) && outranks({ name, priority: entry.priority }, me)) {
      return `startup grace: waiting for ${name} to register`;
    }
  }
  return undefined;
}
