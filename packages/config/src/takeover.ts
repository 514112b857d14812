/** Fast-takeover timings and the inequalities of docs/fast-takeover.md (pure). */

export interface TakeoverTimings {
  /** h: heartbeat interval. */
  intervalMs: number;
  /** k: missed beats before a peer is suspect; S = k·h. */
  suspectAfterMisses: number;
  /** Df: a holder with peers drops its VIPs after this long without contact. */
  holderFenceMs: number;
  /** Λ: how late an etcd-connected node may still see a revoked lease in its view. */
  viewBoundMs: number;
  /** γ: timer and scheduling slack. */
  slackMs: number;
}

export const PROFILES: Record<'default' | 'fast', TakeoverTimings> = {
  default: { intervalMs: 100, suspectAfterMisses: 3, holderFenceMs: 300, viewBoundMs: 100, slackMs: 50 },
  fast: { intervalMs: 20, suspectAfterMisses: 3, holderFenceMs: 60, viewBoundMs: 40, slackMs: 20 },
};

/** S: silence after which a peer is suspect. */
export function suspectMs(t: TakeoverTimings): number {
  return t.intervalMs * t.suspectAfterMisses;
}

/** W ≥ Df + Λ + γ: nobody adds a taken-over VIP earlier than this after seeing it vacant. */
export function takeoverWaitMs(t: TakeoverTimings): number {
  return t.holderFenceMs + t.viewBoundMs + t.slackMs;
}

/**
 * The inequalities of docs/fast-takeover.md's safety argument, checked at start-up. Returns one
 * line per inequality that does not hold, naming it and the values (empty when safe). `waitMs`
 * is W as the daemon will use it (takeoverWaitMs unless given).
 */
export function checkTimings(
  t: TakeoverTimings,
  renewIntervalWhenAloneMs: number,
  waitMs: number = takeoverWaitMs(t),
): string[] {
  const out: string[] = [];
  const { holderFenceMs: df, viewBoundMs: lambda, slackMs: gamma } = t;
  // (1) Nobody adds a taken-over VIP before the old holder has fenced (or its agent did).
  if (waitMs < df + lambda + gamma) {
    out.push(
      `W ≥ Df + Λ + γ does not hold: W = ${waitMs} ms < ${df} + ${lambda} + ${gamma} = ${df + lambda + gamma} ms`,
    );
  }
  // (2) A holder that merely missed beats fences before anyone suspects it.
  if (suspectMs(t) < df) {
    out.push(
      `S ≥ Df does not hold (suspicion must not come before the holder's fence): ` +
        `S = ${t.suspectAfterMisses} × ${t.intervalMs} = ${suspectMs(t)} ms < Df = ${df} ms`,
    );
  }
  // (3) A holder without peers' echoes keeps its VIPs on etcd contact alone.
  if (renewIntervalWhenAloneMs * 2 > df) {
    out.push(
      `renewal without peers ≤ Df/2 does not hold: ${renewIntervalWhenAloneMs} ms > ${df}/2 = ${df / 2} ms`,
    );
  }
  if (df < 2 * t.intervalMs) {
    out.push(
      `Df ≥ 2h does not hold (the holder fence must cover two heartbeats): Df = ${df} ms < 2 × ${t.intervalMs} ms`,
    );
  }
  return out;
}
