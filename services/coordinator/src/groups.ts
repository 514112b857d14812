/**
 * VIP groups as the admin API shows them (spec `group`, docs/groups.md): a group's lowest-named
 * member leads, and its leader key (leaders/<lead>) says who holds every member; the followers
 * have no leader key of their own.
 */
import { groupLead, type VipSpec } from '@vipd/store';
import type { Snapshot } from './state';

const byName = (a: VipSpec, b: VipSpec): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Each group's stored members, by name, once per snapshot (a snapshot is read once, not changed). */
const groupIndex = new WeakMap<Snapshot, Map<string, VipSpec[]>>();

function groupsOf(snap: Snapshot): Map<string, VipSpec[]> {
  let index = groupIndex.get(snap);
  if (!index) {
    index = new Map();
    for (const { spec } of snap.vips.values()) {
      if (spec?.group === undefined) continue;
      const list = index.get(spec.group) ?? [];
      list.push(spec);
      index.set(spec.group, list);
    }
    for (const list of index.values()) list.sort(byName);
    groupIndex.set(snap, index);
  }
  return index;
}

/**
 * Every member of the group `spec` is in (valid stored specs, `spec` itself in place of a stored
 * one of its name), by name. ListVips asks this of every grouped VIP: the members come from an
 * index built once per snapshot, not from a walk over every VIP each time.
 */
export function groupMembers(spec: VipSpec, snap: Snapshot): VipSpec[] {
  if (spec.group === undefined) return [spec];
  const stored = groupsOf(snap).get(spec.group) ?? [];
  return [...stored.filter((s) => s.name !== spec.name), spec].sort(byName);
}

/**
 * The VIPs a leader key holds: its own, and when it is a group's lead, every other member of the
 * group (up where the lead is, under its revision).
 */
export function heldBy(vip: string, snap: Snapshot): string[] {
  const spec = snap.vips.get(vip)?.spec;
  if (spec?.group === undefined || leaderKeyVip(spec, snap) !== vip) return [vip];
  return groupMembers(spec, snap).map((s) => s.name);
}

/** The VIP whose leader key decides for `spec`: its group's lead, or itself when in no group. */
export function leaderKeyVip(spec: VipSpec, snap: Snapshot): string {
  if (spec.group === undefined) return spec.name;
  return groupLead(groupMembers(spec, snap).map((s) => s.name)) ?? spec.name;
}
