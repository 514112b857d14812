/**
 * Address pools: create, get, list, delete (pools/<name>, @vipd/store pool-spec.ts), and the
 * choice of a VIP's address from one. Every write is one guarded transaction, read and checked
 * again a bounded number of times when a concurrent write wins.
 */
import { status as Status } from '@grpc/grpc-js';
import {
  createPoolTxn,
  deletePoolTxn,
  lowestFree,
  overlapOf,
  parsePoolSpec,
  POOL_NAME_RE,
  poolContains,
  poolRanges,
  poolSize,
  type PoolSpec,
  runGuardedTxn,
} from '@vipd/store';
import type * as api from '@vipd/proto';
import type { Context } from './context';
import { ApiError, notFound, precondition } from './errors';
import { advertiseHost, checkName } from './spec-convert';
import { readSnapshot, type Snapshot, type StoredPool } from './state';

const WRITE_ATTEMPTS = 5;

export function poolName(name: string | undefined): string {
  return checkName(
    'name',
    name,
    POOL_NAME_RE,
    'must be lower-case letters, digits and "-", at most 63 characters',
  );
}

export function poolFromMsg(msg: api.PoolSpec | null | undefined): PoolSpec {
  return parsePoolSpec({
    name: msg?.name ?? '',
    addresses: msg?.addresses ?? [],
    vipPrefix4: msg?.vip_prefix_v4 ?? 0,
    vipPrefix6: msg?.vip_prefix_v6 ?? 0,
  });
}

/** Every address the cluster uses, that no pool may give out: the VIPs' and the nodes' own. */
export function usedAddresses(snap: Snapshot): string[] {
  const vips = [...snap.vips.values()].flatMap((v) => (v.spec ? [v.spec.address] : []));
  const nodes = [...snap.nodes.values()].flatMap((n) => advertiseHost(n.info.advertise) ?? []);
  return [...vips, ...nodes];
}

/** The VIPs whose address is in the pool, by name. */
export function vipsIn(spec: PoolSpec, snap: Snapshot): string[] {
  return [...snap.vips.values()]
    .filter((v) => v.spec && poolContains(spec, v.spec.address))
    .map((v) => v.name)
    .sort();
}

function poolMsg(spec: PoolSpec, revision: string, snap: Snapshot): api.Pool__Output {
  const next = lowestFree(spec, usedAddresses(snap));
  return {
    spec: {
      name: spec.name,
      addresses: spec.addresses,
      vip_prefix_v4: spec.vipPrefix4,
      vip_prefix_v6: spec.vipPrefix6,
    },
    revision,
    size: poolSize(spec).toString(),
    vips: vipsIn(spec, snap),
    next: next?.address ?? '',
  };
}

/** The stored pool, or NOT_FOUND; FAILED_PRECONDITION when its stored value is invalid. */
export function requirePool(snap: Snapshot, name: string): StoredPool & { spec: PoolSpec } {
  const stored = snap.pools.get(name);
  if (!stored) throw notFound(`pool ${name} not found`);
  if (!stored.spec)
    throw precondition(`pool ${name}: the stored value is invalid (${stored.problem ?? '?'})`);
  return stored as StoredPool & { spec: PoolSpec };
}

export async function createPool(
  ctx: Context,
  msg: api.PoolSpec | null | undefined,
): Promise<api.Pool__Output> {
  const spec = poolFromMsg(msg);
  for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
    const snap = await readSnapshot(ctx.client, ctx.keys);
    const existing = snap.pools.get(spec.name);
    if (existing) {
      throw new ApiError(
        Status.ALREADY_EXISTS,
        `pool ${spec.name} already exists (revision ${existing.modRevision})`,
      );
    }
    const mine = poolRanges(spec);
    for (const other of snap.pools.values()) {
      const clash = other.spec && overlapOf(mine, poolRanges(other.spec));
      if (clash) {
        throw new ApiError(
          Status.INVALID_ARGUMENT,
          `addresses: ${clash[0].text} overlaps pool ${other.name}'s ${clash[1].text}`,
        );
      }
    }
    const res = await runGuardedTxn(
      ctx.client,
      createPoolTxn(ctx.keys, spec, snap.revision),
      `create pool ${spec.name}`,
    );
    if (res.written) {
      ctx.log.info({ pool: spec.name, revision: res.revision, addresses: spec.addresses }, 'pool created');
      return poolMsg(spec, res.revision, snap);
    }
  }
  throw new ApiError(
    Status.ABORTED,
    `pool ${spec.name}: pools/ kept changing during ${WRITE_ATTEMPTS} attempts; retry`,
  );
}

export async function getPool(ctx: Context, name: string | undefined): Promise<api.Pool__Output> {
  const n = poolName(name);
  const snap = await readSnapshot(ctx.client, ctx.keys);
  const stored = requirePool(snap, n);
  return poolMsg(stored.spec, stored.modRevision, snap);
}

export async function listPools(ctx: Context): Promise<api.Pool__Output[]> {
  const snap = await readSnapshot(ctx.client, ctx.keys);
  const out: api.Pool__Output[] = [];
  for (const stored of [...snap.pools.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    if (stored.spec) out.push(poolMsg(stored.spec, stored.modRevision, snap));
    else ctx.log.warn({ pool: stored.name, problem: stored.problem }, 'invalid pool skipped');
  }
  return out;
}

/** Refused while a VIP's address is in the pool (those VIPs keep working without it, but say so). */
export async function deletePool(ctx: Context, name: string | undefined): Promise<void> {
  const n = poolName(name);
  for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
    const snap = await readSnapshot(ctx.client, ctx.keys);
    const stored = snap.pools.get(n);
    if (!stored) throw notFound(`pool ${n} not found`);
    const users = stored.spec ? vipsIn(stored.spec, snap) : [];
    if (users.length > 0) {
      throw precondition(
        `pool ${n} is in use by ${users.length} VIP${users.length > 1 ? 's' : ''} (${users.join(', ')}); delete them first`,
      );
    }
    const txn = deletePoolTxn(ctx.keys, n, stored.modRevision, snap.revision);
    const res = await runGuardedTxn(ctx.client, txn, `delete pool ${n}`);
    if (res.written) {
      ctx.log.info({ pool: n, revision: res.revision }, 'pool deleted');
      return;
    }
  }
  throw new ApiError(
    Status.ABORTED,
    `pool ${n}: vips/ kept changing during ${WRITE_ATTEMPTS} attempts; retry`,
  );
}
