/**
 * VIP groups (spec `group`, keepalived's vrrp_sync_group): which VIPs share a group, which of them
 * leads it (the lowest name: groupLead), and the members' controllers, for the lead to carry its
 * followers along and for each follower to find its lead. Kept by the registry as specs change.
 */
import { groupLead, type VipSpec } from '@vipd/store';
import type { GroupFollower, GroupLead, Groups } from './controller-context';

export class VipGroups<C extends GroupLead & GroupFollower> implements Groups {
  /** Members' names by group. */
  private readonly members = new Map<string, Set<string>>();
  /** Each grouped VIP's spec (for the lead's ranking). */
  private readonly specs = new Map<string, VipSpec>();

  /** `controllers`: the registry's live map of controllers, by VIP name. */
  constructor(private readonly controllers: ReadonlyMap<string, C>) {}

  /**
   * A VIP's spec was loaded, changed or removed (undefined). Returns the VIPs whose group changed
   * (the old and the new group's members): their roles may have changed, they look again.
   */
  update(name: string, spec: VipSpec | undefined): string[] {
    const before = this.specs.get(name)?.group;
    const after = spec?.group;
    if (after !== undefined) this.specs.set(name, spec!);
    else this.specs.delete(name);
    if (before === after) return after === undefined ? [] : [...this.members.get(after)!];
    const touched = new Set<string>();
    if (before !== undefined) {
      const set = this.members.get(before)!;
      set.delete(name);
      if (set.size === 0) this.members.delete(before);
      for (const m of set) touched.add(m);
    }
    if (after !== undefined) {
      const set = this.members.get(after) ?? new Set<string>();
      set.add(name);
      this.members.set(after, set);
      for (const m of set) touched.add(m);
    }
    touched.add(name);
    return [...touched];
  }

  /** The lead's name of the group `vip` is in; undefined when it is in none. */
  leadName(vip: string): string | undefined {
    const group = this.specs.get(vip)?.group;
    return group === undefined ? undefined : groupLead(this.members.get(group)!);
  }

  membersOf(vip: string): VipSpec[] | undefined {
    const group = this.specs.get(vip)?.group;
    if (group === undefined || this.leadName(vip) !== vip) return undefined;
    const names = [...this.members.get(group)!].sort();
    if (names.length < 2) return undefined;
    return names.map((n) => this.specs.get(n)!);
  }

  leadOf(vip: string): C | undefined {
    const lead = this.leadName(vip);
    return lead === undefined || lead === vip ? undefined : this.controllers.get(lead);
  }

  followersOf(vip: string): C[] {
    const group = this.specs.get(vip)?.group;
    if (group === undefined || this.leadName(vip) !== vip) return [];
    return [...this.members.get(group)!].flatMap((m) => {
      const c = m === vip ? undefined : this.controllers.get(m);
      return c ? [c] : [];
    });
  }
}
