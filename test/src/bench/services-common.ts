// What the parts of `npm run bench:services` share: the service under test and the report.
import { BACKENDS, VIP } from '../e2e/service-lab';
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
