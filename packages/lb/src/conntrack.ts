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

/**
 * Active connections to each backend of a service: entries for (VIP, protocol, port) whose reply
 * comes from the backend; TCP only while ESTABLISHED. Keyed `ADDR:PORT` ([V6]:PORT).
 */
export function countConnections(
  text: string,
  service: { vip: string; protocol: string; port: number },
): Map<string, number> {
  const vip = canonical(service.vip);
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const e = parseConntrackLine(line);
    if (!e || e.protocol !== service.protocol || e.origDport !== service.port) continue;
    if (canonical(e.origDst) !== vip) continue;
    if (e.protocol === 'tcp' && e.state !== 'ESTABLISHED') continue;
    const addr = canonical(e.replySrc);
    const key = addr.includes(':') ? `[${addr}]:${e.replySport}` : `${addr}:${e.replySport}`;
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}
