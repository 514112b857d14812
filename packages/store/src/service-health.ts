/**
 * service-health/<name>: what the director running a service's rules saw of its backends,
 * written by that node under its own lease (gone with it), and only when it changed. Read by the
 * coordinator for `service list|get` and turned into backend events for `vipadm watch`.
 */
import type { Etcd3 } from 'etcd3';
import { fromEtcdError } from './errors';
import type { Keys } from './keys';

export type BackendHealth = 'up' | 'down' | 'unknown';
/** backends: rules spread over healthy backends; sorry, none: no healthy backend (with and without a sorry server). */
export type ServiceServing = 'backends' | 'sorry' | 'none' | 'below_quorum';

export interface ServiceHealthRecord {
  node: string;
  serving: ServiceServing;
  /** By `ADDR:PORT`. connections: established ones through the director (NAT only; absent: unknown). */
  backends: Record<string, { health: BackendHealth; detail: string; connections?: number }>;
}

export function encodeServiceHealth(r: ServiceHealthRecord): string {
  return JSON.stringify({ node: r.node, serving: r.serving, backends: r.backends });
}

/** Leniently: a value that is not a record is undefined; unknown healths read as unknown. */
export function parseServiceHealth(value: string): ServiceHealthRecord | undefined {
  let v: unknown;
  try {
    v = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.node !== 'string') return undefined;
  const serving = ['backends', 'sorry', 'none', 'below_quorum'].includes(o.serving as string)
    ? (o.serving as ServiceServing)
    : 'none';
  const backends: ServiceHealthRecord['backends'] = {};
  if (typeof o.backends === 'object' && o.backends !== null) {
    for (const [target, b] of Object.entries(o.backends as Record<string, unknown>)) {
      const e = (typeof b === 'object' && b !== null ? b : {}) as Record<string, unknown>;
      const health = e.health === 'up' || e.health === 'down' ? e.health : 'unknown';
      const connections = typeof e.connections === 'number' && e.connections >= 0 ? e.connections : undefined;
      backends[target] = {
        health,
        detail: typeof e.detail === 'string' ? e.detail : '',
        ...(connections !== undefined && { connections }),
      };
    }
  }
  return { node: o.node, serving, backends };
}

/** Puts service-health/<name> under `lease` (the writer's node lease). */
export async function putServiceHealth(
  client: Etcd3,
  keys: Keys,
  service: string,
  record: ServiceHealthRecord,
  lease: string,
): Promise<void> {
  try {
    await client.kv.put({
      key: Buffer.from(keys.serviceHealth(service)),
      value: Buffer.from(encodeServiceHealth(record)),
      lease,
    });
  } catch (err) {
    throw fromEtcdError(`report health of service ${service}`, err);
  }
}

/** Deletes service-health/<name> if `node` wrote it (a newer director's report stays). */
export async function deleteServiceHealth(
  client: Etcd3,
  keys: Keys,
  service: string,
  node: string,
): Promise<void> {
  const key = Buffer.from(keys.serviceHealth(service));
  try {
    const res = await client.kv.range({ key });
    const kv = res.kvs[0];
    if (kv === undefined || parseServiceHealth(kv.value.toString())?.node !== node) return;
    await client.kv.txn({
      compare: [{ key, target: 'Mod', result: 'Equal', mod_revision: String(kv.mod_revision) }],
      success: [{ request_delete_range: { key } }],
      failure: [],
    });
  } catch (err) {
    throw fromEtcdError(`clear health of service ${service}`, err);
  }
}
