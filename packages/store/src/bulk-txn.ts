/**
 * Pure parts of the bulk leader-key transactions (leadership-bulk.ts does the I/O): how etcd
 * counts a transaction's operations, chunking within that limit, building one transaction per
 * chunk, and reading each key's outcome back out of its response.
 *
 * Shape: one outer transaction per chunk, no compares of its own, whose success branch holds one
 * nested transaction per key (etcd ≥ 3.3). Each nested transaction carries that key's guards, so
 * every key succeeds or fails on its own, all of a chunk is applied at one revision, and the
 * response says per key what happened: no second read, no retry round.
 */
import type { IRequestOp, IResponseOp, ITxnRequest, ITxnResponse } from 'etcd3';
import type { Keys } from './keys';
import { encodeTakeoverMark, type LeaderRecord, markedLeaderValue, parseLeader } from './leadership';
import { toEntry } from './prefix-mirror';

/** etcd's `--max-txn-ops` default. */
export const DEFAULT_MAX_TXN_OPS = 128;

/**
 * The operation count etcd checks a transaction against, or Infinity if some nested transaction
 * does not fit. This is etcd's `checkTxnRequest` (server/etcdserver/api/v3rpc/key.go, the same
 * since nested transactions came in 3.3): a transaction counts
 * `max(len(compare), len(success), len(failure))`, not their sum, and each nested transaction
 * must fit, on its own, in what is left: `maxTxnOps - count(outer)`.
 */
export function txnOpCount(req: ITxnRequest, maxTxnOps: number): number {
  const opc = Math.max(req.compare?.length ?? 0, req.success?.length ?? 0, req.failure?.length ?? 0);
  if (opc > maxTxnOps) return Infinity;
  for (const op of [...(req.success ?? []), ...(req.failure ?? [])]) {
    if (op.request_txn && txnOpCount(op.request_txn, maxTxnOps - opc) === Infinity) return Infinity;
  }
  return opc;
}

/** Whether etcd with this `--max-txn-ops` accepts the transaction (as far as op counts go). */
export function fitsTxnOps(req: ITxnRequest, maxTxnOps: number): boolean {
  return txnOpCount(req, maxTxnOps) <= maxTxnOps;
}

/**
 * How many keys go in one outer transaction when each key's nested transaction counts
 * `perKeyOps`: n nested transactions count n in the outer one and leave `maxTxnOps - n` to each.
 */
export function keysPerTxn(maxTxnOps: number, perKeyOps: number): number {
  const n = maxTxnOps - perKeyOps;
  if (!Number.isInteger(maxTxnOps) || n < 1) {
    throw new RangeError(`maxTxnOps ${maxTxnOps} leaves no room for a key (each needs ${perKeyOps} + 1)`);
  }
  return n;
}

