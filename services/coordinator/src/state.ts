/**
 * The cluster as etcd holds it, read in one transaction (one revision: readPrefixes) so every
 * answer is self-consistent. The coordinator's reads and writes are @vipd/store's, which throw
 * store errors (transient → UNAVAILABLE at the API); a watch it starts itself goes through
 * etcdCall for the same mapping.
 */
import type { Etcd3 } from 'etcd3';
import {
  type DrainRecord,
  fromEtcdError,
  Keys,
  type LeaderRecord,
  type MirrorEntry,
  type NodeInfo,
  parseDrainRecord,
  parseLeader,
  parseNodeInfo,
  parsePinRecord,
  parseServiceHealth,
  parseServiceSpecJson,
  parseVipSpecJson,
  parsePoolSpecJson,
  type PoolSpec,
  type PinRecord,
  readPrefixes,
  type ServiceHealthRecord,
  type ServiceSpec,
  type VipSpec,
} from '@vipd/store';

export interface StoredVip {
  name: string;
  /** Undefined when the stored value is invalid (problem says why). */
  spec?: VipSpec;
  problem?: string;
  /** The stored JSON text. */
  value: string;
  modRevision: string;
  createRevision: string;
}

export interface StoredService {
  name: string;
  /** Undefined when the stored value is invalid (problem says why). */
  spec?: ServiceSpec;
  problem?: string;
  value: string;
  modRevision: string;
}

export interface StoredPool {
  name: string;
  /** Undefined when the stored value is invalid (problem says why). */
  spec?: PoolSpec;
  problem?: string;
  modRevision: string;
}

export interface StoredNode {
  info: NodeInfo;
  lease: string;
}

export interface Snapshot {
  revision: string;
  vips: Map<string, StoredVip>;
  nodes: Map<string, StoredNode>;
  leaders: Map<string, LeaderRecord>;
  drains: Map<string, DrainRecord>;
  pins: Map<string, PinRecord>;
  services: Map<string, StoredService>;
  serviceHealth: Map<string, ServiceHealthRecord>;
  pools: Map<string, StoredPool>;
}

/** Runs one etcd call (a watch's start); whatever the client throws becomes a StoreError. */
export async function etcdCall<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw fromEtcdError(operation, err);
  }
}

/** Reads vips/, nodes/, leaders/, drain/, pins/, services/, service-health/ and pools/ at one revision. */
export async function readSnapshot(client: Etcd3, keys: Keys): Promise<Snapshot> {
  const prefixes = [
    keys.vipsPrefix,
    keys.nodesPrefix,
    keys.leadersPrefix,
    keys.drainPrefix,
    keys.pinsPrefix,
    keys.servicesPrefix,
    keys.serviceHealthPrefix,
    keys.poolsPrefix,
  ];
  const read = await readPrefixes(client, prefixes, 'read cluster state');
  const entriesUnder = (i: number): [string, MirrorEntry][] =>
    (read.entries[i] ?? []).flatMap((entry) => {
      const name = Keys.nameUnder(prefixes[i]!, entry.key);
      return name === undefined ? [] : [[name, entry] as [string, MirrorEntry]];
    });
  const snap: Snapshot = {
    revision: read.revision,
    vips: new Map(),
    nodes: new Map(),
    leaders: new Map(),
    drains: new Map(),
    pins: new Map(),
    services: new Map(),
    serviceHealth: new Map(),
    pools: new Map(),
  };
  for (const [name, e] of entriesUnder(0)) snap.vips.set(name, storedVip(name, e));
  for (const [name, e] of entriesUnder(1)) {
    const info = parseNodeInfo(name, e.value);
    if (info) snap.nodes.set(name, { info, lease: e.lease });
  }
  for (const [name, e] of entriesUnder(2)) {
    const leader = parseLeader(name, e);
    if (!('problem' in leader)) snap.leaders.set(name, leader);
  }
  for (const [name, e] of entriesUnder(3)) {
    snap.drains.set(name, parseDrainRecord(e.value) ?? { at: '', by: '' });
  }
  for (const [name, e] of entriesUnder(4)) {
    const pin = parsePinRecord(e.value);
    if (pin) snap.pins.set(name, pin);
  }
  for (const [name, e] of entriesUnder(5)) snap.services.set(name, storedService(name, e));
  for (const [name, e] of entriesUnder(6)) {
    const health = parseServiceHealth(e.value);
    if (health) snap.serviceHealth.set(name, health);
  }
  for (const [name, e] of entriesUnder(7)) snap.pools.set(name, storedPool(name, e));
  return snap;
}

export function storedPool(name: string, e: MirrorEntry): StoredPool {
  try {
    return { name, modRevision: e.modRevision, spec: parsePoolSpecJson(e.value, name) };
  } catch (err) {
    return { name, modRevision: e.modRevision, problem: (err as Error).message };
  }
}

export function storedService(name: string, e: MirrorEntry): StoredService {
  const base = { name, value: e.value, modRevision: e.modRevision };
  try {
    return { ...base, spec: parseServiceSpecJson(e.value, name) };
  } catch (err) {
    return { ...base, problem: (err as Error).message };
  }
}

export function storedVip(name: string, e: MirrorEntry): StoredVip {
  const base = { name, value: e.value, modRevision: e.modRevision, createRevision: e.createRevision };
  try {
    return { ...base, spec: parseVipSpecJson(e.value, name) };
  } catch (err) {
    return { ...base, problem: (err as Error).message };
  }
}
