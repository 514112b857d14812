/**
 * Effective priorities as the admin API reports them (weighted tracking): per VIP, every
 * registered node the spec allows, in the order the daemons rank them; per node, the VIPs whose
 * priority its weighted checks change now. Pure: computed from one snapshot with @vipd/store's
 * effectivePriority, the function every vipd ranks with.
 */
import { effectivePriority, isEligible, type NodeInfo, type VipSpec } from '@vipd/store';
import type * as api from '@vipd/proto';
import type { Snapshot } from './state';

/** The node's registration with an operator's drain applied, as the daemons see it. */
function registered(snap: Snapshot, name: string): NodeInfo | undefined {
  const info = snap.nodes.get(name)?.info;
  if (info === undefined) return undefined;
  return snap.drains.has(name) ? { ...info, drained: true } : info;
}

function entry(spec: VipSpec, node: NodeInfo): api.EffectivePriority__Output | undefined {
  const effective = effectivePriority(spec, node);
  if (effective === undefined) return undefined;
  return {
    node: node.name,
    vip: spec.name,
    priority: effective.priority,
    base_priority: effective.base,
    reasons: effective.reasons,
    eligible: isEligible(spec, node),
  };
}

/** Eligible nodes first, then by effective priority, then name (rankCandidates' order, no pin). */
export function vipPriorities(spec: VipSpec, snap: Snapshot): api.EffectivePriority__Output[] {
  const out: api.EffectivePriority__Output[] = [];
  for (const name of snap.nodes.keys()) {
    const node = registered(snap, name);
    const e = node && entry(spec, node);
    if (e) out.push(e);
  }
  return out.sort(
    (a, b) =>
      Number(b.eligible) - Number(a.eligible) ||
      b.priority - a.priority ||
      (a.node < b.node ? -1 : a.node > b.node ? 1 : 0),
  );
}

/** The VIPs (by name) whose priority on `name` differs from the spec's because of a weight. */
export function nodePriorities(name: string, snap: Snapshot): api.EffectivePriority__Output[] {
  const node = registered(snap, name);
  if (node === undefined) return [];
  const out: api.EffectivePriority__Output[] = [];
  for (const vip of [...snap.vips.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const e = vip.spec && entry(vip.spec, node);
    if (e && e.reasons.length > 0) out.push(e);
  }
  return out;
}
