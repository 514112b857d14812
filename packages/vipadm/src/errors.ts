/**
 * vipadm's two failure kinds and the one place gRPC status codes become operator-facing
 * lines. Every error reaches the operator as a single `vipadm: <message>` line on stderr.
 */
import { status } from '@grpc/grpc-js';
import { oneLine } from '@vipd/log';

/** Bad command line: unknown command or flag, missing argument, bad value. Exit code 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Anything else that stops a command: the server said no, unreachable, timeout. Exit code 1. */
export class CliError extends Error {
  readonly exitCode = 1;
  constructor(
    message: string,
    readonly code?: status,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CliError';
  }
}

/** The parts of a grpc-js ServiceError that the mapping reads. */
export interface GrpcErrorLike {
  code: number;
  details?: string;
  message?: string;
}

export interface CallContext {
  /** HOST:PORT as the operator gave it. */
  server: string;
  /** The call's deadline, for the timeout message. */
  deadlineMs: number;
  /** How vipadm connected: plaintext, TLS, or TLS with a client certificate. */
  tls?: 'off' | 'server' | 'mutual';
  /** Where the token came from (`--token-file /x`, `VIPADM_TOKEN`, …); undefined: none sent. */
  token?: string;
}

/** admin.proto's methods in the words of the vipadm commands that call them. */
const COMMAND_WORDS: Record<string, string> = {
  CreateVip: 'vip add',
  UpdateVip: 'vip set',
  GetVip: 'vip get',
  ListVips: 'vip list',
  DeleteVip: 'vip rm',
  MoveVip: 'vip move',
  UnpinVip: 'vip unpin',
  ListNodes: 'node list',
  DrainNode: 'node drain',
  UndrainNode: 'node undrain',
  GetStatus: 'status',
  WatchEvents: 'watch',
  CreatePool: 'pool add',
  GetPool: 'pool get',
  ListPools: 'pool list',
  DeletePool: 'pool rm',
};

/**
 * A coordinator message in an operator's words: method names become the command ("DeleteVip"
 * → "vip rm"), and the metadata syntax a gRPC client needs is left out.
 */
export function operatorWords(details: string): string {
  return details
    .replace(/\s*\((?:metadata )?authorization:[^)]*\)/gi, '')
    .replace(/\b([A-Z][a-z]+(?:[A-Z][a-z]+)+)\b/g, (m: string) => {
      const words = COMMAND_WORDS[m];
      return words === undefined ? m : `"${words}"`;
    });
}

const TOKEN_HINT =
  'give one with --token-file F, VIPADM_TOKEN_FILE, or token-file in a context (vipadm help config)';

/** UNAUTHENTICATED: no token sent, or one the coordinator does not know. */
function unauthenticated(details: string, ctx: CallContext): string {
  if (ctx.token !== undefined) {
    return `not authenticated: the coordinator at ${ctx.server} does not accept the token from ${ctx.token}; check that it is a current token (one in the coordinator's auth.tokens)`;
  }
  const write = /changes the cluster|needs an operator/i.test(details);
  const needs = write ? 'an operator token to change the cluster' : 'a token (viewer or operator)';
  return `not authenticated: the coordinator at ${ctx.server} needs ${needs}; ${TOKEN_HINT}`;
}

/** PERMISSION_DENIED: the token is known but its role is too weak. */
function permissionDenied(details: string, ctx: CallContext): string {
  const role = /needs the operator role; (\S+) has role (\S+)/.exec(details);
  if (role) {
    const from = ctx.token ? ` from ${ctx.token}` : '';
    return `permission denied: the token${from} is ${role[1]}'s, with role ${role[2]}; changing the cluster needs an operator token`;
  }
  return `permission denied${details === '' ? '' : `: ${operatorWords(details)}`}`;
}

/** Errors grpc-js raises itself when it never got an answer from the server. */
const LOCAL_UNAVAILABLE =
  /no connection established|connection dropped|econnrefused|enotfound|eai_again|ehostunreach|enetunreach|etimedout|name resolution|dns resolution|failed to connect|ssl|certificate|handshake/i;
const LOCAL_DEADLINE = /^deadline exceeded( after|$)/i;

