import { EtcdLeaseInvalidError } from 'etcd3';

/** Errors of the store package. `transient` tells retry logic whether trying again can help. */

export class StoreError extends Error {
  readonly transient: boolean;
  constructor(message: string, options: { transient: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'StoreError';
    this.transient = options.transient;
  }
}

/** etcd did not answer in time or could not be reached: try again. */
export class EtcdUnavailableError extends StoreError {
  constructor(
    readonly operation: string,
    cause?: unknown,
  ) {
    super(`etcd unavailable during ${operation}: ${describe(cause)}`, { transient: true, cause });
    this.name = 'EtcdUnavailableError';
  }
}

/** The node lease no longer exists in etcd: final for this session, a new one is needed. */
export class LeaseLostError extends StoreError {
  constructor(
    readonly leaseId: string,
    cause?: unknown,
  ) {
    super(`lease ${leaseId} no longer exists in etcd`, { transient: false, cause });
    this.name = 'LeaseLostError';
  }
}

/** A VIP spec failed validation. `field` names the offending field when known. */
export class InvalidSpecError extends StoreError {
  constructor(
    readonly vip: string,
    readonly problems: string[],
  ) {
    super(`invalid VIP spec ${JSON.stringify(vip)}: ${problems.join('; ')}`, { transient: false });
    this.name = 'InvalidSpecError';
  }
}

export function describe(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n')[0] ?? err.name;
  return String(err);
}

/** Maps an error thrown by the etcd client to ours. Lease errors are final; the rest transient. */
export function fromEtcdError(operation: string, err: unknown, leaseId?: string): StoreError {
  if (err instanceof StoreError) return err;
  const message = describe(err);
  const leaseGone =
    err instanceof EtcdLeaseInvalidError ||
    /lease not found|is expired or revoked|requested lease not found/i.test(message);
  if (leaseId !== undefined && leaseGone) {
    return new LeaseLostError(leaseId, err);
  }
  return new EtcdUnavailableError(operation, err);
}
