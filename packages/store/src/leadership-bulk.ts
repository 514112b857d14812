/**
 * Leadership of many VIPs at once: acquiring leader keys and marking them taken over, in as few
 * transactions as etcd's `--max-txn-ops` allows (bulk-txn.ts builds them). Per key the guards are
 * those of the single-key calls in leadership.ts, and the result is per key: one key lost to a
 * race never costs the others theirs.
 */
import type { Etcd3, ITxnRequest, ITxnResponse } from 'etcd3';
import {
  ACQUIRE_OPS_PER_KEY,
  acquireResults,
  type BulkAcquireResult,
  type BulkMarkResult,
  chunk,
  DEFAULT_MAX_TXN_OPS,
  distinctBy,
  keysPerTxn,
  MARK_OPS_PER_KEY,
  markResults,
  markTxn,
  outerTxn,
  type TakeoverMarkRequest,
  unmarkTxn,
} from './bulk-txn';
import { callDeadline } from './etcd-client';
import { fromEtcdError, type StoreError } from './errors';
import type { Keys } from './keys';
import { acquireTxn } from './leadership';

export interface BulkOptions {
  /** Deadline of each transaction, ms. */
  callTimeoutMs: number;
  /**
   * etcd's `--max-txn-ops` (default 128), counted as etcd counts it: no transaction sent exceeds
   * it. Must not be above the cluster's setting, or every transaction is refused
   * (`TooManyTxnOpsError` in each key's result).
   */
  maxTxnOps?: number;
}

/** Transactions in flight at once (one gRPC connection multiplexes them). */
const IN_FLIGHT = 8;

/**
 * Creates the leader keys of `vips` that are absent and whose VIP spec exists, under `leaseId`,
 * as `acquireLeadership` does for one. One result per distinct VIP, in the order given. Never
 * throws for etcd's sake: a transaction that failed gives its keys `unknown` with the error
 * (a `LeaseLostError` when the lease is gone; a transient error may hide a commit).
 */
export async function acquireLeadershipMany(
  client: Etcd3,
  keys: Keys,
  vips: readonly string[],
  node: string,
  leaseId: string,
  opts: BulkOptions,
): Promise<BulkAcquireResult[]> {
  return inChunks(client, opts, {
    items: distinctBy(vips, (vip) => vip),
    opsPerKey: ACQUIRE_OPS_PER_KEY,
    operation: (n) => `acquire ${n} VIPs`,
    leaseId,
    nested: (vip) => acquireTxn(keys, vip, node, leaseId),
    read: (part, res) => acquireResults(part, res),
    unknown: (vip, error): BulkAcquireResult => ({ vip, status: 'unknown', error }),
  });
}

/**
 * Marks the silent holder's leader keys taken over (docs/fast-takeover.md), each only while it is
 * still under `req.from.lease`, with `takeovers/<vip>` beside it under `req.markLeaseId`. One
 * result per distinct VIP, in the order given; never throws for etcd's sake.
 */
export async function markTakeoverMany(
  client: Etcd3,
  keys: Keys,
  req: TakeoverMarkRequest,
  opts: BulkOptions,
): Promise<BulkMarkResult[]> {
  return marksInChunks(
    client,
    opts,
    req.leaders,
    (n) => `mark ${n} VIPs taken over`,
    (l) => markTxn(keys, req, l),
  );
}

/**
 * Takes back the marks of a takeover that stopped before its revoke (`unmarkTxn` per key, in bulk
 * as the marks went): a key is restored only while it still carries exactly `req.by`'s mark under
 * `req.from.lease`. Never throws: counts what was taken back, and the keys whose outcome is
 * unknown (their transaction failed).
 */
export async function unmarkTakeoverMany(
  client: Etcd3,
  keys: Keys,
  req: Omit<TakeoverMarkRequest, 'markLeaseId'>,
  opts: BulkOptions,
): Promise<{ undone: number; failed: number }> {
  const results = await marksInChunks(
    client,
    opts,
    req.leaders,
    (n) => `take back ${n} takeover marks`,
    (l) => unmarkTxn(keys, req, l),
  );
  return {
    undone: results.filter((r) => r.status === 'marked').length,
    failed: results.filter((r) => r.status === 'unknown').length,
  };
}

type MarkedLeader = TakeoverMarkRequest['leaders'][number];

/** `inChunks` over distinct leader keys whose nested transactions answer as marks do (`markResults`). */
function marksInChunks(
  client: Etcd3,
  opts: BulkOptions,
  leaders: readonly MarkedLeader[],
  operation: (n: number) => string,
  nested: (leader: MarkedLeader) => ITxnRequest,
): Promise<BulkMarkResult[]> {
  return inChunks(client, opts, {
    items: distinctBy(leaders, (l) => l.vip),
    opsPerKey: MARK_OPS_PER_KEY,
    operation,
    nested,
    read: (part, res) =>
      markResults(
        part.map((l) => l.vip),
        res,
      ),
    unknown: (l, error): BulkMarkResult => ({ vip: l.vip, status: 'unknown', error }),
  });
}

/**
 * The bulk pattern: `items` in chunks that fit `opts.maxTxnOps`, one outer transaction per chunk
 * (IN_FLIGHT at a time) holding each item's nested transaction; a chunk whose transaction failed
 * gives each of its items `unknown` with the error. Results in the order of `items`.
 */
async function inChunks<T, R>(
  client: Etcd3,
  opts: BulkOptions,
  b: {
    items: readonly T[];
    opsPerKey: number;
    operation: (n: number) => string;
    leaseId?: string;
    nested: (item: T) => ITxnRequest;
    read: (part: T[], res: ITxnResponse) => R[];
    unknown: (item: T, error: StoreError) => R;
  },
): Promise<R[]> {
  const maxTxnOps = opts.maxTxnOps ?? DEFAULT_MAX_TXN_OPS;
  const chunks = chunk(b.items, keysPerTxn(maxTxnOps, b.opsPerKey));
  const results = await mapLimited(chunks, IN_FLIGHT, async (part) => {
    const operation = b.operation(part.length);
    try {
      const res = await client.kv.txn(outerTxn(part.map(b.nested)), callDeadline(opts.callTimeoutMs));
      return b.read(part, res);
    } catch (err) {
      const error = fromEtcdError(operation, err, b.leaseId, maxTxnOps);
      return part.map((item) => b.unknown(item, error));
    }
  });
  return results.flat();
}

/** `fn` over `items`, at most `limit` at a time; results in the order of `items`. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return out;
}
