/**
 * `bgp:` — BGP mode (docs/bgp.md). vipd starts its own gobgpd (its API on a loopback address,
 * so nothing else drives it) and configures it through that API: this AS, router id and peers.
 * The holder of a VIP whose spec says `announce.mode: bgp|both` announces it as a host route
 * with `nextHop` (IPv4) or `nextHop6` (IPv6) as next hop. Absent: no BGP, no gobgpd.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { z } from 'zod';
import { hostPort } from './fields';

const asn = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be an AS number, 1..4294967295')
  .max(4294967295, 'must be an AS number, 1..4294967295');

const ipv4 = z.string().refine(isIPv4, 'must be an IPv4 address');
const ipv6 = z.string().refine(isIPv6, 'must be an IPv6 address');
const anyIp = z.string().refine((v) => isIPv4(v) || isIPv6(v), 'must be an IP address');

const peer = z
  .object({
    address: anyIp,
    asn,
    /** TCP MD5 password of the session (RFC 2385); masked when the config is printed, never logged. */
    password: z.string().min(1).max(80).optional(),
    /** BGP hold time in seconds (keepalives every third of it); 0 is not allowed: no keepalives. */
    holdTimeSec: z.number().int().min(3, 'at least 3 s (RFC 4271)').max(65535).default(9),
    /** Seconds between attempts to connect to the peer. */
    connectRetrySec: z.number().int().min(1).max(3600).default(2),
  })
  .strict();

export const bgpSchema = z
  .object({
    /** gobgpd's API address (vipd starts gobgpd with `--api-hosts` this); loopback only. */
    api: hostPort
      .refine(
        (v) => /^(127\.\d+\.\d+\.\d+|\[::1\]|localhost):/.test(v),
        'must be a loopback address (127.x or [::1])',
      )
      .default('127.0.0.1:50051'),
    /** The gobgpd binary (Debian's gobgpd). */
    gobgpd: z.string().min(1).default('gobgpd'),
    /** This node's AS. */
    asn,
    /** BGP identifier: an IPv4 address, unique among the speakers. */
    routerId: ipv4,
    /** Next hop of IPv4 VIPs: this node's address as the router reaches it (default: routerId). */
    nextHop: ipv4.optional(),
    /** Next hop of IPv6 VIPs; without it, an IPv6 VIP in BGP mode is refused on this node. */
    nextHop6: ipv6.optional(),
    peers: z.array(peer).min(1, 'at least one peer'),
  })
  .strict();

export type BgpConfig = z.output<typeof bgpSchema>;

/** Pure: rules across fields of `bgp:`. */
export function bgpProblems(c: BgpConfig | undefined): string[] {
  if (!c) return [];
  const problems: string[] = [];
  const seen = new Set<string>();
  c.peers.forEach((p, i) => {
    if (seen.has(p.address)) problems.push(`bgp.peers.${i}.address: ${p.address} given twice`);
    seen.add(p.address);
    if (isIPv6(p.address) && c.nextHop6 === undefined)
      problems.push(`bgp.peers.${i}: an IPv6 peer needs bgp.nextHop6 (this node's IPv6 address)`);
  });
  return problems;
}
