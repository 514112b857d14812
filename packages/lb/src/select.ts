/**
 * Which backends take new connections, from their weights and health (pure). A backend is in
 * rotation while its check is not down ('unknown', before the first verdict, counts as healthy,
 * as keepalived adds real servers at start) and its weight is above 0 (0: drained).
 */
import type { LbBackend, LbTarget } from './types';

export type Health = 'up' | 'down' | 'unknown';

/** backends: spread over healthy backends; sorry / none: no healthy backend, with or without a sorry server. */
export type Serving = 'backends' | 'sorry' | 'none' | 'below_quorum';

export interface BackendState extends LbTarget {
  weight: number;
  health: Health;
}

export interface Selection {
  serving: Serving;
  backends: LbBackend[];
  /** Healthy backends with a weight above 0 (what quorum counts). */
  healthy: number;
}

export function selectBackends(all: readonly BackendState[], quorum: number, hasSorry: boolean): Selection {
  const backends = all
    .filter((b) => b.health !== 'down' && b.weight > 0)
    .map(({ address, port, weight }) => ({ address, port, weight }));
  const healthy = backends.length;
  if (quorum > 0 && healthy < quorum) return { serving: 'below_quorum', backends: [], healthy };
  if (healthy === 0) return { serving: hasSorry ? 'sorry' : 'none', backends: [], healthy };
  return { serving: 'backends', backends, healthy };
}
