/**
 * Active connections per NAT backend, as the kernel's connection tracking sees them
 * (/proc/net/nf_conntrack of this network namespace). Pure parsing and counting; reading the
 * file is the caller's. DR services have no conntrack entry on the director: the kernel cannot
 * tell their connections, and nothing is counted for them.
 */

export interface ConntrackEntry {
  protocol: string;
  /** TCP state (ESTABLISHED, TIME_WAIT, …); undefined for UDP and others. */
  state?: string;
  /** The client's view: destination address and port (the VIP and service port). */
  origDst: string;
  origDport: number;
  /** The reply's source: the backend (after DNAT). */
  replySrc: string;
  replySport: number;
}

/** One line of /proc/net/nf_conntrack, or undefined when it is not one we can read. */
export function parseConntrackLine(line: string): ConntrackEntry | undefined {
  const words = line.trim().split(/\s+/);
  const protocol = words[2];
  if (protocol === undefined) return undefined;
  const fields = (key: string) =>
    words.filter((w) => w.startsWith(`${key}=`)).map((w) => w.slice(key.length + 1));
  const dst = fields('dst');
  const src = fields('src');
  const dport = fields('dport');
  const sport = fields('sport');
  if (dst.length < 2 || src.length < 2 || dport.length < 1 || sport.length < 2) return undefined;
  const state = protocol === 'tcp' ? words.find((w) => /^[A-Z_]+$/.test(w) && w !== 'ASSURED') : undefined;
  return {
    protocol,
    ...(state !== undefined && { state }),
    origDst: dst[0]!,
    origDport: Number(dport[0]),
    replySrc: src[1]!,
    replySport: Number(sport[1]),
  };
}

const canonical = (a: string) => (a.includes(':') ? new URL(`http://[${a}]/`).hostname.slice(1, -1) : a);

/** Which service an entry belongs to: its original destination (the VIP), protocol and port. */
const serviceKey = (vip: string, protocol: string, port: number) => `${canonical(vip)} ${protocol} ${port}`;

/**
 * Active connections per backend of every service, from ONE pass over the table: entries for
 * (VIP, protocol, port) whose reply comes from the backend; TCP only while ESTABLISHED. A director
 * with many services asks for each of them; parsing the table once per service made that cost
 * services × entries on vipd's event loop (1.9 s for 101 services and 8000 entries, long enough
 * to miss heartbeats and fence the node).
 */
const NONE: ReadonlyMap<string, number> = new Map();

export class ConnectionCounts {
  private readonly byService = new Map<string, Map<string, number>>();

  constructor(text: string) {
    for (const line of text.split('\n')) {
      const e = parseConntrackLine(line);
      if (!e || (e.protocol === 'tcp' && e.state !== 'ESTABLISHED')) continue;
      const key = serviceKey(e.origDst, e.protocol, e.origDport);
      let counts = this.byService.get(key);
      if (!counts) this.byService.set(key, (counts = new Map()));
      const addr = canonical(e.replySrc);
      const backend = addr.includes(':') ? `[${addr}]:${e.replySport}` : `${addr}:${e.replySport}`;
      counts.set(backend, (counts.get(backend) ?? 0) + 1);
    }
  }

  /** The service's connections by backend, keyed `ADDR:PORT` ([V6]:PORT); empty when none. */
  of(service: { vip: string; protocol: string; port: number }): ReadonlyMap<string, number> {
    return this.byService.get(serviceKey(service.vip, service.protocol, service.port)) ?? NONE;
  }
}
