// The figures of `npm run bench:services`, computed from http-load's requests (pure, no I/O).
// Every time is in ms on the load's clock (0 = the load's t0); the bench places its own events
// (a kill, a cable pulled) on that clock with wall-clock stamps taken on the same machine.
import { median } from './stats';

/** One request as http-load reports it: [start, end, body or `!error`]. */
export type TimedRequest = readonly [start: number, end: number, body: string];

export interface Outage {
  /** Requests that ended after the fault and failed (a new connection each). */
  failed: number;
  /**
   * The longest stretch in which every new connection failed: from the start of the first of a
   * run of failed requests (in order of start) to the start of the answered one that ended the
   * run. 0 when none failed; undefined when the load ended still failing.
   */
  outageMs: number | undefined;
  /**
   * From the fault to the start of the first answered request after the last failed one: from
   * then on every new connection was answered. 0 when none failed; undefined when the load ended
   * still failing. Larger than outageMs when answers came between failures.
   */
  settledMs: number | undefined;
  /** Answered requests that started before the fault: the load was running when it struck. */
  answeredBefore: number;
  /** Requests that started after the fault. */
  startedAfter: number;
  /**
   * The widest gap between consecutive request starts from the last start before the fault to
   * the first start after it and on to the recovery: the figures are exact to within this.
   */
  resolutionMs: number;
}

const isFailure = (r: TimedRequest): boolean => r[2].startsWith('!');

/** What new connections saw of a fault at `faultAt`, from the requests of a load running through it. */
export function outageAfter(timeline: readonly TimedRequest[], faultAt: number): Outage {
  const reqs = [...timeline].sort((a, b) => a[0] - b[0]);
  const affected = reqs.filter((r) => r[1] >= faultAt);
  const failures = affected.filter(isFailure);
  let outageMs: number | undefined = 0;
  let runStart: number | undefined;
  for (const r of affected) {
    if (isFailure(r)) runStart ??= r[0];
    else if (runStart !== undefined) {
      outageMs = Math.max(outageMs, r[0] - runStart);
      runStart = undefined;
    }
  }
  if (runStart !== undefined) outageMs = undefined;
  const lastFail = failures.at(-1);
  const back = lastFail === undefined ? undefined : reqs.find((r) => r[0] > lastFail[0] && !isFailure(r));
  const backStart = lastFail === undefined ? faultAt : back?.[0];
  const lastBefore = reqs.filter((r) => r[0] <= faultAt).at(-1)?.[0] ?? faultAt;
  const firstAfter = reqs.find((r) => r[0] > faultAt)?.[0] ?? faultAt;
  const until = Math.max(backStart ?? reqs.at(-1)?.[0] ?? faultAt, firstAfter);
  const starts = [lastBefore, ...reqs.map((r) => r[0]).filter((s) => s > lastBefore && s <= until)];
  let resolutionMs = 0;
  for (let i = 1; i < starts.length; i++) resolutionMs = Math.max(resolutionMs, starts[i]! - starts[i - 1]!);
  return {
    failed: failures.length,
    outageMs,
    settledMs: backStart === undefined ? undefined : Math.max(0, backStart - faultAt),
    answeredBefore: reqs.filter((r) => r[0] < faultAt && !isFailure(r)).length,
    startedAfter: reqs.filter((r) => r[0] >= faultAt).length,
    resolutionMs,
  };
}

/**
 * Why an outage figure cannot be trusted (empty: it can). `mustFail`: the fault cuts every path
 * the client's frames take (a link cut), so a figure without a failed request measured nothing.
 */
export function outageDoubts(o: Outage, opts: { mustFail: boolean; maxResolutionMs: number }): string[] {
  const doubts: string[] = [];
  if (o.answeredBefore === 0)
    doubts.push('no request was answered before the fault: the load did not cover it');
  if (o.startedAfter === 0) doubts.push('no request started after the fault');
  if (opts.mustFail && o.failed === 0) {
    doubts.push('no failed request across a fault that cuts the client off: the fault missed the path');
  }
  if (o.settledMs === undefined) doubts.push('new connections still failed when the load ended');
  if (o.resolutionMs > opts.maxResolutionMs) {
    doubts.push(
      `requests started ${Math.round(o.resolutionMs)} ms apart around the fault (wanted ≤ ${opts.maxResolutionMs})`,
    );
  }
  return doubts;
}

