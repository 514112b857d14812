/**
 * Why a VIP went up or down here, as one of a few fixed classes: the metrics label for a
 * transition (`reason_class`), so that the free-text reasons of the logs never become label
 * values (one series per distinct message would grow without bound).
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

// First match wins; the texts are those of vip-controller.ts, decide.ts, session-supervisor.ts and
// main.ts (through Daemon.agentLost).
const RULES: [RegExp, ReasonClass][] = [
  [/^leadership acquired/, 'acquired'],
  [/^holds the leadership/, 'reapplied'],
  [/^fenced/, 'fenced'],
  [/^lease lost/, 'lease_lost'],
  [/^kernel agent restarted/, 'fence_switch'],
  [/^yielding to /, 'yielded'],
  [/^(held by |not holder)/, 'lost_leadership'],
  [/^preempted by /, 'preempted'],
  [/^moved to .* by an operator/, 'moved'],
  [/(^|no longer )eligible|^not eligible/, 'not_eligible'],
  [/^no live etcd session/, 'no_session'],
  [/^shutting down/, 'shutdown'],
  [/^spec changed/, 'spec_changed'],
];

/** Pure: the class of a transition's reason. */
export function reasonClass(reason: string): ReasonClass {
  for (const [re, cls] of RULES) if (re.test(reason)) return cls;
  return 'other';
}
