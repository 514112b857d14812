/**
 * The one kind of path vipd announces: a VIP as a host route (/32 or /128) with this node's
 * address as next hop, origin IGP, and a MED that makes a newer holder's route win over an older
 * one's (medOfRevision). Pure (given the vendored protos), unit-tested by decoding.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { packAny } from './api';
import type { Family } from './generated/apipb/Family';
import type { Path } from './generated/apipb/Path';

export interface HostRoute {
  /** The VIP, without prefix. */
  address: string;
  /** This node's address the router should forward to (same family as the VIP). */
  nextHop: string;
  /** MULTI_EXIT_DISC (lower wins on the router); none when undefined. See medOfRevision. */
  med?: number;
}

/** The largest MED vipd sends: 2^32 - 2 (some routers read 2^32 - 1 as "unreachable"). */
export const MED_MAX = 0xfffffffe;

/**
 * The MED of a holder's route, from the VIP's fencing revision (the create revision of its
 * leader key in etcd): a newer holder has a larger revision, so a lower MED, and the router
 * prefers its route at once even while an older holder's stale route is still there (a holder
 * cut from its router keeps its route there until the BGP hold time). MED = MED_MAX -
 * (revision mod MED_MAX), in 1..MED_MAX: the order holds for any two revisions in the same block
 * of 2^32 - 2 revisions; only a failover whose two revisions straddle a block's end (once every
 * ~4.3 billion etcd writes) gets the old order, i.e. the stale route until the hold time, as
 * without a MED. docs/bgp.md, "The newest holder's route wins".
 */
export function medOfRevision(revision: string | bigint): number {
  const rev = typeof revision === 'bigint' ? revision : BigInt(revision);
  if (rev < 0n) throw new Error(`revision ${rev} is negative`);
  return MED_MAX - Number(rev % BigInt(MED_MAX));
}

export function familyOf(address: string): 4 | 6 {
  if (isIPv4(address)) return 4;
  if (isIPv6(address)) return 6;
  throw new Error(`${JSON.stringify(address)} is not an IP address`);
}

export function bgpFamily(family: 4 | 6): Family {
  return { afi: family === 4 ? 'AFI_IP' : 'AFI_IP6', safi: 'SAFI_UNICAST' };
}

/** Loads and parses the vendored protos now (the first path built otherwise pays for it). */
export function warmUp(): void {
  hostRoutePath({ address: '192.0.2.1', nextHop: '192.0.2.2' });
}

/** "198.51.100.10/32" or "2001:db8::10/128": how logs and errors name the route. */
export function routeName(route: Pick<HostRoute, 'address'>): string {
  return `${route.address}/${familyOf(route.address) === 4 ? 32 : 128}`;
}

/**
 * The GoBGP Path for a host route. IPv4 carries its next hop in NEXT_HOP; IPv6 in
 * MP_REACH_NLRI (RFC 4760), as GoBGP expects for AFI_IP6.
 */
export function hostRoutePath(route: HostRoute): Path {
  const family = familyOf(route.address);
  if (familyOf(route.nextHop) !== family) {
    throw new Error(`next hop ${route.nextHop} is not of the family of ${route.address}`);
  }
  const nlri = packAny('IPAddressPrefix', { prefix: route.address, prefix_len: family === 4 ? 32 : 128 });
  const origin = packAny('OriginAttribute', { origin: 0 });
  const nextHop =
    family === 4
      ? packAny('NextHopAttribute', { next_hop: route.nextHop })
      : packAny('MpReachNLRIAttribute', {
          family: { afi: 2, safi: 1 },
          next_hops: [route.nextHop],
          nlris: [nlri],
        });
  const med = route.med === undefined ? [] : [packAny('MultiExitDiscAttribute', { med: route.med })];
  return { family: bgpFamily(family), nlri, pattrs: [origin, nextHop, ...med] };
}
