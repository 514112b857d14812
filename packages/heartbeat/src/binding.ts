/**
 * Which node an inbound stream may speak for. Without TLS, a stream's remote address must be
 * the host of the claimed node's registration (its `advertise`); with mutual TLS, the client
 * certificate (already verified against the private CA) must name the node (subject CN) or
 * that host (an IP or DNS SAN). Pure: the mesh hands in the stream's peer string or
 * certificate and the registered address.
 */
import type { PeerCertificate } from 'node:tls';
import ipaddr from 'ipaddr.js';
import { parseHostPort } from '@vipd/log';

/** How inbound streams are tied to a node: by source address (plaintext) or certificate (mTLS). */
export type StreamBinding = 'address' | 'certificate' | 'none';

export type BindResult = { ok: true } | { ok: false; reason: 'address' | 'certificate'; why: string };

/**
 * An IP address in one spelling (ipaddr.js, as everywhere else): IPv4 only in four-part
 * decimal, IPv4-mapped IPv6 as IPv4, IPv6 compressed and lower case (RFC 5952). Brackets and
 * blanks around it are ignored; anything else is undefined.
 */
export function normalizeIp(text: string): string | undefined {
  let s = text.trim();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  if (ipaddr.IPv4.isValidFourPartDecimal(s)) return s;
  if (!ipaddr.IPv6.isValid(s)) return undefined;
  const ip = ipaddr.IPv6.parse(s);
  return ip.isIPv4MappedAddress() ? ip.toIPv4Address().toString() : ip.toString();
}

/** The refusal for a node whose registered address is not HOST:PORT (a stream never binds to it). */
function unusable(node: string, reason: 'address' | 'certificate', problem: string): BindResult {
  return {
    ok: false,
    reason,
    why: `claims to be ${node}, but ${node}'s registered address is unusable: ${problem}`,
  };
}

/** The remote IP of grpc-js's `getPeer()` (`ADDRESS:PORT`, IPv6 without brackets). */
export function remoteIpOf(peer: string): string | undefined {
  const m = /^(.*):\d+$/.exec(peer);
  return normalizeIp(m ? m[1]! : peer);
}

/**
 * Plaintext: the stream comes from `remote` (getPeer()), the node is registered at `registered`
 * (HOST:PORT, @vipd/log's parseHostPort); `resolved` are the addresses a registered host name
 * resolved to.
 */
export function bindByAddress(
  node: string,
  remote: string,
  registered: string,
  resolved: readonly string[] = [],
): BindResult {
  const parsed = parseHostPort(registered);
  if ('problem' in parsed) return unusable(node, 'address', parsed.problem);
  const ip = remoteIpOf(remote);
  const host = parsed.host;
  const want = normalizeIp(host);
  const allowed = want !== undefined ? [want] : resolved;
  if (ip !== undefined && allowed.includes(ip)) return { ok: true };
  const where = want !== undefined || resolved.length === 0 ? host : `${host} (${resolved.join(', ')})`;
  return {
    ok: false,
    reason: 'address',
    why: `claims to be ${node} but comes from ${ip ?? remote}; ${node} is registered at ${where}`,
  };
}

/** mTLS: the verified client certificate must name the node or its registered host. */
export function bindByCertificate(
  node: string,
  cert: PeerCertificate | undefined,
  registered: string,
): BindResult {
  if (cert === undefined) {
    return {
      ok: false,
      reason: 'certificate',
      why: `claims to be ${node} but presented no verified certificate`,
    };
  }
  const cn: unknown = cert.subject?.CN; // a string, or an array when the subject repeats CN
  const cns = (Array.isArray(cn) ? cn : [cn]).filter((x): x is string => typeof x === 'string');
  if (cns.includes(node)) return { ok: true };
  const parsed = parseHostPort(registered);
  if ('problem' in parsed) return unusable(node, 'certificate', parsed.problem);
  const host = parsed.host;
  const ip = normalizeIp(host);
  for (const san of (cert.subjectaltname ?? '').split(',')) {
    const [kind, value] = san.trim().split(/:(.*)/s) as [string, string | undefined];
    if (value === undefined) continue;
    if (kind === 'IP Address' && ip !== undefined && normalizeIp(value) === ip) return { ok: true };
    if (kind === 'DNS' && ip === undefined && value.toLowerCase() === host.toLowerCase()) return { ok: true };
  }
  const names = [...cns.map((c) => `CN=${c}`), cert.subjectaltname].filter(Boolean).join(', ');
  return {
    ok: false,
    reason: 'certificate',
    why: `claims to be ${node} but its certificate (${names || 'no names'}) names neither ${node} nor ${host}`,
  };
}
