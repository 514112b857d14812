// The lab's address plan and names: pure, so tests and the lab agree on them.
import { randomBytes } from 'node:crypto';

export type NodeHost = 'n1' | 'n2' | 'n3';
/** `etcd2`/`etcd3` exist only with `etcdMembers: 3` (a 3-member etcd cluster). */
export type EtcdHost = 'etcd' | 'etcd2' | 'etcd3';
/** Backends of virtual services (real servers), with `backends` in LabOptions. */
export type BackendHost = 'b1' | 'b2' | 'b3';
export type HostName = NodeHost | EtcdHost | BackendHost | 'cli';

export interface LabOptions {
  nodes: 2 | 3;
  ipv6?: boolean;
  etcd?: boolean;
  /** With `etcd`: 3 adds the hosts etcd2 and etcd3 (198.51.100.3 and .4) for an etcd cluster. */
  etcdMembers?: 1 | 3;
  /** Adds backend hosts b1..bN (198.51.100.21..) for virtual services. */
  backends?: 1 | 2 | 3;
}

/** Only documentation ranges (RFC 5737 / RFC 3849), and only inside the lab's namespaces. */
export const LAB_SUBNET_V4 = '198.51.100.0/24';
export const LAB_SUBNET_V6 = '2001:db8::/64';

const HOST_SUFFIX: Record<HostName, number> = {
  etcd: 2,
  etcd2: 3,
  etcd3: 4,
  n1: 11,
  n2: 12,
  n3: 13,
  b1: 21,
  b2: 22,
  b3: 23,
  cli: 50,
};

/** The host's IPv4 address without prefix, e.g. 198.51.100.11. */
export function ipv4Of(host: HostName): string {
  return `198.51.100.${HOST_SUFFIX[host]}`;
}

/** The host's IPv6 address without prefix, e.g. 2001:db8::11. */
export function ipv6Of(host: HostName): string {
  return `2001:db8::${HOST_SUFFIX[host]}`;
}

/** A free address in the lab's subnet for VIPs (100..199 are never given to a host). */
export function vipV4(n = 0): string {
  return `198.51.100.${100 + n}`;
}

export function vipV6(n = 0): string {
  return `2001:db8::${100 + n}`;
}

export function labHosts(opts: LabOptions): HostName[] {
  const nodes: NodeHost[] = opts.nodes === 3 ? ['n1', 'n2', 'n3'] : ['n1', 'n2'];
  const etcd: EtcdHost[] = !opts.etcd ? [] : opts.etcdMembers === 3 ? ['etcd', 'etcd2', 'etcd3'] : ['etcd'];
  const backends = (['b1', 'b2', 'b3'] as const).slice(0, opts.backends ?? 0);
  return [...nodes, ...etcd, ...backends, 'cli'];
}

export interface LabNames {
  id: string;
  prefix: string;
  switchNs: string;
  bridge: string;
  nsOf(host: HostName): string;
  /** The switch-side end of the host's veth (inside the switch namespace). */
  switchPortOf(host: HostName): string;
}

/** Names unique per run: a 6-hex-digit id in every namespace name. */
export function labNames(id: string = randomBytes(3).toString('hex')): LabNames {
  const prefix = `vipdlab-${id}-`;
  return {
    id,
    prefix,
    switchNs: `${prefix}sw`,
    bridge: 'br0',
    nsOf: (host) => `${prefix}${host}`,
    switchPortOf: (host) => `p-${host}`,
  };
}

/** Canonical text of an IP address (drops a prefix; IPv6 compressed and lower-case). */
export function canonicalIp(address: string): string {
  const bare = address.split('/')[0] ?? address;
  if (!bare.includes(':')) return bare;
  return new URL(`http://[${bare}]/`).hostname.slice(1, -1);
}
