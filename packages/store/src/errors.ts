import { EtcdLeaseInvalidError } from 'etcd3';
import { errorLine } from '@vipd/log';

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
    super(`etcd unavailable during ${operation}: ${errorLine(cause)}`, { transient: true, cause });
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
  /** Each problem on one line (a JSON parse error quotes the text, newlines and all). */
  readonly problems: string[];

  constructor(
    readonly vip: string,
    problems: string[],
  ) {
    const folded = problems.map((p) => clip(p.replace(/\s*[\r\n\u2028\u2029]\s*/g, ' '), 300));
    super(`invalid VIP spec ${clip(JSON.stringify(vip), 100)}: ${folded.slice(0, 10).join('; ')}`, {
      transient: false,
    });
    this.problems = folded;
    this.name = 'InvalidSpecError';
  }
}

/** A virtual service spec failed validation (services/<name>). */
export class InvalidServiceSpecError extends StoreError {
  readonly problems: string[];

  constructor(
    readonly service: string,
    problems: string[],
  ) {
    const folded = problems.map((p) => clip(p.replace(/\s*[\r\n\u2028\u2029]\s*/g, ' '), 300));
    super(`invalid service spec ${clip(JSON.stringify(service), 100)}: ${folded.slice(0, 10).join('; ')}`, {
      transient: false,
    });
    this.problems = folded;
    this.name = 'InvalidServiceSpecError';
  }
}

/** An address pool spec failed validation (pools/<name>). */
export class InvalidPoolSpecError extends StoreError {
  readonly problems: string[];

  constructor(
    readonly pool: string,
    problems: string[],
  ) {
    const folded = problems.map((p) => clip(p.replace(/\s*[\r\n\u2028\u2029]\s*/g, ' '), 300));
    super(`invalid pool spec ${clip(JSON.stringify(pool), 100)}: ${folded.slice(0, 10).join('; ')}`, {
      transient: false,
    });
    this.problems = folded;
    this.name = 'InvalidPoolSpecError';
  }
}

/**
 * keys/beat holds something that is not a beat key. Final until an operator fixes it (deleting
 * the key lets the next vipd create a new one). Never carries the value: it is a secret.
 */
export class InvalidBeatKeyError extends StoreError {
  constructor(readonly key: string) {
    super(
      `${key} in etcd is not a valid beat key (JSON with a base64 "key" of at least 32 bytes); delete it and vipd creates a new one`,
      {
        transient: false,
      },
    );
    this.name = 'InvalidBeatKeyError';
  }
}

/**
 * etcd refused a transaction for having more operations than its `--max-txn-ops`: our op limit is
 * set above the cluster's. Final: the same request fails again; lower the limit (docs/etcd.md).
 */
export class TooManyTxnOpsError extends StoreError {
  constructor(
    readonly operation: string,
    readonly maxTxnOps: number | undefined,
    cause?: unknown,
  ) {
    super(
      `etcd refused ${operation}: too many operations in one transaction` +
        (maxTxnOps === undefined ? '' : ` (op limit ${maxTxnOps} is above etcd's --max-txn-ops)`),
      { transient: false, cause },
    );
    this.name = 'TooManyTxnOpsError';
  }
}

/** Text cut to max characters (a hostile value can be huge; its start is enough to find it). */
function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Maps an error thrown by the etcd client to ours. Lease errors are final; the rest transient. */
export function fromEtcdError(
  operation: string,
  err: unknown,
  leaseId?: string,
  maxTxnOps?: number,
): StoreError {
  if (err instanceof StoreError) return err;
  const message = errorLine(err);
  const leaseGone =
    err instanceof EtcdLeaseInvalidError ||
    /lease not found|is expired or revoked|requested lease not found/i.test(message);
  if (leaseId !== undefined && leaseGone) {
    return new LeaseLostError(leaseId, err);
  }
  if (/too many operations in txn request/i.test(message)) {
    return new TooManyTxnOpsError(operation, maxTxnOps, err);
  }
  return new EtcdUnavailableError(operation, err);
}
