// Summary statistics for the benchmarks (pure, no I/O).

/** The q-quantile (0..1) by nearest rank: the smallest value with at least q·n values at or below it. */
export function quantile(values: readonly number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile: q must be in [0, 1], got ${q}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1];
}

/** The median: the middle value, or the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] as number;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] as number) + hi) / 2;
}

/** The 95th percentile by nearest rank (with fewer than 20 values this is the maximum). */
export function p95(values: readonly number[]): number | undefined {
  return quantile(values, 0.95);
}

export function max(values: readonly number[]): number | undefined {
  return values.length === 0 ? undefined : values.reduce((m, v) => Math.max(m, v), -Infinity);
}

export interface Summary {
  n: number;
  median: number | undefined;
  p95: number | undefined;
  max: number | undefined;
}

export function summarize(values: readonly number[]): Summary {
  return { n: values.length, median: median(values), p95: p95(values), max: max(values) };
}
