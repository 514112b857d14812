/**
 * VIP specs: create, update, get, list, delete. Writes are one etcd transaction each
 * (writeVipSpec and deleteVipSpec in @vipd/store), guarded so that no check is stale when the
 * write lands:
 * - the key itself: create-if-absent (create_revision = 0) or unchanged since read
 *   (mod_revision = what we validated against);
 * - the whole vips/ range: every key's mod_revision below our read revision + 1, so a VIP
 *   created or changed meanwhile (perhaps with the same address) fails the txn. We then
 *   read again and re-validate, a bounded number of times.
 */
import { status as Status } from '@grpc/grpc-js';
import { deleteVipSpec, VIP_NAME_RE, type VipSpec, writeVipSpec } from '@vipd/store';
import type * as api from '@vipd/proto';
import type { Context } from './context';
import { ApiError, notFound, precondition } from './errors';
import { leaderKeyVip } from './groups';
import { vipPriorities } from './priorities';
import {
  checkAgainstCluster,
  checkName,
  checkRevision,
  fieldsBeyondApi,
  specFromMsg,
  specToMsg,
} from './spec-convert';
import { readSnapshot, type Snapshot, type StoredVip } from './state';

const WRITE_ATTEMPTS = 5;

export function vipName(name: string | undefined): string {
  return checkName(
    'name',
    name,
    VIP_NAME_RE,
    'must be lower-case letters, digits and "-", at most 63 characters',
  );
}

export function vipMsg(spec: VipSpec, revision: string, snap: Snapshot): api.Vip__Output {
  // A group's member is held where its lead is (groups.ts).
  const leader = snap.leaders.get(leaderKeyVip(spec, snap));
  return {
    spec: specToMsg(spec),
    revision,
    holder: leader?.node ?? '',
    fencing_revision: leader?.revision ?? '',
    pinned_to: snap.pins.get(spec.name)?.node ?? '',
    priorities: vipPriorities(spec, snap),
  };
}

/** The stored VIP, or NOT_FOUND; FAILED_PRECONDITION when its stored value is invalid. */
export function requireVip(snap: Snapshot, name: string): StoredVip & { spec: VipSpec } {
  const stored = snap.vips.get(name);
  if (!stored) throw notFound(`vip ${name} not found`);
  if (!stored.spec) {
    throw precondition(
      `vip ${name}: the stored spec is invalid (${stored.problem ?? '?'}); replace it with UpdateVip`,
    );
  }
  return stored as StoredVip & { spec: VipSpec };
}

export async function createVip(
  ctx: Context,
  specMsg: api.CreateVipRequest['spec'],
): Promise<api.Vip__Output> {
  return writeSpec(ctx, specMsg, { create: true });
}

/** Replaces the spec; stored fields the API cannot express are kept (fieldsBeyondApi). */
export async function updateVip(ctx: Context, req: api.UpdateVipRequest): Promise<api.Vip__Output> {
  const expected = checkRevision(req.expected_revision);
  return writeSpec(ctx, req.spec, { create: false, expected });
}

async function writeSpec(
  ctx: Context,
  msg: api.UpdateVipRequest['spec'],
  mode: { create: true } | { create: false; expected?: string },
): Promise<api.Vip__Output> {
  const name = specFromMsg(msg).name; // validates before anything is read
  for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
    const snap = await readSnapshot(ctx.client, ctx.keys);
    const existing = snap.vips.get(name);
    const spec = specFromMsg(msg, mode.create || !existing?.spec ? {} : fieldsBeyondApi(existing.value));
    if (mode.create && existing) {
      throw new ApiError(
        Status.ALREADY_EXISTS,
        `vip ${spec.name} already exists (revision ${existing.modRevision})`,
      );
    }
    if (!mode.create) {
      if (!existing) throw notFound(`vip ${spec.name} not found`);
      if (mode.expected !== undefined && existing.modRevision !== mode.expected) {
        throw new ApiError(
          Status.ABORTED,
          `vip ${spec.name} changed concurrently: expected revision ${mode.expected}, now ${existing.modRevision}; read it again and retry`,
        );
      }
    }
    checkAgainstCluster(spec, snap, existing?.spec);
    const res = await writeVipSpec(
      ctx.client,
      ctx.keys,
      spec,
      mode.create ? { create: true } : { modRevision: existing!.modRevision },
      snap.revision,
    );
    if (res.written) {
      const { revision } = res;
      ctx.log.info(
        { vip: spec.name, revision, address: `${spec.address}/${spec.prefixLen}` },
        mode.create ? 'vip created' : 'vip updated',
      );
      return vipMsg(spec, revision, snap);
    }
    ctx.log.debug({ vip: spec.name, attempt }, 'vips/ changed during the write; validating again');
  }
  throw new ApiError(
    Status.ABORTED,
    `vip ${name}: vips/ kept changing during ${WRITE_ATTEMPTS} attempts; retry`,
  );
}

export async function getVip(ctx: Context, name: string | undefined): Promise<api.Vip__Output> {
  const n = vipName(name);
  const snap = await readSnapshot(ctx.client, ctx.keys);
  const stored = requireVip(snap, n);
  return vipMsg(stored.spec, stored.modRevision, snap);
}

/** Every valid VIP by name; invalid stored values are logged and left out. */
export function listFrom(ctx: Context, snap: Snapshot): api.Vip__Output[] {
  const out: api.Vip__Output[] = [];
  for (const stored of [...snap.vips.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    if (stored.spec) out.push(vipMsg(stored.spec, stored.modRevision, snap));
    else ctx.log.warn({ vip: stored.name, problem: stored.problem }, 'invalid VIP spec skipped');
  }
  return out;
}

export async function listVips(ctx: Context): Promise<api.Vip__Output[]> {
  return listFrom(ctx, await readSnapshot(ctx.client, ctx.keys));
}

/** Deletes vips/<name> and pins/<name> in one transaction. */
export async function deleteVip(ctx: Context, name: string | undefined): Promise<void> {
  const n = vipName(name);
  const res = await deleteVipSpec(ctx.client, ctx.keys, n);
  if (!res.deleted) throw notFound(`vip ${n} not found`);
  ctx.log.info({ vip: n, revision: res.revision }, 'vip deleted');
}
