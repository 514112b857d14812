/**
 * keys/beat: the cluster's heartbeat key. Every vipd signs its beats with it (HMAC-SHA256,
 * packages/heartbeat beat-auth.ts), so nobody without read access to the cluster's prefix in
 * etcd can speak for a node. The first vipd of a cluster creates it (32 random bytes) in one
 * create-if-absent transaction that also returns the key when it already exists; every vipd
 * reads it at start and watches it for rotation. No lease: it outlives every node.
 *
 * Value: `{"alg":"HMAC-SHA256","key":"<base64>"}`. The key is a secret: nothing here puts it
 * in a log line or an error message.
 */
import { randomBytes } from 'node:crypto';
import type { Etcd3, IRangeResponse } from 'etcd3';
import { callDeadline } from './etcd-client';
import { fromEtcdError, InvalidBeatKeyError } from './errors';
import type { Keys } from './keys';

export const BEAT_KEY_BYTES = 32;
const ALG = 'HMAC-SHA256';

export function encodeBeatKey(key: Buffer): string {
  return JSON.stringify({ alg: ALG, key: key.toString('base64') });
}

/** The key bytes of a keys/beat value; undefined if it is not one (bad JSON, short key, other alg). */
export function parseBeatKey(value: string): Buffer | undefined {
  let v: unknown;
  try {
    v = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const { alg, key } = v as { alg?: unknown; key?: unknown };
  if (alg !== ALG || typeof key !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(key)) return undefined;
  const bytes = Buffer.from(key, 'base64');
  return bytes.length >= BEAT_KEY_BYTES ? bytes : undefined;
}

export interface BeatKeyRead {
  key: Buffer;
  /** This call created it. */
  created: boolean;
}

/**
 * Returns the cluster's beat key, creating it if absent: one transaction (create revision 0 →
 * put a fresh key; else read the one there). Throws InvalidBeatKeyError if the value there is
 * not a beat key, a StoreError if etcd fails.
 */
export async function ensureBeatKey(
  client: Etcd3,
  keys: Keys,
  callTimeoutMs: number,
  fresh: () => Buffer = () => randomBytes(BEAT_KEY_BYTES),
): Promise<BeatKeyRead> {
  const name = keys.beatKey;
  const key = Buffer.from(name);
  const candidate = fresh();
  let res;
  try {
    res = await client.kv.txn(
      {
        compare: [{ key, target: 'Create', result: 'Equal', create_revision: 0 }],
        success: [{ request_put: { key, value: Buffer.from(encodeBeatKey(candidate)) } }],
        failure: [{ request_range: { key } }],
      },
      callDeadline(callTimeoutMs),
    );
  } catch (err) {
    throw fromEtcdError('read or create the beat key', err);
  }
  if (res.succeeded) return { key: candidate, created: true };
  const kv = (res.responses[0]?.response_range as IRangeResponse | undefined)?.kvs[0];
  const parsed = kv ? parseBeatKey(kv.value.toString()) : undefined;
  if (!kv || !parsed) throw new InvalidBeatKeyError(name);
  return { key: parsed, created: false };
}
