/** The Kernel the daemon uses on a real host: netif's kernel agent for addresses, announce for ARP/NA. */
import { Announcer, probeOwners, probeOwnersMany } from '@vipd/announce';
import type { Logger } from '@vipd/log';
import {
  type AddressSpec,
  type AgentFence,
  defaultLabel,
  type KeptLifetimes,
  getLink,
  KernelAgent,
  describeRoute,
  describeRule,
  listOwnedAddresses,
  listOwnedRoutes,
  listOwnedRules,
  listVmacLinks,
  type RouteSpec,
  type RuleSpec,
  vmacName,
  vmacSpec,
} from '@vipd/netif';
import { labelOn, SCOPE_VALUES, type VipSpec } from '@vipd/store';
import type { Kernel, Leftover, LinkState } from './kernel';

const LINK_CACHE_MS = 1000;
/**
 * How long a taker listens for another host answering for the addresses it is about to add. A
 * host that has the address answers from its kernel (softirq, whatever its vipd is doing) within
 * a millisecond on a LAN; the rest is margin for a busy taker.
 */
export const TAKEOVER_PROBE_MS = 25;
/** Requests for a takeover probe gathered this long before the probe goes out. */
const PROBE_GATHER_MS = 2;

interface ProbeRequest {
  spec: VipSpec;
  resolve: (macs: string[]) => void;
  reject: (err: unknown) => void;
}

export interface LinuxKernelOptions {
  /** The agent ended and was started anew, empty: every VIP is unguarded, drop them. */
  onAgentLost?: () => void;
  /** The agent fenced and removed addresses (or may have): the VIPs are gone, drop them. */
  onFenced?: (fence: AgentFence) => void;
  /** Connect to `vipd-agent --listen PATH` (its own service) instead of spawning one. */
  agentSocket?: string;
}

function addressSpec(ifname: string, spec: VipSpec, lifetimeSec: number): AddressSpec {
  return {
    ifname,
    address: spec.address,
    prefixLen: spec.prefixLen,
    family: spec.family,
    validLftSec: lifetimeSec,
    // The spec's label was checked against every interface it names (parseVipSpec).
    label:
      spec.family !== 4 ? undefined : spec.label !== undefined ? labelOn(spec, ifname) : defaultLabel(ifname),
    noPrefixRoute: spec.noPrefixRoute,
    ...(spec.family === 4 && { scope: SCOPE_VALUES[spec.scope] }),
    ...(spec.broadcast !== undefined && { broadcast: spec.broadcast }),
  };
}

/**
 * The interface the address goes on: the VIP's own, or with a virtual MAC (spec.vmac, keepalived's
 * use_vmac) the macvlan on it that carries the MAC. Announcements go out there too (source MAC:
 * the virtual one, so switches learn the port); takeover and duplicate probes stay on the parent
 * (a former holder's macvlan answers with the virtual MAC, which is not the parent's).
 */
export function addressInterface(ifname: string, spec: VipSpec): string {
  return spec.vmac === undefined ? ifname : vmacName(spec.family, spec.vmac);
}

/** The VIP's routes as the agent takes them: dev defaults to the VIP's interface on this node. */
function routeSpecs(ifname: string, spec: VipSpec): RouteSpec[] {
  return spec.routes.map((r) => ({
    family: spec.family,
    to: r.to,
    dev: r.dev ?? ifname,
    table: r.table,
    metric: r.metric,
    ...(r.via !== undefined && { via: r.via }),
  }));
}

function ruleSpecs(spec: VipSpec): RuleSpec[] {
  return spec.rules.map((r) => ({ family: spec.family, ...r }));
}

/**
 * Removes the VIP's routes and rules, then its address, then its virtual MAC's macvlan (queued in
 * this order); true when the address was there.
 */
async function removeAll(a: KernelAgent, ifname: string, spec: VipSpec): Promise<boolean> {
  const extras = [
    ...routeSpecs(ifname, spec).map((r) => a.removeRoute(r)),
    ...ruleSpecs(spec).map((r) => a.removeRule(r)),
  ];
  const address = a.remove({
    ifname: addressInterface(ifname, spec),
    address: spec.address,
    prefixLen: spec.prefixLen,
    family: spec.family,
  });
  const vmac = spec.vmac !== undefined ? [a.removeVmac(vmacName(spec.family, spec.vmac))] : [];
  const failed = (await Promise.allSettled([...extras, address, ...vmac])).find(
    (r) => r.status === 'rejected',
  );
  if (failed) throw failed.reason;
  return address;
}

/**
 * When the kernel agent refreshes an address it keeps (KernelAgent.keepLifetimes): after this
 * share of its lifetime (1.4 s of a 2 s one), which leaves a refresh ~580 ms to be late by (a host
 * short of CPU, a burst of other commands first) before the kernel removes the address; the agent
 * starts earlier when many are due together (its measured cost per refresh). Every IPv6 refresh
 * costs the kernel a walk of the interface's multicast groups (docs/safety.md), so keeping H IPv6
 * lifetimes costs in proportion to H² / this: 0.5 cost a node holding 1500 IPv6 VIPs 72–89 % of a
 * core, 0.7 costs 56–63 % (npm run bench:agent, docs/scale.md). It was 0.5 while lapsed addresses fed on themselves
 * (each one's group left behind an MLD tombstone that made every later add slower); the agent
 * holds those groups now.
 */