/** The items in runs of at most `size`, in order. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Each item with a distinct key once, in first-seen order (one txn must not put a key twice). */
export function distinctBy<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = keyOf(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The outer transaction: every nested one in its success branch, no compares. */
export function outerTxn(nested: ITxnRequest[]): ITxnRequest {
  return { compare: [], success: nested.map((t): IRequestOp => ({ request_txn: t })), failure: [] };
}

// ---- acquire ---------------------------------------------------------------------------------

/** Ops one key's acquire counts: 2 compares, 1 put, 2 reads on failure. */
export const ACQUIRE_OPS_PER_KEY = 2;

/** The holder found in a failed acquire; `problem` when its value cannot be read. */
export type Holder = LeaderRecord | { vip: string; problem: string; lease: string; revision: string };

export type BulkAcquireResult =
  /** Ours now. `revision` is the key's create revision: the fencing token. */
  | { vip: string; status: 'acquired'; revision: string }
  /** Someone holds it (possibly this node, under this or an older lease). Reported even when the
   *  spec is gone too: the holder is what a caller must wait for. */
  | { vip: string; status: 'held'; holder: Holder }
  /** No spec key: the VIP does not exist (or was just removed). Nothing was written. */
  | { vip: string; status: 'spec-missing' }
  /** The chunk's transaction failed or its answer was lost (deadline): the key may or may not be
   *  ours. Read etcd (the leaders mirror) before acting on it. */
  | { vip: string; status: 'unknown'; error: Error };

/** Each key's outcome from the outer transaction's response; `vips` in the order they were sent. */
export function acquireResults(vips: readonly string[], res: ITxnResponse): BulkAcquireResult[] {
  const revision = String(res.header.revision);
  return vips.map((vip, i): BulkAcquireResult => {
    const inner = nestedResponse(res.responses, i);
    if (inner === undefined) return { vip, status: 'unknown', error: malformed(vip) };
    if (inner.succeeded) return { vip, status: 'acquired', revision };
    const kv = inner.responses[0]?.response_range?.kvs[0];
    if (kv) {
      const parsed = parseLeader(vip, toEntry(kv));
      const holder: Holder =
        'problem' in parsed
          ? { vip, problem: parsed.problem, lease: String(kv.lease), revision: String(kv.create_revision) }
          : parsed;
      return { vip, status: 'held', holder };
    }
    const specCount = inner.responses[1]?.response_range?.count;
    if (specCount !== undefined && String(specCount) === '0') return { vip, status: 'spec-missing' };
    return { vip, status: 'unknown', error: malformed(vip) };
  });
}

// ---- takeover marks --------------------------------------------------------------------------

/** Ops one key's takeover mark counts: 1 compare, 2 puts. */
export const MARK_OPS_PER_KEY = 2;

export interface TakeoverMarkRequest {
  /** The silent holder: its node name and lease. Only keys still under this lease are marked. */
  from: { node: string; lease: string };
  /** This node, the taker. */
  by: string;
  /** A short lease of the taker's for the `takeovers/<vip>` keys (docs/etcd-keys.md). */
  markLeaseId: string;
  /** The leader keys to mark, with their current values (from the leaders mirror). */
  leaders: ReadonlyArray<{ vip: string; value: string }>;
}

/**
 * One key's mark, as docs/fast-takeover.md has it: if the leader key is still under the silent
 * holder's lease, put the same value plus `"takeover": {"by"}` under that same lease, and
 * `takeovers/<vip>` under the taker's mark lease.
 */
export function markTxn(
  keys: Keys,
  req: TakeoverMarkRequest,
  leader: { vip: string; value: string },
): ITxnRequest {
  const key = Buffer.from(keys.leader(leader.vip));
  const lease = req.from.lease;
  return {
    compare: [{ key, target: 'Lease', result: 'Equal', lease }],
    success: [
      {
        request_put: {
          key,
          value: Buffer.from(markedLeaderValue(leader.value, req.from.node, req.by)),
          lease,
        },
      },
      {
        request_put: {
          key: Buffer.from(keys.takeoverMark(leader.vip)),
          value: Buffer.from(encodeTakeoverMark({ by: req.by, from: req.from.node })),
          lease: req.markLeaseId,
        },
      },
    ],
    failure: [],
  };
}

export type BulkMarkResult =
  | { vip: string; status: 'marked' }
  /** The key is gone or under another lease: released, or already taken over. Nothing written. */
  | { vip: string; status: 'not-held' }
  | { vip: string; status: 'unknown'; error: Error };

/**
 * Takes one key's mark back (a takeover that stopped before its revoke): only while the key still
 * carries exactly this taker's mark under the silent holder's lease, the value it had before goes
 * back, and `takeovers/<vip>` goes. Counts like a mark.
 */
export function unmarkTxn(
  keys: Keys,
  req: Omit<TakeoverMarkRequest, 'markLeaseId'>,
  leader: { vip: string; value: string },
): ITxnRequest {
  const key = Buffer.from(keys.leader(leader.vip));
  const lease = req.from.lease;
  const marked = markedLeaderValue(leader.value, req.from.node, req.by);
  return {
    compare: [
      { key, target: 'Lease', result: 'Equal', lease },
      { key, target: 'Value', result: 'Equal', value: Buffer.from(marked) },
    ],
    success: [
      { request_put: { key, value: Buffer.from(leader.value), lease } },
      { request_delete_range: { key: Buffer.from(keys.takeoverMark(leader.vip)) } },
    ],
    failure: [],
  };
}

/** Each key's outcome of a bulk mark (or unmark: 'marked' then means taken back). */
export function markResults(vips: readonly string[], res: ITxnResponse): BulkMarkResult[] {
  return vips.map((vip, i): BulkMarkResult => {
    const inner = nestedResponse(res.responses, i);
    if (inner === undefined) return { vip, status: 'unknown', error: malformed(vip) };
    return inner.succeeded ? { vip, status: 'marked' } : { vip, status: 'not-held' };
  });
}

// ---- shared ----------------------------------------------------------------------------------

function nestedResponse(responses: readonly IResponseOp[] | undefined, i: number): ITxnResponse | undefined {
  return responses?.[i]?.response_txn ?? undefined;
}

function malformed(vip: string): Error {
  return new Error(`etcd's answer has no result for ${vip}`);
}
