/**
 * Per-VIP leadership: `leaders/<vip>` is created in a transaction only if absent, under the
 * holder's node lease. Its create revision is the fencing token.
 */
import type { Etcd3, ICompare, ITxnRequest } from 'etcd3';
import { callDeadline } from './etcd-client';
import { prefixEnd } from './prefix-mirror';
import { fromEtcdError } from './errors';
import type { Keys } from './keys';
import type { MirrorEntry } from './prefix-mirror';

export interface LeaderRecord {
  vip: string;
  node: string;
  /** The holder's lease id (etcd decimal string). */
  lease: string;
  /** Fencing token: the create revision of the leader key. */
  revision: string;
  /** Set by a peer that took this VIP over from a silent holder (fast takeover). */
  takeover?: { by: string };
}

/** A leader value as vipd writes it: `{"node"}`, the holder's name. */
export function encodeLeaderValue(node: string): string {
  return JSON.stringify({ node });
}

/**
 * The value of a leader key, pure: the holder's node and, once a taker marked it, the marker;
 * `problem` when it is not ours to trust (not JSON, or no node).
 */
export function parseLeaderValue(
  value: string,
): { node: string; takeover?: { by: string } } | { problem: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return { problem: 'leader value is not JSON' };
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    typeof (parsed as { node?: unknown }).node !== 'string'
  ) {
    return { problem: 'leader value has no node' };
  }
  const v = parsed as { node: string; takeover?: { by?: unknown } };
  const takeover = typeof v.takeover?.by === 'string' ? { by: v.takeover.by } : undefined;
  return { node: v.node, ...(takeover ? { takeover } : {}) };
}

/** Reads a leader entry from the mirror; undefined (and the reason) when it is not ours to trust. */
export function parseLeader(vip: string, entry: MirrorEntry): LeaderRecord | { problem: string } {
  const v = parseLeaderValue(entry.value);
  if ('problem' in v) return v;
  return {
    vip,
    node: v.node,
    lease: entry.lease,
    revision: entry.createRevision,
    ...(v.takeover ? { takeover: v.takeover } : {}),
  };
}

/**
 * The leader value with a taker's marker added (docs/fast-takeover.md): the holder's fields kept,
 * plus `"takeover": {"by"}`. A value that is not a JSON object becomes `{"node": fromNode}` first.
 */
export function markedLeaderValue(value: string, fromNode: string, by: string): string {
  let v: unknown;
  try {
    v = JSON.parse(value);
  } catch {
    v = undefined;
  }
  const base =
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : { node: fromNode };
  return JSON.stringify({ ...base, takeover: { by } });
}

export type AcquireResult = { acquired: true; revision: string } | { acquired: false };

/**
 * One key's acquire (alone, or nested in a bulk one: bulk-txn.ts): the leader key is absent
 * (create revision 0) and the VIP's spec exists (version > 0). On failure it reads the leader
 * key (who holds it) and counts the spec key (whether it is gone), in the same transaction, so
 * the answer matches the compare that failed.
 */
export function acquireTxn(keys: Keys, vip: string, node: string, leaseId: string): ITxnRequest {
  const key = Buffer.from(keys.leader(vip));
  const spec = Buffer.from(keys.vip(vip));
  const compare: ICompare[] = [
    { key, target: 'Create', result: 'Equal', create_revision: 0 },
    { key: spec, target: 'Version', result: 'Greater', version: 0 },
  ];
  return {
    compare,
    success: [{ request_put: { key, value: Buffer.from(encodeLeaderValue(node)), lease: leaseId } }],
    failure: [{ request_range: { key } }, { request_range: { key: spec, count_only: true } }],
  };
}

/** Creates the leader key if absent, under `leaseId`. The txn's revision is the fencing token. */
export async function acquireLeadership(
  client: Etcd3,
  keys: Keys,
  vip: string,
  node: string,
  leaseId: string,
  callTimeoutMs: number,
): Promise<AcquireResult> {
  try {
    const res = await client.kv.txn(acquireTxn(keys, vip, node, leaseId), callDeadline(callTimeoutMs));
    return res.succeeded ? { acquired: true, revision: String(res.header.revision) } : { acquired: false };
  } catch (err) {
    throw fromEtcdError(`acquire ${vip}`, err, leaseId);
  }
}

