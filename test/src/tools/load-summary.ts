/**
 * What http-load reports about its requests (pure, no I/O): requests per second and latency
 * quantiles of the answered requests after a warm-up, and the failures of the same requests.
 */

import { quantile } from '../bench/stats';

/** One request: when it started and ended (ms since the load started), its body or its error. */
export interface LoadRequest {
  start: number;
  end: number;
  body?: string;
  error?: string;
}

export interface LoadSummary {
  /** Requests after the warm-up (answered + failed). */
  measured: number;
  answered: number;
  failed: number;
  /** From the first measured request's start to the last measured request's end. */
  windowMs: number;
  /** Answered measured requests per second of the window (failures are not throughput). */
  rps: number;
  /** Latency quantiles (nearest rank) of the answered measured requests, in ms; 0 when none. */
  p50: number;
  p99: number;
}

/**
 * Summarizes the requests, leaving out the `warmup` that started first (the client's JIT, ARP
 * resolution and the servers' first requests are not what the load measures).
 */
export function summarizeLoad(requests: readonly LoadRequest[], warmup = 0): LoadSummary {
  const measured = [...requests].sort((a, b) => a.start - b.start).slice(warmup);
  if (measured.length === 0)
    return { measured: 0, answered: 0, failed: 0, windowMs: 0, rps: 0, p50: 0, p99: 0 };
  const from = measured[0]!.start;
  const to = measured.reduce((m, r) => Math.max(m, r.end), from);
  const latencies = measured.filter((r) => r.body !== undefined).map((r) => r.end - r.start);
  const windowMs = to - from;
  const round2 = (n: number) => Number(n.toFixed(2));
  return {
    measured: measured.length,
    answered: latencies.length,
    failed: measured.length - latencies.length,
    windowMs: round2(windowMs),
    rps: windowMs > 0 ? Math.round((latencies.length * 1000) / windowMs) : 0,
    p50: round2(quantile(latencies, 0.5) ?? 0),
    p99: round2(quantile(latencies, 0.99) ?? 0),
  };
}
