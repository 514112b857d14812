/**
 * Virtual services: create, update, get, list, delete. A write is one etcd transaction
 * (writeServiceSpec in @vipd/store) guarded by the service key (absent, or unchanged since read)
 * and by its VIP's key (unchanged since the service was checked against it), retried a bounded
 * number of times when the VIP changed meanwhile.
 */
import { status as Status } from '@grpc/grpc-js';
import {
  deleteServiceSpec,
  SERVICE_NAME_RE,
  serviceVipProblems,
  type ServiceSpec,
  writeServiceSpec,
} from '@vipd/store';
import type * as api from '@vipd/proto';
import type { Context } from './context';
import { ApiError, notFound, precondition } from './errors';
import { backendStatus, serviceFromMsg, serviceToMsg } from './service-convert';
import { checkName, checkRevision } from './spec-convert';
import { readSnapshot, type Snapshot, type StoredService } from './state';

const WRITE_ATTEMPTS = 5;

function serviceName(name: string | undefined): string {
  return checkName(
    'name',
    name,
    SERVICE_NAME_RE,
    'must be lower-case letters, digits and "-", at most 63 characters',
  );
}

function serviceMsg(spec: ServiceSpec, revision: string, snap: Snapshot): api.Service__Output {
  const health = snap.serviceHealth.get(spec.name);
  return {
    spec: serviceToMsg(spec),
    revision,
    holder: snap.leaders.get(spec.vip)?.node ?? '',
    backends: backendStatus(spec, health),
    reported_by: health?.node ?? '',
    serving: health?.serving ?? '',
  };
}

function requireService(snap: Snapshot, name: string): StoredService & { spec: ServiceSpec } {
  const stored = snap.services.get(name);
  if (!stored) throw notFound(`service ${name} not found`);
  if (!stored.spec) {
    throw precondition(
      `service ${name}: the stored spec is invalid (${stored.problem ?? '?'}); replace it with UpdateService`,
    );
  }
  return stored as StoredService & { spec: ServiceSpec };
}

export function createService(
  ctx: Context,
  msg: api.ServiceSpec | null | undefined,
): Promise<api.Service__Output> {
  return writeService(ctx, msg, { create: true });
}

export function updateService(ctx: Context, req: api.UpdateServiceRequest): Promise<api.Service__Output> {
  return writeService(ctx, req.spec, { create: false, expected: checkRevision(req.expected_revision) });
}

async function writeService(
  ctx: Context,
  msg: api.ServiceSpec | null | undefined,
  mode: { create: true } | { create: false; expected?: string },
): Promise<api.Service__Output> {
  const spec = serviceFromMsg(msg); // validates before anything is read
  for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
    const snap = await readSnapshot(ctx.client, ctx.keys);
    const existing = snap.services.get(spec.name);
    if (mode.create && existing) {
      throw new ApiError(
        Status.ALREADY_EXISTS,
        `service ${spec.name} already exists (revision ${existing.modRevision})`,
      );
    }
    if (!mode.create) {
      if (!existing) throw notFound(`service ${spec.name} not found`);
      if (mode.expected !== undefined && existing.modRevision !== mode.expected) {
        throw new ApiError(
          Status.ABORTED,
          `service ${spec.name} changed concurrently: expected revision ${mode.expected}, now ${existing.modRevision}; read it again and retry`,
        );
      }
    }
    const vip = snap.vips.get(spec.vip);
    const problems = serviceVipProblems(spec, vip?.spec);
    if (problems.length > 0) throw precondition(`service ${spec.name}: ${problems.join('; ')}`);
    for (const other of snap.services.values()) {
      const o = other.spec;
      if (
        o &&
        o.name !== spec.name &&
        o.vip === spec.vip &&
        o.port === spec.port &&
        o.protocol === spec.protocol
      ) {
        throw precondition(
          `service ${spec.name}: ${spec.protocol} port ${spec.port} on vip ${spec.vip} is already service ${o.name}'s`,
        );
      }
    }
    const res = await writeServiceSpec(
      ctx.client,
      ctx.keys,
      spec,
      mode.create ? { create: true } : { modRevision: existing!.modRevision },
      vip!.modRevision,
    );
    if (res.written) {
      ctx.log.info(
        { service: spec.name, vip: spec.vip, revision: res.revision },
        mode.create ? 'service created' : 'service updated',
      );
      return serviceMsg(spec, res.revision, snap);
    }
    ctx.log.debug(
      { service: spec.name, attempt },
      'the service or its VIP changed during the write; checking again',
    );
  }
  throw new ApiError(
    Status.ABORTED,
    `service ${spec.name}: it kept changing during ${WRITE_ATTEMPTS} attempts; retry`,
  );
}

export async function getService(ctx: Context, name: string | undefined): Promise<api.Service__Output> {
  const n = serviceName(name);
  const snap = await readSnapshot(ctx.client, ctx.keys);
  const stored = requireService(snap, n);
  return serviceMsg(stored.spec, stored.modRevision, snap);
}

/** Every valid service by name; invalid stored values are logged and left out. */
export async function listServices(ctx: Context): Promise<api.Service__Output[]> {
  const snap = await readSnapshot(ctx.client, ctx.keys);
  const out: api.Service__Output[] = [];
  for (const stored of [...snap.services.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    if (stored.spec) out.push(serviceMsg(stored.spec, stored.modRevision, snap));
    else ctx.log.warn({ service: stored.name, problem: stored.problem }, 'invalid service spec skipped');
  }
  return out;
}

export async function deleteService(ctx: Context, name: string | undefined): Promise<void> {
  const n = serviceName(name);
  const res = await deleteServiceSpec(ctx.client, ctx.keys, n);
  if (!res.deleted) throw notFound(`service ${n} not found`);
  ctx.log.info({ service: n, revision: res.revision }, 'service deleted');
}