/** Deletes the leader key only if it is still the one with this fencing revision. */
export async function releaseLeadership(
  client: Etcd3,
  keys: Keys,
  vip: string,
  revision: string,
  callTimeoutMs: number,
): Promise<boolean> {
  const key = Buffer.from(keys.leader(vip));
  try {
    const res = await client.kv.txn(
      {
        compare: [{ key, target: 'Create', result: 'Equal', create_revision: revision }],
        success: [{ request_delete_range: { key } }],
        failure: [],
      },
      callDeadline(callTimeoutMs),
    );
    return res.succeeded;
  } catch (err) {
    throw fromEtcdError(`release ${vip}`, err);
  }
}

/**
 * Whether etcd itself (a linearizable read, not the watch mirror) still shows this node's leader
 * key for the VIP: the same fencing revision, under `leaseId`, not marked taken over. A peer's
 * word that it holds the VIP with a newer revision is only a hint until this says false.
 */
export async function holdsLeadership(
  client: Etcd3,
  keys: Keys,
  vip: string,
  node: string,
  leaseId: string,
  revision: string,
  callTimeoutMs: number,
): Promise<boolean> {
  const key = keys.leader(vip);
  try {
    const res = await client.kv.range({ key: Buffer.from(key) }, callDeadline(callTimeoutMs));
    const kv = res.kvs[0];
    if (!kv) return false;
    const parsed = parseLeader(vip, {
      key,
      value: kv.value.toString(),
      createRevision: String(kv.create_revision),
      modRevision: String(kv.mod_revision),
      lease: String(kv.lease),
    });
    return (
      !('problem' in parsed) &&
      parsed.node === node &&
      parsed.lease === leaseId &&
      parsed.revision === revision &&
      parsed.takeover === undefined
    );
  } catch (err) {
    throw fromEtcdError(`read leader of ${vip}`, err, leaseId);
  }
}

/** A takeovers/<vip> value: the taker (`by`) and the silent holder it took the VIP from. */
export function encodeTakeoverMark(mark: { by: string; from: string }): string {
  return JSON.stringify({ by: mark.by, from: mark.from });
}

/** The VIPs that takeovers/ names now: recent takeovers (each key lives a few seconds). */
export async function readTakeoverMarks(client: Etcd3, keys: Keys, callTimeoutMs: number): Promise<string[]> {
  const prefix = keys.takeoversPrefix;
  try {
    const res = await client.kv.range(
      { key: Buffer.from(prefix), range_end: prefixEnd(prefix) },
      callDeadline(callTimeoutMs),
    );
    return res.kvs.map((kv) => kv.key.toString().slice(prefix.length));
  } catch (err) {
    throw fromEtcdError('read takeovers', err);
  }
}

/**
 * Grants the short lease a taker puts its takeovers/<vip> keys under (markTakeoverMany), and
 * returns its id. etcd cannot end it earlier than `ttlSeconds` after this call was sent.
 */
export async function grantTakeoverMarkLease(
  client: Etcd3,
  ttlSeconds: number,
  callTimeoutMs: number,
): Promise<string> {
  try {
    const res = await client.leaseClient.leaseGrant({ TTL: ttlSeconds }, callDeadline(callTimeoutMs));
    return String(res.ID);
  } catch (err) {
    throw fromEtcdError('grant a takeover mark lease', err);
  }
}

/**
 * Revokes another node's lease (a silent holder's, once its keys are marked: docs/fast-takeover.md),
 * and with it every key under it. A lease already gone throws LeaseLostError. Any other failure
 * may hide a revoke that landed (the answer was lost): `leaseGone` tells.
 */
export async function revokeLease(client: Etcd3, leaseId: string, callTimeoutMs: number): Promise<void> {
  try {
    await client.leaseClient.leaseRevoke({ ID: leaseId }, callDeadline(callTimeoutMs));
  } catch (err) {
    throw fromEtcdError(`revoke lease ${leaseId}`, err, leaseId);
  }
}

/**
 * Whether etcd no longer knows the lease (revoked or expired): true or false, or undefined when
 * it cannot tell (the call failed).
 */
export async function leaseGone(
  client: Etcd3,
  leaseId: string,
  callTimeoutMs: number,
): Promise<boolean | undefined> {
  try {
    const left = await client.leaseClient.leaseTimeToLive(
      { ID: leaseId, keys: false },
      callDeadline(callTimeoutMs),
    );
    return !(Number(left.TTL) > 0);
  } catch {
    return undefined;
  }
}
