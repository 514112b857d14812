/**
 * The small JSON records of docs/etcd-keys.md other than VIP specs and leader keys: node
 * registrations, drain switches and pins. Encoders and readers are pure; a bad value yields
 * undefined (the caller logs and skips it, never crashes). Beside them, the coordinator's writes
 * of drain/ and pins/: each one call, under the client's own per-call deadline
 * (createEtcdClient's callTimeoutMs, fresh on each attempt), etcd's errors mapped by fromEtcdError.
 */
import type { Etcd3, ITxnRequest } from 'etcd3';
import { fromEtcdError } from './errors';
import type { Keys } from './keys';
import type { NodeInfo } from './ranking';

/** drain/<node>: present means the node gives up and takes no VIP. */
export interface DrainRecord {
  at: string;
  by: string;
}

/** pins/<vip>: the node a planned switchover named. */
export interface PinRecord {
  node: string;
  at: string;
  by: string;
}

/** nodes/<node> as its node's vipd writes it: the registration as given. */
export function encodeNodeInfo(info: NodeInfo): string {
  return JSON.stringify(info);
}

/** The longest reason nodes/<node>'s `unreadyWhy` carries for one VIP, in characters. */
export const MAX_REASON_CHARS = 200;

/** One reason as published: at most MAX_REASON_CHARS, a longer one cut and ending in `…`. */
export function boundReason(why: string): string {
  return why.length <= MAX_REASON_CHARS ? why : `${why.slice(0, MAX_REASON_CHARS - 1)}…`;
}

/** nodes/<node>, leniently: missing optional fields take their empty values. */
export function parseNodeInfo(name: string, value: string): NodeInfo | undefined {
  const v = parseObject(value);
  if (v === undefined) return undefined;
  const unready = Array.isArray(v.unready) ? v.unready.filter((x): x is string => typeof x === 'string') : [];
  return {
    name,
    advertise: typeof v.advertise === 'string' ? v.advertise : '',
    labels: isStringRecord(v.labels) ? v.labels : {},
    drained: v.drained === true,
    unready,
    ...(isObject(v.unreadyWhy) ? { unreadyWhy: reasonsOf(v.unreadyWhy, unready) } : {}),
    ...(isStringRecord(v.checks) ? { checks: v.checks } : {}),
    ...(isStringRecord(v.bgp) ? { bgp: v.bgp } : {}),
  };
}

export function parseDrainRecord(value: string): DrainRecord | undefined {
  const v = parseObject(value);
  if (v === undefined) return undefined;
  return { at: typeof v.at === 'string' ? v.at : '', by: typeof v.by === 'string' ? v.by : '' };
}

/** A drain/<node> value: `{"at", "by"}`. */
export function encodeDrainRecord(record: DrainRecord): string {
  return JSON.stringify({ at: record.at, by: record.by });
}

/** A pins/<vip> value: `{"node", "at", "by"}`. */
export function encodePinRecord(pin: PinRecord): string {
  return JSON.stringify({ node: pin.node, at: pin.at, by: pin.by });
}

/** A pin without a node name is no pin. */
export function parsePinRecord(value: string): PinRecord | undefined {
  const v = parseObject(value);
  if (v === undefined || typeof v.node !== 'string' || v.node === '') return undefined;
  return { node: v.node, at: typeof v.at === 'string' ? v.at : '', by: typeof v.by === 'string' ? v.by : '' };
}

/** Puts drain/<node> only if absent (a drain already there keeps its time and author). */
export function drainTxn(keys: Keys, node: string, record: DrainRecord): ITxnRequest {
  const key = Buffer.from(keys.drain(node));
  return {
    compare: [{ key, target: 'Create', result: 'Equal', create_revision: 0 }],
    success: [{ request_put: { key, value: Buffer.from(encodeDrainRecord(record)) } }],
    failure: [],
  };
}

/** Drains a node (drainTxn). Resolves whether this call wrote the key (false: it was there). */
export async function putDrain(
  client: Etcd3,
  keys: Keys,
  node: string,
  record: DrainRecord,
): Promise<boolean> {
  try {
    return (await client.kv.txn(drainTxn(keys, node, record))).succeeded;
  } catch (err) {
    throw fromEtcdError(`drain ${node}`, err);
  }
}

/** Undrains a node: deletes drain/<node> (nothing happens when it is absent). */
export async function deleteDrain(client: Etcd3, keys: Keys, node: string): Promise<void> {
  try {
    await client.kv.deleteRange({ key: Buffer.from(keys.drain(node)) });
  } catch (err) {
    throw fromEtcdError(`undrain ${node}`, err);
  }
}

/**
 * Puts pins/<vip> only while vips/<vip> is unchanged since it was read at `specModRevision`:
 * the caller checked the pin against that spec (the node is eligible), so a spec changed or
 * deleted meanwhile fails it.
 */
export function pinTxn(keys: Keys, vip: string, pin: PinRecord, specModRevision: string): ITxnRequest {
  return {
    compare: [
      { key: Buffer.from(keys.vip(vip)), target: 'Mod', result: 'Equal', mod_revision: specModRevision },
    ],
    success: [{ request_put: { key: Buffer.from(keys.pin(vip)), value: Buffer.from(encodePinRecord(pin)) } }],
    failure: [],
  };
}

/** Pins a VIP (pinTxn): `pinned` false when the spec changed since `specModRevision`. */
export async function putPin(
  client: Etcd3,
  keys: Keys,
  vip: string,
  pin: PinRecord,
  specModRevision: string,
): Promise<{ pinned: true; revision: string } | { pinned: false }> {
  try {
    const res = await client.kv.txn(pinTxn(keys, vip, pin, specModRevision));
    return res.succeeded ? { pinned: true, revision: String(res.header.revision) } : { pinned: false };
  } catch (err) {
    throw fromEtcdError(`pin ${vip}`, err);
  }
}

/**
 * Deletes pins/<vip> while vips/<vip> exists, returning the deleted pin (prev_kv). The VIP's spec
 * and leader key are not touched: the holder keeps it, and ranking without the pin decides.
 */
export function unpinTxn(keys: Keys, vip: string): ITxnRequest {
  return {
    compare: [{ key: Buffer.from(keys.vip(vip)), target: 'Create', result: 'Greater', create_revision: 0 }],
    success: [{ request_delete_range: { key: Buffer.from(keys.pin(vip)), prev_kv: true } }],
    failure: [],
  };
}

/**
 * Unpins a VIP (unpinTxn). `found` false when vips/<vip> does not exist; `pin` the record
 * deleted (undefined: there was none, or it was not a valid pin).
 */
export async function deletePin(
  client: Etcd3,
  keys: Keys,
  vip: string,
): Promise<{ found: false } | { found: true; pin: PinRecord | undefined; revision: string }> {
  try {
    const res = await client.kv.txn(unpinTxn(keys, vip));
    if (!res.succeeded) return { found: false };
    const prev = res.responses[0]?.response_delete_range?.prev_kvs?.[0];
    const pin = prev ? parsePinRecord(prev.value.toString()) : undefined;
    return { found: true, pin, revision: String(res.header.revision) };
  } catch (err) {
    throw fromEtcdError(`unpin ${vip}`, err);
  }
}

function parseObject(value: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(value);
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A reason for each VIP of `unready` that has a string one, bounded (boundReason). */
function reasonsOf(why: Record<string, unknown>, unready: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const vip of unready) {
    const r = why[vip];
    if (typeof r === 'string') out[vip] = boundReason(r);
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStringRecord(v: unknown): v is Record<string, string> {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    Object.values(v as Record<string, unknown>).every((x) => typeof x === 'string')
  );
}
