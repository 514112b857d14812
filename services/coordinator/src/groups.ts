/**
 * VIP groups as the admin API shows them (spec `group`, docs/groups.md): a group's lowest-named
 * member leads, and its leader key (leaders/<lead>) says who holds every member; the followers
 * have no leader key of their own.
 */
import { groupLead, type VipSpec } from '@vipd/store';
import type { Snapshot } from './state';

/** Every member of the group `spec` is in (valid stored specs, `spec` itself included), by name. */
export function groupMembers(spec: VipSpec, snap: Snapshot): VipSpec[] {
  if (spec.group === undefined) return [spec];
  const members = new Map<string, VipSpec>([[spec.name, spec]]);
  for (const v of snap.vips.values()) {
    if (v.spec?.group === spec.group && v.name !== spec.name) members.set(v.name, v.spec);
  }
  return [...members.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
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