export const KEEP_AFTER_SHARE = 0.7;

export function keepAfterMs(lifetimeSec: number): number {
  return Math.max(100, Math.round(lifetimeSec * 1000 * KEEP_AFTER_SHARE));
}

/** The agent's report of late or failed refreshes of the lifetimes it keeps, in vipd's words. */
function logKept(log: Logger, k: KeptLifetimes): void {
  if (k.late > 0) {
    log.warn(
      { addresses: k.late, untouchedMs: k.maxAgeMs, refreshed: k.refreshed },
      'VIP addresses went longer than their kernel lifetime without a refresh: the kernel removed them ' +
        'meanwhile and the kernel agent added them back (clients lost them in between; the host is short of CPU)',
    );
  }
  if (k.failed > 0) {
    log.warn(
      { failed: k.failed, err: k.err },
      'address lifetime refresh failed (the kernel agent tries again)',
    );
  }
}

export function createLinuxKernel(log: Logger, opts: LinuxKernelOptions = {}): Kernel {
  const announcer = new Announcer({ logger: log });
  // Every address change and the fence go through one kernel agent (see @vipd/netif's
  // kernel-agent.ts): changes made before a fence can never run after it.
  let agent = startAgent();
  /** kill-on-fence's process, named again to an agent started anew. */
  let fencePid: number | undefined;
  function startAgent(): KernelAgent {
    const a = new KernelAgent({ logger: log, socketPath: opts.agentSocket });
    // A fence that found nothing to remove took no VIP down (the changes it cancelled fail on
    // their own, and their controllers retry); one whose line was lost may have.
    a.on('fenced', (f: AgentFence) => {
      // Every fence kills that process and the agent forgets it: never name its PID again (to
      // an agent started anew, it could be another process's by then).
      fencePid = undefined;
      if (f.unknown || f.removed + f.absent + f.failed > 0) opts.onFenced?.(f);
    });
    a.on('unexpectedExit', () => {
      log.error({}, 'kernel agent gone: VIPs are unguarded; dropping them and starting it again');
      agent = startAgent();
      if (fencePid !== undefined) {
        agent.killOnFence(fencePid).catch((err: unknown) => {
          log.error({ pid: fencePid, err: String(err) }, 'could not name gobgpd to the new kernel agent');
        });
      }
      opts.onAgentLost?.();
    });
    a.on('kept', (k: KeptLifetimes) => logKept(log, k));
    return a;
  }
  // Index and MAC of an interface for frames: asked of `ip` at most once a second per interface
  // (hundreds of VIPs announce and probe on the same one), and again at once after a failure.
  const links = new Map<string, { at: number; link: ReturnType<typeof getLink> }>();
  function recentLink(ifname: string): ReturnType<typeof getLink> {
    const now = performance.now();
    const hit = links.get(ifname);
    if (hit && now - hit.at < LINK_CACHE_MS) return hit.link;
    const entry = { at: now, link: getLink(ifname) };
    links.set(ifname, entry);
    // A failed or empty answer is not kept (and never drops a newer one).
    const forget = (): void => {
      if (links.get(ifname) === entry) links.delete(ifname);
    };
    entry.link.then((l) => l === undefined && forget(), forget);
    return entry.link;
  }
  // Takeover probes, gathered per interface and family (see probeBeforeAdd).
  const gathering = new Map<string, ProbeRequest[]>();
  async function probeGathered(ifname: string, requests: ProbeRequest[]): Promise<void> {
    try {
      const link = await recentLink(ifname);
      if (!link?.mac) throw new Error(`cannot probe on ${ifname}: no such interface or no MAC`);
      const { index, mac } = link;
      const owners = await probeOwnersMany(
        requests.map((r) => ({
          ifname,
          ifindex: index,
          mac,
          address: r.spec.address,
          family: r.spec.family,
        })),
        { timeoutMs: TAKEOVER_PROBE_MS },
      );
      for (const r of requests) r.resolve(owners.get(r.spec.address) ?? []);
    } catch (err) {
      for (const r of requests) r.reject(err);
    }
  }
  return {
    probeBeforeAdd(ifname: string, spec: VipSpec): Promise<string[]> {
      return new Promise((resolve, reject) => {
        const key = `${ifname}/${spec.family}`;
        const list = gathering.get(key);
        if (list) {
          list.push({ spec, resolve, reject });
          return;
        }
        gathering.set(key, [{ spec, resolve, reject }]);
        setTimeout(() => {
          const requests = gathering.get(key) ?? [];
          gathering.delete(key);
          void probeGathered(ifname, requests);
        }, PROBE_GATHER_MS);
      });
    },
    async link(ifname: string): Promise<LinkState> {
      const link = await getLink(ifname);
      if (!link) return { ready: false, reason: 'interface does not exist' };
      if (!link.adminUp) return { ready: false, reason: 'interface is administratively down' };
      if (!link.operUp) return { ready: false, reason: 'interface has no carrier' };
      return { ready: true };
    },
    async addVip(ifname: string, spec: VipSpec, lifetimeSec: number): Promise<void> {
      // Queued together, the address first: a route's gateway may be reachable only through the
      // VIP's own subnet. A route replaces itself; a rule the agent tracks is not added twice.
      const a = agent;
      const results = await Promise.allSettled([
        // The macvlan first: the agent creates it before it looks up the address's interface.
        ...(spec.vmac !== undefined ? [a.addVmac(vmacSpec(ifname, spec.family, spec.vmac))] : []),
        a.add(addressSpec(addressInterface(ifname, spec), spec, lifetimeSec)),
        ...routeSpecs(ifname, spec).map((r) => a.addRoute(r)),
        ...ruleSpecs(spec).map((r) => a.addRule(r)),
      ]);
      // A macvlan is made anew on every take (a new index): its link is looked up afresh.
      if (spec.vmac !== undefined) links.delete(vmacName(spec.family, spec.vmac));
      const failed = results.find((r) => r.status === 'rejected');
      if (failed === undefined) return;
      // All or nothing: the caller takes a failed add as "not up", so nothing of it may stay.
      await removeAll(a, ifname, spec).catch(() => undefined);
      throw failed.reason;
    },
    async refreshVips(entries, lifetimeSec) {
      // The agent refreshes only what it tracks, in this epoch: a fence in between makes these
      // fail, never re-creates an address.
      const requests = entries.map((e) =>
        addressSpec(addressInterface(e.ifname, e.spec), e.spec, lifetimeSec),
      );
      const failed = await agent.refresh(requests);
      // refresh hands back the very spec objects it was given.
      const byRequest = new Map(requests.map((r, i) => [r, entries[i]!]));
      return failed.flatMap((f) => {
        const e = byRequest.get(f.spec);
        return e ? [{ ...e, message: f.message }] : [];
      });
    },
    async removeVip(ifname: string, spec: VipSpec): Promise<boolean> {
      if (spec.vmac !== undefined) links.delete(vmacName(spec.family, spec.vmac));
      return removeAll(agent, ifname, spec);
    },
    async probeOwners(ifname, spec, timeoutMs): Promise<string[]> {
      const link = await recentLink(ifname);
      if (!link?.mac) throw new Error(`cannot probe on ${ifname}: no such interface or no MAC`);
      return probeOwners(
        { ifname, ifindex: link.index, mac: link.mac, address: spec.address, family: spec.family },
        { timeoutMs },
      );
    },
    async killOnFence(pid: number): Promise<void> {
      fencePid = pid === 0 ? undefined : pid;
      await agent.killOnFence(pid);
    },
    guard(budgetMs: number): void {
      agent.beat(budgetMs);
    },
    keepLifetimes(lifetimeSec: number, forMs: number): boolean {
      return agent.keepsLifetimes && agent.keepLifetimes(keepAfterMs(lifetimeSec), forMs);
    },
    async ready(): Promise<boolean> {
      return agent.ready;
    },
    async close(): Promise<void> {
      announcer.close();
      await agent.close();
    },
    async announce(ifname, spec, count, intervalMs, signal): Promise<number> {
      // A macvlan's cached link is dropped whenever it is made anew (addVip) or removed.
      const on = addressInterface(ifname, spec);
      const link = await recentLink(on);
      if (!link?.mac) throw new Error(`cannot announce on ${on}: no such interface or no MAC`);
      return announcer.announce(
        { ifname: on, ifindex: link.index, mac: link.mac, address: spec.address, family: spec.family },
        { count, intervalMs },
        signal,
      );
    },
    async listOwned() {
      const owned = await listOwnedAddresses();
      return owned.map((a) => ({
        ifname: a.ifname,
        address: a.address,
        prefixLen: a.prefixLen,
        family: a.family,
      }));
    },
    async listLeftovers(): Promise<Leftover[]> {
      const [routes, rules, vmacs] = await Promise.all([
        listOwnedRoutes(),
        listOwnedRules(),
        listVmacLinks(),
      ]);
      return [
        ...routes.map((r) => ({
          kind: 'route' as const,
          text: describeRoute(r),
          remove: () => agent.removeRoute(r),
        })),
        ...rules.map((r) => ({
          kind: 'rule' as const,
          text: describeRule(r),
          remove: () => agent.removeRule(r),
        })),
        ...vmacs.map((v) => ({
          kind: 'virtual MAC' as const,
          text: `${v.name} (${v.mac})${v.parent !== undefined ? ` on ${v.parent}` : ''}`,
          remove: () => agent.removeVmac(v.name),
        })),
      ];
    },
  };
}