export interface BackendLoss {
  /** Failed requests that started at or after the kill. */
  failed: number;
  /** From the kill to the start of the last failed request: the last new connection sent to it. */
  lastFailMs: number | undefined;
}

/** New connections after a backend is killed at `killAt` (they fail while the rules still name it). */
export function backendLoss(timeline: readonly TimedRequest[], killAt: number): BackendLoss {
  const failures = timeline.filter((r) => r[0] >= killAt && isFailure(r));
  const last = failures.reduce<number | undefined>((m, r) => Math.max(m ?? r[0], r[0]), undefined);
  return { failed: failures.length, lastFailMs: last === undefined ? undefined : last - killAt };
}

/** From `at` to the start of the first request that `body` answered and that started at or after it. */
export function firstAnswerAfter(
  timeline: readonly TimedRequest[],
  body: string,
  at: number,
): number | undefined {
  const starts = timeline.filter((r) => r[2] === body && r[0] >= at).map((r) => r[0]);
  return starts.length === 0 ? undefined : Math.min(...starts) - at;
}

/** The figures of one load run that a throughput comparison uses. */
export interface RunFigures {
  rps: number;
  p99: number;
  failed: number;
}

export interface Throughput {
  pairs: number;
  direct: { rps: number; p99: number };
  nat: { rps: number; p99: number };
  /** The median over pairs of nat.rps / direct.rps, and its range. */
  rpsRatio: number;
  rpsRatioRange: [number, number];
  /** The median over pairs of nat.p99 / direct.p99. */
  p99Ratio: number;
  failed: number;
}

/**
 * NAT against direct from back-to-back pairs (each pair ran one after the other, so both saw the
 * same machine): ratios are taken within each pair, then the median over pairs.
 */
export function throughputRatio(pairs: readonly { direct: RunFigures; nat: RunFigures }[]): Throughput {
  if (pairs.length === 0) throw new RangeError('throughputRatio: no pairs');
  const ratio = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);
  const rpsRatios = pairs.map((p) => ratio(p.nat.rps, p.direct.rps));
  const m = (xs: number[]) => median(xs) as number;
  return {
    pairs: pairs.length,
    direct: { rps: m(pairs.map((p) => p.direct.rps)), p99: m(pairs.map((p) => p.direct.p99)) },
    nat: { rps: m(pairs.map((p) => p.nat.rps)), p99: m(pairs.map((p) => p.nat.p99)) },
    rpsRatio: m(rpsRatios),
    rpsRatioRange: [Math.min(...rpsRatios), Math.max(...rpsRatios)],
    p99Ratio: m(pairs.map((p) => ratio(p.nat.p99, p.direct.p99))),
    failed: pairs.reduce((n, p) => n + p.direct.failed + p.nat.failed, 0),
  };
}

/**
 * One run of `hey` (Debian's HTTP load generator) from its text summary: answered requests per
 * second, the 99th percentile latency in ms, and how many requests got no 2xx answer (a non-2xx
 * status or an error). Throws when the summary lacks a figure or nothing was answered: a bench
 * never guesses one.
 */
export function parseHey(text: string): RunFigures & { answered: number } {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(text);
  if (!rps) throw new Error(`hey printed no summary: ${text.trim().split('\n')[0] ?? ''}`);
  let answered = 0;
  let failed = 0;
  const codes = /Status code distribution:\n((?:[ \t]+\[\d+\][ \t]+\d+ responses\n?)*)/.exec(text);
  for (const m of codes?.[1]?.matchAll(/\[(\d+)\]\s+(\d+) responses/g) ?? []) {
    if (m[1]!.startsWith('2')) answered += Number(m[2]);
    else failed += Number(m[2]);
  }
  const errors = /Error distribution:\n((?:[ \t]+\[\d+\].*\n?)*)/.exec(text);
  const errorLines = [...(errors?.[1]?.matchAll(/\[(\d+)\]\s*(.*)/g) ?? [])];
  for (const m of errorLines) failed += Number(m[1]);
  if (answered === 0)
    throw new Error(
      `hey: no request answered (${failed} failed${errorLines[0] ? `: ${errorLines[0][2]}` : ''})`,
    );
  const p99 = /99%\s+in\s+([\d.]+)\s+secs/.exec(text);
  if (!p99) throw new Error('hey printed no 99th percentile');
  // Requests/sec counts every request hey finished; only answered ones count here.
  const answeredRps = (Number(rps[1]) * answered) / (answered + failed);
  return { rps: answeredRps, p99: Number(p99[1]) * 1000, failed, answered };
}
