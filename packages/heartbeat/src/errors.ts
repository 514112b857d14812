import { status as Status } from '@grpc/grpc-js';
import { errorLine } from '@vipd/log';

/** Errors of the heartbeat package. `transient` tells retry logic whether trying again can help. */
export class HeartbeatError extends Error {
  readonly transient: boolean;
  constructor(message: string, options: { transient: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'HeartbeatError';
    this.transient = options.transient;
  }
}

/**
 * The outbound stream to a peer failed. The mesh always tries again (the peer set, not the
 * error, decides whether a peer matters); a final one (the peer does not speak NodeService,
 * or refuses us) is retried at the slowest backoff and logged at warn.
 */
export class PeerStreamError extends HeartbeatError {
  constructor(
    readonly node: string,
    readonly address: string,
    readonly code: Status | undefined,
    transient: boolean,
    cause?: unknown,
  ) {
    super(`heartbeat stream to ${node} (${address}) failed: ${errorLine(cause)}`, { transient, cause });
    this.name = 'PeerStreamError';
  }
}

/** A received beat broke the protocol (no sender, a sender change mid-stream, bad numbers). */
export class InvalidBeatError extends HeartbeatError {
  constructor(
    readonly reason: string,
    readonly node?: string,
  ) {
    super(`invalid beat${node === undefined ? '' : ` from ${node}`}: ${reason}`, { transient: false });
    this.name = 'InvalidBeatError';
  }
}

/** Our own beat does not fit in the message size cap (too many VIPs or peers). */
export class BeatTooLargeError extends HeartbeatError {
  constructor(
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(`local beat is ${bytes} bytes, over the ${maxBytes}-byte cap`, { transient: false });
    this.name = 'BeatTooLargeError';
  }
}

/** The service is stopped or at its inbound stream limit: the caller should try later. */
export class StreamRefusedError extends HeartbeatError {
  constructor(readonly reason: 'stopped' | 'limit') {
    super(reason === 'stopped' ? 'heartbeat service stopped' : 'too many heartbeat streams', {
      transient: true,
    });
    this.name = 'StreamRefusedError';
  }
}

/**
 * An inbound stream claims a node it cannot be: from another address than the node's
 * registration (plaintext), or with a certificate that names neither (mTLS).
 */
export class StreamBindingError extends HeartbeatError {
  constructor(
    readonly node: string,
    readonly why: string,
  ) {
    super(`heartbeat stream refused: ${why}`, { transient: false });
    this.name = 'StreamBindingError';
  }
}

/** Codes after which retrying at the fast backoff cannot help. */
const FINAL_CODES: ReadonlySet<Status> = new Set([
  Status.UNIMPLEMENTED,
  Status.INVALID_ARGUMENT,
  Status.UNAUTHENTICATED,
  Status.PERMISSION_DENIED,
]);

/** gRPC → ours: what a client stream's error means for the mesh. */
export function fromGrpcError(node: string, address: string, err: unknown): PeerStreamError {
  if (err instanceof PeerStreamError) return err;
  const code = grpcCode(err);
  const transient = code === undefined || !FINAL_CODES.has(code);
  return new PeerStreamError(node, address, code, transient, err);
}

/** Ours → gRPC: the status a server stream ends with. */
export function toGrpcStatus(err: unknown): { code: Status; details: string } {
  if (err instanceof InvalidBeatError) return { code: Status.INVALID_ARGUMENT, details: err.message };
  if (err instanceof StreamBindingError) return { code: Status.PERMISSION_DENIED, details: err.message };
  if (err instanceof StreamRefusedError) {
    const code = err.reason === 'stopped' ? Status.UNAVAILABLE : Status.RESOURCE_EXHAUSTED;
    return { code, details: err.message };
  }
  return { code: Status.INTERNAL, details: errorLine(err) };
}

function grpcCode(err: unknown): Status | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  const code = (err as { code: unknown }).code;
  return typeof code === 'number' ? (code as Status) : undefined;
}
