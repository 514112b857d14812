/**
 * Nodes as the coordinator reports them: registrations (nodes/), operator drains (drain/)
 * and held VIPs (leaders/), with each node's grpc.health.v1 status asked on its advertise
 * address (in parallel, short deadline; UNREACHABLE when nothing answers).
 */
import * as grpc from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { deleteDrain, NODE_NAME_RE, putDrain } from '@vipd/store';
import type * as api from '@vipd/proto';
import type { Context } from './context';
import { notFound } from './errors';
import { heldBy } from './groups';
import { nodePriorities } from './priorities';
import { checkName } from './spec-convert';
import { readSnapshot, type Snapshot } from './state';

const HealthClient = grpc.makeGenericClientConstructor(healthService, 'Health');
type CheckCallback = (err: grpc.ServiceError | null, res: { status?: string | number } | undefined) => void;
const STATUS_NAMES = ['UNKNOWN', 'SERVING', 'NOT_SERVING', 'SERVICE_UNKNOWN'];

/** Node.health in admin.proto. */
export type NodeHealth = 'SERVING' | 'NOT_SERVING' | 'UNREACHABLE';

/** One Check for the overall service ("") on `address`. */
export function probeHealth(address: string, timeoutMs: number): Promise<NodeHealth> {
  if (address === '') return Promise.resolve('UNREACHABLE');
  return new Promise((resolve) => {
    let client: grpc.Client;
    try {
      client = new HealthClient(address, grpc.credentials.createInsecure());
    } catch {
      resolve('UNREACHABLE');
      return;
    }
    // The generic client's methods are added at run time from the service definition.
    const health = client as unknown as {
      check(req: { service: string }, opts: grpc.CallOptions, cb: CheckCallback): void;
    };
    health.check({ service: '' }, { deadline: Date.now() + timeoutMs }, (err, res) => {
      client.close();
      if (err) return resolve('UNREACHABLE');
      const s = typeof res?.status === 'number' ? STATUS_NAMES[res.status] : res?.status;
      resolve(s === 'SERVING' ? 'SERVING' : 'NOT_SERVING');
    });
  });
}

export function nodeName(name: string | undefined): string {
  return checkName('name', name, NODE_NAME_RE, 'is not a node name (letters, digits, ".", "_", "-")');
}

/** A node from the snapshot, without health (set by the caller). */
function nodeFrom(snap: Snapshot, name: string): api.Node__Output {
  const reg = snap.nodes.get(name)?.info;
  const held = [...snap.leaders.values()]
    .filter((l) => l.node === name)
    // A group's lead holds its followers too (groups.ts).
    .flatMap((l) => heldBy(l.vip, snap).map((vip) => ({ name: vip, revision: l.revision })))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    name,
    advertise: reg?.advertise ?? '',
    labels: reg?.labels ?? {},
    alive: reg !== undefined,
    drained: (reg?.drained ?? false) || snap.drains.has(name),
    health: 'UNREACHABLE',
    unready: reg?.unready ?? [],
    held,
    checks: reg?.checks ?? {},
    priorities: nodePriorities(name, snap),
    bgp: reg?.bgp ?? {},
    // Empty from a vipd older than the field: vipadm then says only that it cannot serve it.
    unready_why: reg?.unreadyWhy ?? {},
  };
}

/** Every registered or drained node, by name, with health probed in parallel. */
export async function nodesFrom(ctx: Context, snap: Snapshot): Promise<api.Node__Output[]> {
  const names = [...new Set([...snap.nodes.keys(), ...snap.drains.keys()])].sort();
  return Promise.all(names.map((n) => withHealth(ctx, nodeFrom(snap, n))));
}

async function withHealth(ctx: Context, node: api.Node__Output): Promise<api.Node__Output> {
  return {
    ...node,
    health: node.alive ? await probeHealth(node.advertise, ctx.healthTimeoutMs) : 'UNREACHABLE',
  };
}

export async function listNodes(ctx: Context): Promise<api.Node__Output[]> {
  return nodesFrom(ctx, await readSnapshot(ctx.client, ctx.keys));
}

/**
 * The node `name` names and a fresh snapshot; NOT_FOUND (`node N <missing>`) when the node is
 * neither registered nor drained.
 */
async function seenNode(
  ctx: Context,
  name: string | undefined,
  missing: string,
): Promise<{ n: string; snap: Snapshot }> {
  const n = nodeName(name);
  const snap = await readSnapshot(ctx.client, ctx.keys);
  if (!snap.nodes.has(n) && !snap.drains.has(n)) throw notFound(`node ${n} ${missing}`);
  return { n, snap };
}

/** Puts drain/<node> (kept as is when already there). NOT_FOUND for a node never seen. */
export async function drainNode(
  ctx: Context,
  name: string | undefined,
  by: string,
): Promise<api.Node__Output> {
  const { n, snap } = await seenNode(ctx, name, 'is not registered');
  if (!snap.drains.has(n)) {
    const record = { at: new Date().toISOString(), by };
    await putDrain(ctx.client, ctx.keys, n, record);
    snap.drains.set(n, record);
    ctx.log.info({ node: n, by }, 'node drained');
  }
  return withHealth(ctx, nodeFrom(snap, n));
}

/**
 * Deletes drain/<node>. The answer shows the node undrained at once; one drained by its own
 * config (node.drained) shows drained again once its daemon re-registers.
 */
export async function undrainNode(
  ctx: Context,
  name: string | undefined,
  by: string,
): Promise<api.Node__Output> {
  const { n, snap } = await seenNode(ctx, name, 'is not registered or drained');
  if (snap.drains.has(n)) {
    await deleteDrain(ctx.client, ctx.keys, n);
    snap.drains.delete(n);
    const reg = snap.nodes.get(n);
    // The registration says drained until the daemon notices the delete: report what will be.
    if (reg) snap.nodes.set(n, { ...reg, info: { ...reg.info, drained: false } });
    ctx.log.info({ node: n, by }, 'node undrained');
  }
  return withHealth(ctx, nodeFrom(snap, n));
}
