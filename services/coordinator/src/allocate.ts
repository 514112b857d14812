/**
 * CreateVip with a pool: the VIP takes the lowest address of the pool that no VIP (and no
 * node) uses, in the one transaction that creates it (allocateVipTxn: vips/<name> absent, no
 * key under vips/ changed since the read the address was picked from, the pool unchanged).
 * Concurrent adds from one pool all pick the same address; one wins, the others read again and
 * pick the next. Attempts are bounded (with a short random pause between them, so that twenty
 * at once spread out) and the last failure is ABORTED, never a duplicate address.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { status as Status } from '@grpc/grpc-js';
import { allocateVipTxn, lowestFree, poolSize, runGuardedTxn } from '@vipd/store';
import type * as api from '@vipd/proto';
import type { Context } from './context';
import { ApiError, invalid } from './errors';
import { poolName, requirePool, usedAddresses } from './pools';
import { checkAgainstCluster, specFromMsg } from './spec-convert';
import { readSnapshot } from './state';
import { vipMsg } from './vips';

/** Enough for 40 adds racing on one pool: each round, at least one of them lands. */
export const ALLOCATE_ATTEMPTS = 40;
const PAUSE_MS = 25;

function familyOf(text: string | undefined): 4 | 6 | undefined {
  if (text === undefined || text === '') return undefined;
  if (text === 'ipv4') return 4;
  if (text === 'ipv6') return 6;
  throw invalid(`pool_family: ${JSON.stringify(text)} must be ipv4 or ipv6 (or empty)`);
}

export async function createVipFromPool(ctx: Context, req: api.CreateVipRequest): Promise<api.Vip__Output> {
  const pool = poolName(req.pool);
  if (req.spec?.address) throw invalid('give spec.address or pool, not both');
  const family = familyOf(req.pool_family);
  // Validates everything but the address before anything is read.
  const name = specFromMsg({
    ...req.spec,
    address: family === 6 ? '2001:db8::1/128' : '198.51.100.1/32',
  }).name;
  for (let attempt = 1; attempt <= ALLOCATE_ATTEMPTS; attempt++) {
    const snap = await readSnapshot(ctx.client, ctx.keys);
    const stored = requirePool(snap, pool);
    const existing = snap.vips.get(name);
    if (existing) {
      throw new ApiError(
        Status.ALREADY_EXISTS,
        `vip ${name} already exists (revision ${existing.modRevision})`,
      );
    }
    const free = lowestFree(stored.spec, usedAddresses(snap), family);
    if (!free) {
      const size = poolSize(stored.spec);
      throw new ApiError(
        Status.FAILED_PRECONDITION,
        family === undefined
          ? `pool ${pool} is full: all its ${size} addresses are in use`
          : `pool ${pool} has no free ipv${family} address (${size} addresses in all)`,
      );
    }
    const spec = specFromMsg({ ...req.spec, address: `${free.address}/${free.prefixLen}` });
    checkAgainstCluster(spec, snap);
    const txn = allocateVipTxn(
      ctx.keys,
      spec,
      { name: pool, modRevision: stored.modRevision },
      snap.revision,
    );
    const res = await runGuardedTxn(ctx.client, txn, `create vip ${name} from pool ${pool}`);
    if (res.written) {
      ctx.log.info(
        { vip: name, pool, revision: res.revision, address: `${spec.address}/${spec.prefixLen}`, attempt },
        'vip created from pool',
      );
      return vipMsg(spec, res.revision, snap);
    }
    ctx.log.debug({ vip: name, pool, attempt }, 'vips/ or the pool changed during the allocation; again');
    await sleep(Math.random() * PAUSE_MS);
  }
  throw new ApiError(
    Status.ABORTED,
    `vip ${name}: vips/ kept changing during ${ALLOCATE_ATTEMPTS} attempts to take an address from pool ${pool}; retry`,
  );
}
