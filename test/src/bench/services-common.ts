// What the parts of `npm run bench:services` share: the service under test and the report.
import { BACKENDS, DIRECTORS, type ServiceLab, VIP } from '../e2e/service-lab';
import { ipv4Of } from '../lab';

export const URL = `http://${VIP}/`;
export const INTERVAL = 500;
export const RISE = 2;
export const FALL = 2;

/** The service `web` on VIP:80 over b1..b3:8080 (rr, SNAT, tcp check), with `extra` over it. */
export const web = (extra: Record<string, unknown> = {}) => ({
  name: 'web',
  vip: 'front',
  port: 80,
  snat: true,
  check: { type: 'tcp', intervalMs: INTERVAL, rise: RISE, fall: FALL },
  backends: BACKENDS.map((b) => ({ address: ipv4Of(b), port: 8080 })),
  ...extra,
});

export const pct = (n: number) => `${n.toFixed(1)} %`;

/** The figures by name (each with the method that produced it) and the printed summary. */
export class Report {
  readonly results: Record<string, unknown> = {};
  readonly lines: string[] = [];

  /** Records a figure and prints its line, then its method indented under it. */
  figure(key: string, value: Record<string, unknown> & { method: string }, line: string): void {
    this.results[key] = value;
    this.say(line);
    this.say(`    method: ${value.method}`);
  }

  say(line: string): void {
    this.lines.push(line);
    console.log(line);
  }
}

/** Where each director's log stands now (see vipMoves). */
export function logMark(s: ServiceLab): Record<string, number> {
  return Object.fromEntries(DIRECTORS.map((d) => [d, s.cluster.logs(d).length]));
}

/**
 * What moved the VIP since `mark` (a director fencing itself, the VIP going up or down), as
 * `director: message` lines: a figure measured meanwhile measured the move, not what it names.
 */
export function vipMoves(s: ServiceLab, mark: Record<string, number>): string[] {
  return DIRECTORS.flatMap((d) =>
    s.cluster
      .logs(d)
      .slice(mark[d] ?? 0)
      .map((l) => String(l.msg))
      .filter((m) => /^VIP (up|down) on this node|fencing/.test(m))
      .map((m) => `${d}: ${m}`),
  );
}

/** The suffix of a figure's line when the VIP moved under it. */
export const movedNote = (moves: string[]): string =>
  moves.length === 0 ? '' : `; NOT KEPT: the VIP moved during the load (${[...new Set(moves)].join('; ')})`;
