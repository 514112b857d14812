/**
 * The fault suite's safety monitor. The lab's AddressSampler (event-driven `ip monitor
 * address` per node namespace) records who holds each VIP; the monitor fails the scenario if
 * two hosts that can both reach the client hold one VIP for more than 100 ms (docs/design.md,
 * Safety 1). A host whose link is cut cannot reach the client: its cut intervals are recorded
 * here (cut()/restore() wrap lab.cutLink/restoreLink) and excluded from the overlap.
 */
import assert from 'node:assert/strict';
import {
  type AddressSampler,
  type AddressTimeline,
  type HeldInterval,
  type Lab,
  type NodeHost,
  parsePingLine,
} from '../lab';

/** docs/design.md: the handover overlap two reachable holders may share. */
export const MAX_OVERLAP_MS = 100;

export interface Span {
  start: number;
  /** undefined: still going on at the horizon. */
  end: number | undefined;
}

export interface ReachableOverlap {
  hosts: [string, string];
  start: number;
  end: number;
  ms: number;
}

/** [start, end) minus the union of `cuts`, as sorted disjoint pieces (pure). */
export function subtractSpans(start: number, end: number, cuts: readonly Span[], horizon: number): Span[] {
  const sorted = cuts
    .map((c) => ({ start: c.start, end: c.end ?? horizon }))
    .filter((c) => c.end > start && c.start < end)
    .sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  let cursor = start;
  for (const c of sorted) {
    if (c.start > cursor) out.push({ start: cursor, end: Math.min(c.start, end) });
    cursor = Math.max(cursor, c.end);
    if (cursor >= end) break;
  }
  if (cursor < end) out.push({ start: cursor, end });
  return out;
}

/**
 * Every stretch during which two different hosts held the address while neither was cut off
 * (pure). `held` are one address's intervals; `cuts` maps a host to the times its link was cut;
 * open intervals run to `horizon`.
 */
export function reachableOverlaps(
  held: readonly HeldInterval[],
  cuts: ReadonlyMap<string, readonly Span[]>,
  horizon: number,
): ReachableOverlap[] {
  const out: ReachableOverlap[] = [];
  for (let a = 0; a < held.length; a++) {
    for (let b = a + 1; b < held.length; b++) {
      const x = held[a]!;
      const y = held[b]!;
      if (x.host === y.host) continue;
      const start = Math.max(x.start, y.start);
      const end = Math.min(x.end ?? horizon, y.end ?? horizon);
      if (end <= start) continue;
      const excluded = [...(cuts.get(x.host) ?? []), ...(cuts.get(y.host) ?? [])];
      for (const piece of subtractSpans(start, end, excluded, horizon)) {
        const stop = piece.end ?? horizon;
        if (stop > piece.start)
          out.push({ hosts: [x.host, y.host], start: piece.start, end: stop, ms: stop - piece.start });
      }
    }
  }
  return out.sort((p, q) => p.start - q.start);
}

export function maxReachableOverlapMs(
  held: readonly HeldInterval[],
  cuts: ReadonlyMap<string, readonly Span[]>,
  horizon: number,
): number {
  return reachableOverlaps(held, cuts, horizon).reduce((m, o) => Math.max(m, o.ms), 0);
}

/** The sequence of holders over time (consecutive repeats of one host merged), e.g. n1,n2,n1. */
export function holderSequence(held: readonly HeldInterval[]): string[] {
  const seq: string[] = [];
  for (const i of [...held].sort((a, b) => a.start - b.start)) {
    if (seq[seq.length - 1] !== i.host) seq.push(i.host);
  }
  return seq;
}

export interface MonitorResult {
  timeline: AddressTimeline;
  overlaps: ReachableOverlap[];
  maxOverlapMs: number;
  discrepancies: string[];
  cuts: Map<string, Span[]>;
}

export class SafetyMonitor {
  private readonly cuts = new Map<string, Span[]>();
  private result: MonitorResult | undefined;

  private constructor(
    private readonly lab: Lab,
    readonly sampler: AddressSampler,
    readonly vip: string,
  ) {}

  static async start(lab: Lab, vip: string, hosts: readonly NodeHost[]): Promise<SafetyMonitor> {
    return new SafetyMonitor(lab, await lab.startSampler(hosts), vip);
  }

  get timeline(): AddressTimeline {
    return this.sampler.timeline;
  }

  /** Cuts the host's link; from the moment the cut is in place the host does not count. */
  async cut(host: NodeHost): Promise<void> {
    await this.lab.cutLink(host);
    const list = this.cuts.get(host) ?? [];
    list.push({ start: Date.now(), end: undefined });
    this.cuts.set(host, list);
  }

  /** Restores the host's link; it counts again from just before the restore. */
  async restore(host: NodeHost): Promise<void> {
    const open = this.cuts.get(host)?.find((s) => s.end === undefined);
    if (open) open.end = Date.now();
    await this.lab.restoreLink(host);
  }

