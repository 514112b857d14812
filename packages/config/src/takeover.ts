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

/** The inequalities of the safety argument; a list of what is violated (empty when safe). */
export function checkTimings(t: TakeoverTimings, renewIntervalWhenAloneMs: number): string[] {
  const out: string[] = [];
  if (suspectMs(t) < t.holderFenceMs) {
    out.push(
      `suspicion (${suspectMs(t)} ms) must not come before the holder's fence (${t.holderFenceMs} ms)`,
    );
  }
  if (renewIntervalWhenAloneMs * 2 > t.holderFenceMs) {
    out.push(`renewal without peers (${renewIntervalWhenAloneMs} ms) must be at most half the holder fence`);
  }
  if (t.holderFenceMs < 2 * t.intervalMs) {
    out.push(`holder fence (${t.holderFenceMs} ms) must cover at least two heartbeat intervals`);
  }
  return out;
}
