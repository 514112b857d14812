/**
 * Why a VIP went up or down here, as one of a few fixed classes: the metrics label for a
 * transition (`reason_class`), so that the free-text reasons of the logs never become label
 * values (one series per distinct message would grow without bound). Each reason is given its
 * class where it is written (vip-controller.ts, vip-address.ts, vip-group-follower.ts, decide.ts,
 * session-supervisor.ts, main.ts), never matched from its text afterwards.
 */

export const REASON_CLASSES = [
  'acquired',
  'reapplied',
  'fenced',
  'lease_lost',
  'fence_switch',
  'yielded',
  'lost_leadership',
  'preempted',
  'moved',
  'not_eligible',
  'no_session',
  'shutdown',
  'spec_changed',
  'other',
] as const;

export type ReasonClass = (typeof REASON_CLASSES)[number];

/** Why a VIP goes up or down: the text the logs and hooks show, and its class for the metrics. */
export interface Reason {
  readonly class: ReasonClass;
  readonly text: string;
}
