/**
 * alive/<node> (docs/etcd-keys.md, docs/fast-takeover.md rule 5): touched by a node under its own
 * lease, every heartbeat interval, only while it misses some peer's beats. Readers watch for the
 * key changing (any put is a sign of life), never for its value.
 */
import type { Etcd3 } from 'etcd3';
import { callDeadline } from './etcd-client';
import { fromEtcdError } from './errors';
import type { Keys } from './keys';

/** The value of one touch: `{"seq"}`, a counter, so that every touch is a put with a new value. */
export function encodeAliveValue(seq: number): string {
  return JSON.stringify({ seq });
}

/** Puts alive/<node> with touch number `seq`, under the node's lease. */
export async function touchAlive(
  client: Etcd3,
  keys: Keys,
  node: string,
  seq: number,
  leaseId: string,
  callTimeoutMs: number,
): Promise<void> {
  try {
    await client.kv.put(
      { key: Buffer.from(keys.alive(node)), value: Buffer.from(encodeAliveValue(seq)), lease: leaseId },
      callDeadline(callTimeoutMs),
    );
  } catch (err) {
    throw fromEtcdError(`touch alive/${node}`, err, leaseId);
  }
}
