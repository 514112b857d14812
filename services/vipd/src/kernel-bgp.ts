/**
 * BGP mode on the kernel path (docs/bgp.md): a Kernel that also announces a VIP in bgp or both
 * mode through the node's gobgpd once its address is up, withdraws it before the address goes,
 * and sends no gratuitous ARP / NA for a VIP in bgp mode. Everything else is the inner kernel's.
 */
import type { VipSpec } from '@vipd/store';
import type { Kernel } from './kernel';

/** What the wrapper needs of the speaker (bgp-speaker.ts). */
export interface RouteAnnouncer {
  /** `revision`: the fencing revision the VIP is held under (the route's MED). */
  announce(spec: VipSpec, revision?: string): Promise<void>;
  withdraw(spec: VipSpec): Promise<void>;
  /** Why a VIP in bgp mode may not be added now (no session), or undefined. */
  cannotAdd(spec: VipSpec): string | undefined;
}

export const usesBgp = (spec: VipSpec): boolean => spec.announce.mode !== 'arp';
export const usesArp = (spec: VipSpec): boolean => spec.announce.mode !== 'bgp';

export function withBgp(kernel: Kernel, speaker: RouteAnnouncer): Kernel {
  const wrapped = Object.create(kernel) as Kernel;
  wrapped.addVip = async (ifname, spec, lifetimeSec, revision) => {
    // A route nobody receives would only make the VIP vanish (the readiness check makes the node
    // ineligible as well; this closes the moment before it has).
    const problem = spec.announce.mode === 'bgp' ? speaker.cannotAdd(spec) : undefined;
    if (problem !== undefined) throw new Error(`not adding ${spec.address} (announce.mode bgp): ${problem}`);
    await kernel.addVip(ifname, spec, lifetimeSec, revision);
    // After the address: traffic the route attracts finds it here.
    if (usesBgp(spec)) await speaker.announce(spec, revision);
  };
  wrapped.removeVip = async (ifname, spec) => {
    // Before the address: the routers stop sending here first.
    if (usesBgp(spec)) await speaker.withdraw(spec);
    return kernel.removeVip(ifname, spec);
  };
  wrapped.announce = async (ifname, spec, count, intervalMs, signal) =>
    usesArp(spec) ? kernel.announce(ifname, spec, count, intervalMs, signal) : 0;
  return wrapped;
}

/**
 * Pure: the VIPs this node may not hold because of BGP mode, with why: a VIP in bgp mode on a
 * node without `bgp:` or without an established BGP session (its route would reach no router),
 * or an IPv6 one without bgp.nextHop6 (never a silent black hole). A VIP in both mode still
 * reaches its link by ARP, so only a missing `bgp:` or nextHop6 stops it.
 */
export function bgpUnready(
  specs: Iterable<VipSpec>,
  bgp: { nextHop6?: string } | undefined,
  sessionUp = true,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const spec of specs) {
    if (!usesBgp(spec)) continue;
    if (!bgp)
      out.set(
        spec.name,
        `announce.mode ${spec.announce.mode} but this node has no bgp: section (docs/bgp.md)`,
      );
    else if (spec.family === 6 && bgp.nextHop6 === undefined)
      out.set(spec.name, `announce.mode ${spec.announce.mode} on an IPv6 VIP but bgp.nextHop6 is not set`);
    else if (!sessionUp && spec.announce.mode === 'bgp') out.set(spec.name, 'no BGP session established');
  }
  return out;
}
