/**
 * Planned switchover: write pins/<vip> = {node, at, by}, then watch leaders/<vip> until it
 * names the target. The daemons implement what a pin means (docs/etcd-keys.md); this only
 * checks that the target can take the VIP, records the wish and waits for the result.
 */
import { status as Status } from '@grpc/grpc-js';
import type { Watcher } from 'etcd3';
import { deletePin, fromEtcdError, parseLeader, priorityOf, putPin, toEntry } from '@vipd/store';
import type * as api from '@vipd/proto';
import { type Context, withTimeout } from './context';
import { ApiError, notFound, precondition } from './errors';
import { groupMembers, leaderKeyVip } from './groups';
import { nodeName } from './nodes';
import { etcdCall, readSnapshot } from './state';
import { requireVip, vipMsg, vipName } from './vips';

export const DEFAULT_MOVE_TIMEOUT_MS = 10_000;
export const MAX_MOVE_TIMEOUT_MS = 600_000;

export interface MoveOptions {
  by: string;
  /** Aborts the wait (the client cancelled); the pin stays. */
  signal?: AbortSignal;
}

export async function moveVip(
  ctx: Context,
  req: api.MoveVipRequest,
  opts: MoveOptions,
): Promise<api.MoveVipResponse__Output> {
  const name = vipName(req.name);
  const to = nodeName(req.to);
  const timeoutMs = Math.min(req.timeout_ms || DEFAULT_MOVE_TIMEOUT_MS, MAX_MOVE_TIMEOUT_MS);
  const snap = await readSnapshot(ctx.client, ctx.keys);
  const stored = requireVip(snap, name);
  const target = snap.nodes.get(to)?.info;
  if (!target) throw precondition(`node ${to} is not registered (alive); cannot move vip ${name} to it`);
  // A group moves as one: the target must be able to take every member (groups.ts).
  for (const member of groupMembers(stored.spec, snap)) {
    const m = member.name;
    const of = m === name ? `vip ${name}` : `vip ${m} (in group ${member.group} with ${name})`;
    if (priorityOf(member, to) === undefined) {
      const allowed = Object.keys(member.nodes ?? {}).join(', ');
      throw precondition(`node ${to} is not eligible for ${of} (its nodes: ${allowed})`);
    }
    if (target.unready.includes(m)) {
      throw precondition(`node ${to} reports ${of} unready (interface missing or down, or checks failing)`);
    }
  }
  if (target.drained || snap.drains.has(to)) throw precondition(`node ${to} is drained; undrain it first`);
  // The key that says who holds it: the group lead's for a member of a group.
  const keyVip = leaderKeyVip(stored.spec, snap);
  const from = snap.leaders.get(keyVip)?.node ?? '';
  const pin = { node: to, at: new Date().toISOString(), by: opts.by };
  // A group's pin is its lead's (the daemons read the lead's first: groupPin), whichever member
  // was named: a pin on a follower would hide behind an older one on the lead.
  const pinned = keyVip === name ? stored : requireVip(snap, keyVip);
  const res = await putPin(ctx.client, ctx.keys, keyVip, pin, pinned.modRevision);
  if (!res.pinned) throw new ApiError(Status.ABORTED, `vip ${name} changed during the move; retry`);
  snap.pins.set(keyVip, pin);
  ctx.log.info({ vip: name, from, to, by: opts.by, revision: res.revision }, 'vip pinned');
  const started = performance.now();
  const current = snap.leaders.get(keyVip);
  const fencing =
    current?.node === to
      ? current.revision
      : await waitForHolder(ctx, keyVip, to, snap.revision, timeoutMs, opts.signal, from);
  const elapsed = Math.round(performance.now() - started);
  snap.leaders.set(keyVip, { vip: keyVip, node: to, lease: '', revision: fencing });
  ctx.log.info({ vip: name, from, to, fencingRevision: fencing, elapsedMs: elapsed }, 'vip moved');
  return { vip: vipMsg(stored.spec, stored.modRevision, snap), from, elapsed_ms: elapsed };
}

/**
 * Deletes the pin of `vip move` (pins/<vip>, and for a member of a group every member's) and
 * nothing else: the holder keeps the VIP until
 * normal ranking says otherwise (with preempt off, it keeps it). Unpinning a VIP that has no
 * pin changes nothing and says so (unpinned_from empty), so scripts may call it blindly.
 */
export async function unpinVip(
  ctx: Context,
  req: api.UnpinVipRequest,
  by: string,
): Promise<api.UnpinVipResponse__Output> {
  const name = vipName(req.name);
  const before = await readSnapshot(ctx.client, ctx.keys);
  // A group's pin may be on any member (one on its lead, or older ones): all of them go.
  const spec = before.vips.get(name)?.spec;
  const names = spec ? groupMembers(spec, before).map((s) => s.name) : [name];
  let from = '';
  for (const member of names) {
    const res = await deletePin(ctx.client, ctx.keys, member);
    if (!res.found) {
      if (member === name) throw notFound(`vip ${name} not found`);
      continue;
    }
    if (res.pin === undefined) continue;
    from ||= res.pin.node;
    ctx.log.info({ vip: member, from: res.pin.node, by, revision: res.revision }, 'vip unpinned');
  }
  const snap = await readSnapshot(ctx.client, ctx.keys);
  const stored = requireVip(snap, name);
  return { vip: vipMsg(stored.spec, stored.modRevision, snap), unpinned_from: from };
}

/**
 * Resolves with the fencing revision once leaders/<vip> names `to`. Watches from just after
 * the snapshot, so a change between the read and the watch is not missed.
 */
async function waitForHolder(
  ctx: Context,
  vip: string,
  to: string,
  snapRevision: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  from: string,
): Promise<string> {
  const key = ctx.keys.leader(vip);
  const watcher: Watcher = await withTimeout(
    etcdCall(`watch ${key}`, () =>
      ctx.client
        .watch()
        .key(key)
        .startRevision((BigInt(snapRevision) + 1n).toString())
        .create(),
    ),
    ctx.callTimeoutMs,
    () => new ApiError(Status.UNAVAILABLE, `etcd did not start a watch on ${key} in ${ctx.callTimeoutMs} ms`),
  );
  let holder = from;
  try {
    return await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new ApiError(
            Status.DEADLINE_EXCEEDED,
            `vip ${vip}: node ${to} did not take it within ${timeoutMs} ms (holder now: ${holder || 'none'}); ` +
              `the pin to ${to} stays in place and the VIP moves when ${to} is ready`,
          ),
        );
      }, timeoutMs);
      const done = (fn: () => void): void => {
        clearTimeout(timer);
        fn();
      };
      signal?.addEventListener('abort', () =>
        done(() =>
          reject(new ApiError(Status.CANCELLED, `move of ${vip} cancelled; the pin to ${to} stays`)),
        ),
      );
      watcher.on('put', (kv) => {
        const leader = parseLeader(vip, toEntry(kv));
        holder = 'problem' in leader ? '' : leader.node;
        if (!('problem' in leader) && leader.node === to) done(() => resolve(leader.revision));
      });
      watcher.on('delete', () => {
        holder = '';
      });
      watcher.on('error', (err) => done(() => reject(fromEtcdError(`watch ${key}`, err))));
    });
  } finally {
    await watcher.cancel().catch(() => undefined);
  }
}
