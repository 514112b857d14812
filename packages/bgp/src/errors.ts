/** Errors of the gobgpd client: one class, with the call, a transient flag and the cause. */
import { status, type ServiceError } from '@grpc/grpc-js';

export class BgpError extends Error {
  override readonly name = 'BgpError';
  constructor(
    /** What was being done, e.g. "add path 198.51.100.10/32". */
    readonly action: string,
    message: string,
    /** true: gobgpd is not (yet) reachable or busy; a retry may succeed. */
    readonly transient: boolean,
    options?: { cause?: unknown },
  ) {
    super(`${action}: ${message}`, options);
  }
}

const TRANSIENT = new Set<number>([status.UNAVAILABLE, status.DEADLINE_EXCEEDED, status.RESOURCE_EXHAUSTED]);

/** The one place a gRPC error from gobgpd becomes a BgpError. */
export function fromGrpcError(action: string, err: unknown): BgpError {
  if (err instanceof BgpError) return err;
  const e = err as Partial<ServiceError>;
  const transient = typeof e.code === 'number' && TRANSIENT.has(e.code);
  const detail = typeof e.details === 'string' && e.details !== '' ? e.details : String(e.message ?? err);
  return new BgpError(action, detail, transient, { cause: err });
}
