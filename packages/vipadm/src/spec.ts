/** Pure building of VIP specs from command-line changes (`vip add`, `vip set`). */
import type {
  AnnounceSettings__Output,
  VipRoute__Output,
  VipRule__Output,
  VipSpec,
  VipSpec__Output,
} from '@vipd/proto';
import { UsageError } from './errors';
import { DEFAULT_ANNOUNCE, type OnEtcdLoss } from './values';

/**
 * What `vip add` / `vip set` send (CreateVipRequest.spec, UpdateVipRequest.spec): admin.proto's
 * VipSpec with the fields vipadm always sets required. Unset announce, track and on_etcd_loss
 * mean the defaults (none, [] and "failsafe").
 */
export type VipSpecInput = VipSpec &
  Required<
    Pick<VipSpec__Output, 'name' | 'address' | 'interface' | 'nodes' | 'preempt' | 'preempt_delay_ms'>
  >;

/** What the spec options of `vip add` / `vip set` ask for; absent means unchanged. */
export interface VipChanges {
  address?: string;
  interface?: string;
  /** Replaces the node list: node → priority. */
  nodes?: Record<string, number>;
  /** Per-node interface overrides, applied to the resulting node list. */
  nodeInterfaces?: Record<string, string>;
  preempt?: boolean;
  preemptDelayMs?: number;
  /** Missing fields keep their current value (the defaults when unset). */
  announce?: Partial<AnnounceSettings__Output>;
  /** Replaces the tracked checks; [] clears them (`vip set --no-track`). */
  track?: string[];
  /** Replaces the weighted checks (`--track CHECK:WEIGHT`), always given with `track`. */
  trackWeighted?: { check: string; weight: number }[];
  onEtcdLoss?: OnEtcdLoss;
  /** Address options (IPaddr2); '' clears label and broadcast, 'global' is the default scope. */
  label?: string;
  noPrefixRoute?: boolean;
  scope?: string;
  broadcast?: string;
  /** Replace the routes / rules (keepalived's virtual_routes, virtual_rules); [] clears them. */
  routes?: VipRoute__Output[];
  rules?: VipRule__Output[];
  /** The virtual MAC's id; 0: none. */
  vmac?: number;
  /** The VIP group (keepalived's vrrp_sync_group); '' leaves it (`vip set --no-group`). */
  group?: string;
}

/** A new spec: `vip add`. */
export function buildSpec(name: string, changes: VipChanges): VipSpecInput {
  const empty: VipSpecInput = {
    name,
    address: '',
    interface: '',
    nodes: {},
    preempt: true,
    preempt_delay_ms: 0,
  };
  return applyChanges(empty, changes);
}

/**
 * The stored spec as a request value (`vip set` reads, changes and writes it back). UpdateVip
 * replaces every field admin.proto has, so every one is carried over, new ones included.
 */
export function specInput(spec: VipSpec__Output): VipSpecInput {
  const nodes: VipSpecInput['nodes'] = {};
  for (const [node, entry] of Object.entries(spec.nodes)) {
    nodes[node] = { priority: entry.priority, interface: entry.interface };
  }
  return {
    name: spec.name,
    address: spec.address,
    interface: spec.interface,
    nodes,
    preempt: spec.preempt ?? true,
    preempt_delay_ms: spec.preempt_delay_ms,
    ...(spec.announce && { announce: { ...spec.announce } }),
    track: [...(spec.track ?? [])],
    track_weighted: (spec.track_weighted ?? []).map((t) => ({ check: t.check, weight: t.weight })),
    on_etcd_loss: spec.on_etcd_loss ?? '',
    label: spec.label ?? '',
    no_prefix_route: spec.no_prefix_route ?? false,
    scope: spec.scope ?? '',
    broadcast: spec.broadcast ?? '',
    routes: (spec.routes ?? []).map((r) => ({ ...r })),
    rules: (spec.rules ?? []).map((r) => ({ ...r })),
    vmac: spec.vmac ?? 0,
    group: spec.group ?? '',
  };
}

export function applyChanges(base: VipSpecInput, changes: VipChanges): VipSpecInput {
  const spec: VipSpecInput = { ...base, nodes: { ...base.nodes } };
  if (changes.address !== undefined) spec.address = changes.address;
  if (changes.interface !== undefined) spec.interface = changes.interface;
  if (changes.nodes) {
    spec.nodes = {};
    for (const [node, priority] of Object.entries(changes.nodes)) {
      spec.nodes[node] = { priority, interface: base.nodes[node]?.interface ?? '' };
    }
  }
  for (const [node, iface] of Object.entries(changes.nodeInterfaces ?? {})) {
    const entry = spec.nodes[node];
    if (!entry) throw new UsageError(`--node-interface ${node}: ${node} is not in the VIP's --node list`);
    spec.nodes[node] = { ...entry, interface: iface };
  }
  if (changes.preempt !== undefined) spec.preempt = changes.preempt;
  if (changes.preemptDelayMs !== undefined) spec.preempt_delay_ms = changes.preemptDelayMs;
  if (changes.announce) spec.announce = { ...(base.announce ?? DEFAULT_ANNOUNCE), ...changes.announce };
  if (changes.track !== undefined) spec.track = [...changes.track];
  if (changes.trackWeighted !== undefined) spec.track_weighted = changes.trackWeighted.map((t) => ({ ...t }));
  if (changes.onEtcdLoss !== undefined) spec.on_etcd_loss = changes.onEtcdLoss;
  if (changes.label !== undefined) spec.label = changes.label;
  if (changes.noPrefixRoute !== undefined) spec.no_prefix_route = changes.noPrefixRoute;
  if (changes.scope !== undefined) spec.scope = changes.scope;
  if (changes.broadcast !== undefined) spec.broadcast = changes.broadcast;
  if (changes.routes !== undefined) spec.routes = changes.routes.map((r) => ({ ...r }));
  if (changes.rules !== undefined) spec.rules = changes.rules.map((r) => ({ ...r }));
  if (changes.vmac !== undefined) spec.vmac = changes.vmac;
  if (changes.group !== undefined) spec.group = changes.group;
  return spec;
}
