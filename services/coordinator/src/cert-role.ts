/**
 * Roles from a verified client certificate: a URI SAN `vipd-role:viewer` or
 * `vipd-role:operator`, or the subject CN looked up in the configured `tls.clientRoles`.
 * The highest role found wins. Only call this for a certificate the TLS layer verified: the
 * server asks for client certificates only with `requireClientCert`, and then refuses every
 * one that the private CA did not sign, so any certificate that reaches a handler is verified.
 */
import type { PeerCertificate } from 'node:tls';

export const CERT_ROLES = ['viewer', 'operator'] as const;
export type CertRole = (typeof CERT_ROLES)[number];

/** The URI SAN scheme that carries a role. */
export const ROLE_URI_PREFIX = 'vipd-role:';

/** The parts of a grpc-js server call this reads (ServerUnaryCall, ServerWritableStream, …). */
export interface CallWithAuthContext {
  getAuthContext?(): { sslPeerCertificate?: PeerCertificate } | null;
}

function rank(role: CertRole): number {
  return CERT_ROLES.indexOf(role);
}

function isRole(value: string): value is CertRole {
  return (CERT_ROLES as readonly string[]).includes(value);
}

/** URI SAN values of a Node `subjectaltname` string (`DNS:a, URI:b, IP Address:c`). */
export function sanUris(subjectaltname: string | undefined): string[] {
  if (!subjectaltname) return [];
  const out: string[] = [];
  // Node quotes a value with special characters as JSON (URI:"a,b"); plain ones end at ", ".
  const re = /(?:^|, )URI:("(?:[^"\\]|\\.)*"|[^,]*)/g;
  for (let m = re.exec(subjectaltname); m !== null; m = re.exec(subjectaltname)) {
    const raw = m[1] ?? '';
    try {
      out.push(raw.startsWith('"') ? (JSON.parse(raw) as string) : raw);
    } catch {
      // An unparseable quoted value names no role.
    }
  }
  return out;
}

/** The role a verified peer certificate grants, or undefined (no certificate, no role). */
export function certRole(
  cert: PeerCertificate | undefined,
  clientRoles: Readonly<Record<string, CertRole>> = {},
): CertRole | undefined {
  if (!cert || !cert.raw) return undefined;
  const found: CertRole[] = [];
  for (const uri of sanUris(cert.subjectaltname)) {
    if (!uri.startsWith(ROLE_URI_PREFIX)) continue;
    const role = uri.slice(ROLE_URI_PREFIX.length);
    if (isRole(role)) found.push(role);
  }
  const cns = cert.subject?.CN;
  for (const cn of Array.isArray(cns) ? cns : cns !== undefined ? [cns] : []) {
    if (Object.hasOwn(clientRoles, cn)) {
      const role = clientRoles[cn];
      if (role !== undefined) found.push(role);
    }
  }
  return found.reduce<CertRole | undefined>(
    (best, r) => (best === undefined || rank(r) > rank(best) ? r : best),
    undefined,
  );
}

/** certRole for the client of a gRPC call (undefined over plaintext or without a certificate). */
export function callCertRole(
  call: CallWithAuthContext,
  clientRoles?: Readonly<Record<string, CertRole>>,
): CertRole | undefined {
  return certRole(call.getAuthContext?.()?.sslPeerCertificate, clientRoles);
}
