/**
 * Who is calling and may they: bearer tokens (metadata `authorization: Bearer <token>`)
 * with roles `viewer` (reads and the event stream) and `operator` (everything), a hook for
 * roles from a verified client certificate, and the anonymous rule. A write without a
 * credential is always refused; a read without one only passes with `auth.anonymous: viewer`.
 * Tokens are compared as SHA-256 digests with timingSafeEqual, against every configured
 * token (no early exit), so timing says nothing about a token's prefix or which one matched.
 */
import { timingSafeEqual } from 'node:crypto';
import type { PeerCertificate } from 'node:tls';
import { status as Status, type Metadata } from '@grpc/grpc-js';
import { certRole } from './cert-role';
import { ApiError } from './errors';
import { type Role, type TokenDigest, tokenDigest } from './tokens';

/** Every AdminService method and what it does to the cluster. Anything not listed is a write. */
export const METHOD_KINDS: Readonly<Record<string, 'read' | 'write'>> = {
  CreateVip: 'write',
  UpdateVip: 'write',
  DeleteVip: 'write',
  MoveVip: 'write',
  UnpinVip: 'write',
  DrainNode: 'write',
  UndrainNode: 'write',
  GetVip: 'read',
  ListVips: 'read',
  ListNodes: 'read',
  GetStatus: 'read',
  WatchEvents: 'read',
  CreateService: 'write',
  UpdateService: 'write',
  DeleteService: 'write',
  GetService: 'read',
  ListServices: 'read',
  CreatePool: 'write',
  DeletePool: 'write',
  GetPool: 'read',
  ListPools: 'read',
};

export const isWrite = (method: string): boolean => METHOD_KINDS[method] !== 'read';

export type Anonymous = 'none' | 'viewer';

export interface Principal {
  /** Token name, certificate identity (`cert:<name>`) or `anonymous`. */
  who: string;
  role: Role | 'none';
  via: 'token' | 'certificate' | 'anonymous';
}

/**
 * Maps a client certificate that the TLS layer has already verified against the private CA
 * to a role, or undefined for "no role from the certificate". Only set it on a server that
 * requires and verifies client certificates.
 */
export type CertRoleMapper = (cert: PeerCertificate) => { who: string; role: Role } | undefined;

/**
 * Roles from a verified client certificate (see cert-role.ts: a URI SAN `vipd-role:<role>` or
 * the subject CN in `tls.clientRoles`); the identity is the CN, else the first DNS SAN.
 */
export function certRoleMapper(clientRoles: Readonly<Record<string, Role>> = {}): CertRoleMapper {
  return (cert) => {
    const role = certRole(cert, clientRoles);
    if (role === undefined) return undefined;
    const cn = cert.subject?.CN;
    const san = cert.subjectaltname ?? '';
    const name = (Array.isArray(cn) ? cn[0] : cn) ?? /DNS:([^,\s]+)/.exec(san)?.[1] ?? 'unnamed';
    return { who: `cert:${name.slice(0, 128)}`, role };
  };
}

/** The mapper with no CN table: only the role SAN counts. */
export const roleFromCertificate: CertRoleMapper = certRoleMapper();

export interface AuthOptions {
  tokens: readonly TokenDigest[];
  anonymous: Anonymous;
  certRole?: CertRoleMapper;
}

/** What a call presents: its metadata and, on TLS, the verified peer certificate. */
export interface Presented {
  metadata: Metadata;
  peerCertificate?: PeerCertificate;
}

const ANONYMOUS: Principal = { who: 'anonymous', role: 'none', via: 'anonymous' };
const BEARER = /^Bearer ([\x21-\x7e]+)$/;

export class Authorizer {
  constructor(private readonly opts: AuthOptions) {}

  /** The caller; throws UNAUTHENTICATED for a malformed header or a token that matches none. */
  identify(p: Presented): Principal {
    const values = p.metadata.get('authorization');
    if (values.length > 0) {
      const header = values.length === 1 && typeof values[0] === 'string' ? values[0] : '';
      const token = BEARER.exec(header)?.[1];
      if (token === undefined) {
        throw new ApiError(Status.UNAUTHENTICATED, 'the authorization metadata must be one "Bearer <token>"');
      }
      const found = this.match(token);
      if (!found) throw new ApiError(Status.UNAUTHENTICATED, 'invalid token');
      return { who: found.name, role: found.role, via: 'token' };
    }
    const cert = p.peerCertificate;
    if (cert && this.opts.certRole && Object.keys(cert).length > 0) {
      const mapped = this.opts.certRole(cert);
      if (mapped) return { ...mapped, via: 'certificate' };
    }
    return this.opts.anonymous === 'viewer' ? { ...ANONYMOUS, role: 'viewer' } : ANONYMOUS;
  }

  /** Throws UNAUTHENTICATED (no credential) or PERMISSION_DENIED (role too weak). */
  authorize(who: Principal, method: string): void {
    const write = isWrite(method);
    if (who.via === 'anonymous') {
      if (write) {
        throw new ApiError(
          Status.UNAUTHENTICATED,
          `${method} changes the cluster and needs an operator token (metadata authorization: Bearer <token>)`,
        );
      }
      if (who.role === 'none') {
        throw new ApiError(
          Status.UNAUTHENTICATED,
          `${method} needs a token (viewer or operator); this coordinator allows no anonymous reads`,
        );
      }
      return;
    }
    if (write && who.role !== 'operator') {
      throw new ApiError(
        Status.PERMISSION_DENIED,
        `${method} needs the operator role; ${who.who} has role ${who.role}`,
      );
    }
  }

  /** Constant time in the token's content: every digest is compared, none skipped. */
  private match(token: string): TokenDigest | undefined {
    const digest = tokenDigest(token);
    let found: TokenDigest | undefined;
    for (const t of this.opts.tokens) {
      if (timingSafeEqual(t.digest, digest) && !found) found = t;
    }
    return found;
  }
}
