// Which host held which address when: intervals built from address events (pure, no I/O).
// Times are epoch milliseconds, the same clock as ping's -D stamps, so a test can line up
// a client's outage with the moments the VIP moved.
import { canonicalIp } from './topology';

export interface HeldInterval {
  host: string;
  start: number;
  /** undefined while the host still holds the address. */
  end: number | undefined;
}

export interface Overlap {
  hosts: [string, string];
  start: number;
  end: number;
  ms: number;
}

export class AddressTimeline {
  private readonly byIp = new Map<string, HeldInterval[]>();
  private closedAt: number | undefined;

  /** The host holds ip from `at` on (a repeated add while held changes nothing). */
  add(host: string, ip: string, at: number): void {
    const key = canonicalIp(ip);
    const list = this.byIp.get(key) ?? [];
    if (!list.some((i) => i.host === host && i.end === undefined))
      list.push({ host, start: at, end: undefined });
    this.byIp.set(key, list);
  }

  /** The host stopped holding ip at `at` (a removal of an address not held changes nothing). */
  remove(host: string, ip: string, at: number): void {
    const open = this.byIp.get(canonicalIp(ip))?.find((i) => i.host === host && i.end === undefined);
    if (open) open.end = Math.max(at, open.start);
  }

  /** Marks the end of observation: open intervals are measured up to this time. */
  close(at: number): void {
    this.closedAt = at;
  }

  private horizon(): number {
    return this.closedAt ?? Date.now();
  }

  /** Addresses (canonical, no prefix) the host holds at the end of what was observed. */
  held(host: string): string[] {
    return [...this.byIp.entries()]
      .filter(([, list]) => list.some((i) => i.host === host && i.end === undefined))
      .map(([ip]) => ip);
  }

  intervals(ip: string, host?: string): HeldInterval[] {
    const list = this.byIp.get(canonicalIp(ip)) ?? [];
    return list.filter((i) => host === undefined || i.host === host).map((i) => ({ ...i }));
  }

  /** When the host first held ip (undefined if never). */
  firstHeld(host: string, ip: string): number | undefined {
    return this.intervals(ip, host)[0]?.start;
  }

  /** When the host last held ip: the end of its last interval, or the observation end if still held. */
  lastHeld(host: string, ip: string): number | undefined {
    const list = this.intervals(ip, host);
    const last = list[list.length - 1];
    return last ? (last.end ?? this.horizon()) : undefined;
  }

  /** Hosts holding ip at time t. */
  holdersAt(ip: string, t: number): string[] {
    const end = this.horizon();
    return this.intervals(ip)
      .filter((i) => i.start <= t && t < (i.end ?? end))
      .map((i) => i.host);
  }

  /** Every stretch during which two different hosts held ip at the same time. */
  overlaps(ip: string): Overlap[] {
    const list = this.intervals(ip);
    const end = this.horizon();
    const out: Overlap[] = [];
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) {
        const x = list[a];
        const y = list[b];
        if (!x || !y || x.host === y.host) continue;
        const start = Math.max(x.start, y.start);
        const stop = Math.min(x.end ?? end, y.end ?? end);
        if (stop > start) out.push({ hosts: [x.host, y.host], start, end: stop, ms: stop - start });
      }
    }
    return out.sort((p, q) => p.start - q.start);
  }

  /** The longest time two hosts held ip together (0 if never). */
  maxOverlapMs(ip: string): number {
    return this.overlaps(ip).reduce((max, o) => Math.max(max, o.ms), 0);
  }
}

export interface AddressEvent {
  at: number;
  deleted: boolean;
  ifname: string;
  family: 'inet' | 'inet6';
  address: string;
  prefixlen: number;
}

const MONITOR_RE =
  /^\[(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)\.(\d+)\]\s+(Deleted\s+)?\d+:\s+(\S+)\s+(inet6?)\s+([0-9a-fA-F.:]+)\/(\d+)/;

/**
 * Parses one line of `TZ=UTC ip -ts monitor address` (iproute2's text format: JSON monitor
 * output is not available in iproute2 6.1). Continuation lines (valid_lft ...) give undefined.
 */
export function parseMonitorLine(line: string): AddressEvent | undefined {
  const m = MONITOR_RE.exec(line);
  if (!m) return undefined;
  const n = (i: number): number => Number(m[i]);
  const micros = Number(`0.${m[7] ?? '0'}`) * 1000;
  return {
    at: Date.UTC(n(1), n(2) - 1, n(3), n(4), n(5), n(6)) + micros,
    deleted: m[8] !== undefined,
    ifname: m[9] ?? '',
    family: m[10] === 'inet6' ? 'inet6' : 'inet',
    address: canonicalIp(m[11] ?? ''),
    prefixlen: n(12),
  };
}
