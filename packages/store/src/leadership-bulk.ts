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
  acquireTxn,
  type BulkAcquireResult,
  type BulkMarkResult,
  chunk,
  DEFAULT_MAX_TXN_OPS,
  distinct,
  keysPerTxn,
  MARK_OPS_PER_KEY,
  markedLeaderValue,
  markResults,
  markTxn,
  outerTxn,
  type TakeoverMarkRequest,
} from './bulk-txn';
import { callDeadline } from './etcd-client';
import { fromEtcdError, type StoreError, TooManyTxnOpsError } from './errors';
import type { Keys } from './keys';

export interface BulkOptions {
  /** Deadline of each transaction, ms. */
  callTimeoutMs: number;
  /**
   * etcd's `--max-txn-ops` (default 128), counted as etcd counts it: no transaction sent exceeds
   * it. Must not be above the cluster's setting, or every transaction is refused
   * (`TooManyTxnOpsError` in each key's result).
   */
  maxTxnOps?: number;
  /** Transactions in flight at once (one gRPC connection multiplexes them). Default 8. */
  maxInFlight?: number;
}

const DEFAULT_IN_FLIGHT = 8;

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
  const maxTxnOps = opts.maxTxnOps ?? DEFAULT_MAX_TXN_OPS;
  const chunks = chunk(distinct(vips), keysPerTxn(maxTxnOps, ACQUIRE_OPS_PER_KEY));
  const results = await mapLimited(chunks, opts.maxInFlight ?? DEFAULT_IN_FLIGHT, async (part) => {
    const nested = part.map((vip) => acquireTxn(keys, vip, node, leaseId));
    const sent = await send(
      client,
      nested,
      opts.callTimeoutMs,
      maxTxnOps,
      `acquire ${part.length} VIPs`,
      leaseId,
    );
    return 'error' in sent
      ? part.map((vip): BulkAcquireResult => ({ vip, status: 'unknown', error: sent.error }))
      : acquireResults(part, sent.res);
  });
  return results.flat();
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
  const maxTxnOps = opts.maxTxnOps ?? DEFAULT_MAX_TXN_OPS;
  const seen = new Set<string>();
  const leaders = req.leaders.filter((l) => !seen.has(l.vip) && seen.add(l.vip));
  const chunks = chunk(leaders, keysPerTxn(maxTxnOps, MARK_OPS_PER_KEY));
  const results = await mapLimited(chunks, opts.maxInFlight ?? DEFAULT_IN_FLIGHT, async (part) => {
    const vips = part.map((l) => l.vip);
    const nested = part.map((l) => markTxn(keys, req, l));
    const sent = await send(
      client,
      nested,
      opts.callTimeoutMs,
      maxTxnOps,
      `mark ${part.length} VIPs taken over`,
    );
    return 'error' in sent
      ? vips.map((vip): BulkMarkResult => ({ vip, status: 'unknown', error: sent.error }))
      : markResults(vips, sent.res);
  });
  return results.flat();
}

/**
 * Takes back the marks of a takeover that stopped before its revoke: each leader key only while
 * it still carries exactly `req.by`'s mark under `req.from.lease` (its value as marked), restoring
 * the value it had; its `takeovers/<vip>` key goes with it. Never throws: counts what was taken
 * back, and the calls that failed.
 */
export async function unmarkTakeoverMany(
  client: Etcd3,
  keys: Keys,
  req: Omit<TakeoverMarkRequest, 'markLeaseId'>,
  opts: BulkOptions,
): Promise<{ undone: number; failed: number }> {
  const outcomes = await mapLimited(req.leaders, opts.maxInFlight ?? DEFAULT_IN_FLIGHT, async (l) => {
    const key = Buffer.from(keys.leader(l.vip));
    const marked = markedLeaderValue(l.value, req.from.node, req.by);
    try {
      const res = await client.kv.txn(
        {
          compare: [
            { key, target: 'Lease', result: 'Equal', lease: req.from.lease },
            { key, target: 'Value', result: 'Equal', value: Buffer.from(marked) },
          ],
          success: [
            { request_put: { key, value: Buffer.from(l.value), lease: req.from.lease } },
            { request_delete_range: { key: Buffer.from(keys.takeoverMark(l.vip)) } },
          ],
          failure: [],
        },
        callDeadline(opts.callTimeoutMs),
      );
      return res.succeeded ? 'undone' : 'gone';
    } catch {
      return 'failed';
    }
  });
  return {
    undone: outcomes.filter((o) => o === 'undone').length,
    failed: outcomes.filter((o) => o === 'failed').length,
  };
}

async function send(
  client: Etcd3,
  nested: ITxnRequest[],
  callTimeoutMs: number,
  maxTxnOps: number,
  operation: string,
  leaseId?: string,
): Promise<{ res: ITxnResponse } | { error: StoreError }> {
  try {
    return { res: await client.kv.txn(outerTxn(nested), callDeadline(callTimeoutMs)) };
  } catch (err) {
    const error = fromEtcdError(operation, err, leaseId);
    return {
      error: error instanceof TooManyTxnOpsError ? new TooManyTxnOpsError(operation, maxTxnOps, err) : error,
    };
  }
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