  /** Overlaps so far (the record is still open). */
  overlapsSoFar(): ReachableOverlap[] {
    return reachableOverlaps(this.timeline.intervals(this.vip), this.cuts, Date.now());
  }

  /** Stops the sampler and computes the result (idempotent). */
  async stop(): Promise<MonitorResult> {
    if (this.result) return this.result;
    const { timeline, discrepancies } = await this.sampler.stop();
    // The timeline was closed just now: open intervals end here.
    const overlaps = reachableOverlaps(timeline.intervals(this.vip), this.cuts, Date.now());
    this.result = {
      timeline,
      overlaps,
      maxOverlapMs: overlaps.reduce((m, o) => Math.max(m, o.ms), 0),
      discrepancies,
      cuts: this.cuts,
    };
    return this.result;
  }

  /** Stops and fails the test if two reachable hosts held the VIP together for over 100 ms. */
  async check(): Promise<MonitorResult> {
    const r = await this.stop();
    assert.deepEqual(r.discrepancies, [], 'the address record matches the kernel at the end');
    const bad = r.overlaps.filter((o) => o.ms > MAX_OVERLAP_MS);
    assert.equal(
      bad.length,
      0,
      `two reachable hosts held ${this.vip} together for more than ${MAX_OVERLAP_MS} ms: ${JSON.stringify(bad)}\n` +
        `timeline: ${formatTimeline(r.timeline, this.vip)}`,
    );
    return r;
  }
}

/** A moment a VIP group was split: two nodes each had a member the other had not. */
export interface GroupSplit {
  at: number;
  /** What each node held then (members' addresses). */
  held: Record<string, string[]>;
}

/**
 * Every moment (an address event: the state changes only at one) at which the group of `ips` was
 * split over nodes (pure): two nodes each held a member the other did not. One node holding all
 * and another some (a handover's overlap), or a member held nowhere (a gap), is not a split.
 */
export function groupSplits(timeline: AddressTimeline, ips: readonly string[]): GroupSplit[] {
  const times = new Set<number>();
  for (const ip of ips)
    for (const i of timeline.intervals(ip)) {
      times.add(i.start);
      if (i.end !== undefined) times.add(i.end);
    }
  const out: GroupSplit[] = [];
  for (const at of [...times].sort((a, b) => a - b)) {
    const held = new Map<string, Set<string>>();
    for (const ip of ips)
      for (const host of timeline.holdersAt(ip, at)) held.set(host, (held.get(host) ?? new Set()).add(ip));
    const sets = [...held.values()];
    const lacks = (a: Set<string>, b: Set<string>): boolean => [...a].some((ip) => !b.has(ip));
    const split = sets.some((a, i) => sets.some((b, j) => i !== j && lacks(a, b) && lacks(b, a)));
    if (split) out.push({ at, held: Object.fromEntries([...held].map(([h, set]) => [h, [...set].sort()])) });
  }
  return out;
}

/** A readable timeline for messages: `n1 [t0+0 .. t0+1234] n2 [...]`, times relative to the first event. */
export function formatTimeline(timeline: AddressTimeline, vip: string, t0?: number): string {
  const list = timeline.intervals(vip).sort((a, b) => a.start - b.start);
  const origin = t0 ?? list[0]?.start ?? 0;
  return list
    .map(
      (i) =>
        `${i.host} [${Math.round(i.start - origin)}..${i.end === undefined ? 'open' : Math.round(i.end - origin)}]`,
    )
    .join(' ');
}

/** The line the runner script aggregates: `# <scenario>: client outage N ms, max overlap M ms`. */
export function reportLine(scenario: string, outageMs: number, overlapMs: number, extra = ''): string {
  const line = `# ${scenario}: client outage ${Math.round(outageMs)} ms, max overlap ${Math.round(overlapMs)} ms`;
  return extra ? `${line} (${extra})` : line;
}

export function report(scenario: string, outageMs: number, overlapMs: number, extra = ''): void {
  console.log(reportLine(scenario, outageMs, overlapMs, extra));
}

export interface PingGap {
  /** Epoch ms of the last answer before the gap and the first after it. */
  from: number;
  to: number;
  /** Unanswered time: the gap minus one ping interval. */
  ms: number;
}

/** Where the client lost answers (pure): each run of lost pings between two answers. */
export function pingGaps(lines: readonly string[], intervalMs: number): PingGap[] {
  const replies: { at: number; seq: number }[] = [];
  const seen = new Set<number>();
  for (const raw of lines) {
    const l = parsePingLine(raw);
    if (l?.kind !== 'reply' || l.dup || seen.has(l.seq)) continue;
    seen.add(l.seq);
    replies.push({ at: l.at, seq: l.seq });
  }
  const out: PingGap[] = [];
  for (let i = 1; i < replies.length; i++) {
    const a = replies[i - 1]!;
    const b = replies[i]!;
    if ((b.seq - a.seq + 65536) % 65536 > 1) out.push({ from: a.at, to: b.at, ms: b.at - a.at - intervalMs });
  }
  return out;
}