/** Maps a gRPC status to the line the operator reads (without the `vipadm: ` prefix). */
export function grpcErrorMessage(err: GrpcErrorLike, ctx: CallContext): string {
  const details = operatorWords(oneLine(err.details ?? err.message ?? ''));
  const said = details === '' ? '' : `: ${details}`;
  switch (err.code) {
    case status.UNAVAILABLE:
      if (/^connection dropped$/i.test(details)) {
        // The call was sent: the coordinator (or the link) died before it answered.
        return `lost the connection to the coordinator at ${ctx.server} before it answered; the request may have taken effect (check with vipadm status)`;
      }
      if (details === '' || (LOCAL_UNAVAILABLE.test(details) && !/etcd/i.test(details))) {
        const problem = tlsProblem(details, ctx.tls ?? 'off') ?? connectionProblem(details);
        return `cannot reach the coordinator at ${ctx.server} (${problem})`;
      }
      return `the coordinator at ${ctx.server} is unavailable${said}; try again`;
    case status.DEADLINE_EXCEEDED:
      if (details === '' || LOCAL_DEADLINE.test(details)) {
        return `no answer from the coordinator at ${ctx.server} within ${formatSeconds(ctx.deadlineMs)}`;
      }
      return `timed out${said}`;
    case status.INVALID_ARGUMENT:
    case status.FAILED_PRECONDITION:
    case status.OUT_OF_RANGE:
      return details || 'the coordinator refused the request';
    case status.NOT_FOUND:
      return details === ''
        ? 'not found'
        : /not found|no such|does not exist/i.test(details)
          ? details
          : `not found${said}`;
    case status.ALREADY_EXISTS:
      return /exist/i.test(details) ? details : `already exists${said}`;
    case status.ABORTED:
      return `conflict: ${details || 'a concurrent update won'}, try again`;
    case status.UNAUTHENTICATED:
      return unauthenticated(details, ctx);
    case status.PERMISSION_DENIED:
      return permissionDenied(oneLine(err.details ?? err.message ?? ''), ctx);
    case status.UNIMPLEMENTED:
      return `the coordinator at ${ctx.server} does not implement this call (is it older than vipadm?)`;
    case status.RESOURCE_EXHAUSTED:
      return `the coordinator is overloaded${said}; try again`;
    case status.CANCELLED:
      return `cancelled${said}`;
    default:
      return `coordinator error (${status[err.code] ?? err.code})${said}`;
  }
}

/** The error to throw for a failed call. */
export function fromGrpcError(err: GrpcErrorLike, ctx: CallContext): CliError {
  return new CliError(grpcErrorMessage(err, ctx), err.code, { cause: err });
}

/** grpc-js's "No connection established. Last error: Error: connect ECONNREFUSED …" → the cause. */
export function connectionProblem(details: string): string {
  const last = /last error: (?:error: )?(.*?)\.?(?: resolution note:.*)?$/i.exec(details);
  const cause = (last?.[1] ?? details).trim();
  return cause === '' ? 'unavailable' : cause;
}

/**
 * The operator's reading of a failed TLS connection, or undefined when it is not one. grpc-js
 * does not pass the server's TLS alert on when a client certificate is refused after the
 * handshake (TLS 1.3): the connection just closes, reported as "Failed to connect".
 */
export function tlsProblem(details: string, tls: 'off' | 'server' | 'mutual'): string | undefined {
  if (/alert certificate required/i.test(details)) {
    return 'it requires a client certificate: give --tls-cert and --tls-key';
  }
  const alert = /alert ([a-z ]+?)(?::|$)/i.exec(details);
  if (alert && /ssl|tls/i.test(details)) return `it refused the TLS handshake: ${alert[1]}`;
  const verify =
    /self[- ]signed certificate[a-z ]*|unable to (?:verify|get)[a-z ]*|certificate has expired|certificate is not yet valid|hostname\/ip does not match[^.(]*|ERR_TLS_CERT_ALTNAME_INVALID/i.exec(
      details,
    );
  if (verify) return `cannot verify its certificate: ${verify[0].trim()}; check --tls-ca`;
  // A refused client certificate shows as a closed connection or, depending on timing, as a
  // reset while the handshake is read.
  if (tls === 'mutual' && /failed to connect|ECONNRESET/i.test(details)) {
    return 'it closed the TLS connection: is --tls-cert signed by a CA it trusts, and still valid?';
  }
  if (tls === 'off' && /connection dropped|failed to connect/i.test(details)) {
    return `${connectionProblem(details)}; does it require TLS (--tls-ca)?`;
  }
  if (tls !== 'off' && /wrong version number|packet length too long|unexpected eof/i.test(details)) {
    return 'TLS handshake failed: is it serving plaintext (drop the --tls flags)?';
  }
  return undefined;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
