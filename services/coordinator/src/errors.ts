/**
 * Errors of the admin API, and the one place any error becomes a gRPC status.
 * Handlers throw ApiError for what the caller did wrong; every etcd call is one of
 * @vipd/store's (or, for a watch, goes through etcdCall in state.ts), so what the etcd client
 * throws arrives here as a StoreError (transient → UNAVAILABLE).
 */
import { status as Status, type ServiceError, Metadata } from '@grpc/grpc-js';
import { errorLine, oneLine } from '@vipd/log';
import { InvalidPoolSpecError, InvalidServiceSpecError, InvalidSpecError, StoreError } from '@vipd/store';

/** A refusal with a gRPC code and a one-line message naming the field or object. */
export class ApiError extends Error {
  constructor(
    readonly code: Status,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const invalid = (message: string): ApiError => new ApiError(Status.INVALID_ARGUMENT, message);
export const notFound = (message: string): ApiError => new ApiError(Status.NOT_FOUND, message);
export const precondition = (message: string): ApiError => new ApiError(Status.FAILED_PRECONDITION, message);

/** Maps any error to the status the client sees: code plus a single-line message. */
export function toServiceError(err: unknown, operation: string): Partial<ServiceError> {
  let code: Status;
  let message: string;
  if (err instanceof ApiError) {
    code = err.code;
    message = err.message;
  } else if (err instanceof InvalidSpecError) {
    code = Status.INVALID_ARGUMENT;
    message = `spec: ${err.problems.join('; ')}`;
  } else if (err instanceof InvalidServiceSpecError) {
    code = Status.INVALID_ARGUMENT;
    message = `service spec: ${err.problems.join('; ')}`;
  } else if (err instanceof InvalidPoolSpecError) {
    code = Status.INVALID_ARGUMENT;
    message = `pool: ${err.problems.join('; ')}`;
  } else if (err instanceof StoreError) {
    code = err.transient ? Status.UNAVAILABLE : Status.INTERNAL;
    message = err.message;
  } else {
    code = Status.INTERNAL;
    message = `${operation}: ${errorLine(err)}`;
  }
  return { code, details: oneLine(message).slice(0, 1000), metadata: new Metadata() };
}
