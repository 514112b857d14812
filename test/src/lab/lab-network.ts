// The commands that build a lab: pure planning (argv arrays, no shell), run by lab.ts.
// Every command names a lab namespace explicitly (`ip -n NS` or `ip netns exec NS`), so
// nothing is ever added to the root namespace: veths are created inside the host namespace
// with their peer placed straight into the switch namespace.
import { ipv4Of, ipv6Of, type HostName, type LabNames } from './topology';

export type Argv = string[];

export const LAB_IFNAME = 'e0';
export const BLOCK_TABLE = 'vipdlab_block';

/** Step 1: the namespaces (switch first). */
export function namespaceCommands(names: LabNames, hosts: readonly HostName[]): Argv[] {
  return [names.switchNs, ...hosts.map((h) => names.nsOf(h))].map((ns) => ['ip', 'netns', 'add', ns]);
}

/**
 * Step 2: the switch, a plain L2 segment: a bridge without STP (ports forward at once) and
 * without multicast snooping (IPv6 neighbour discovery floods like on a dumb switch). IPv6 is
 * off in the switch namespace so the bridge and its ports send nothing of their own.
 */
export function switchCommands(names: LabNames): Argv[] {
  const sw = names.switchNs;
  return [
    sysctl(sw, ['net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1']),
    ['ip', '-n', sw, 'link', 'set', 'lo', 'up'],
    ['ip', '-n', sw, 'link', 'add', names.bridge, 'type', 'bridge', 'stp_state', '0', 'mcast_snooping', '0'],
    ['ip', '-n', sw, 'link', 'set', names.bridge, 'up'],
  ];
}

/** Step 3, per host (hosts are independent of each other, so they may run concurrently). */
export function hostCommands(names: LabNames, host: HostName, ipv6: boolean): Argv[] {
  const ns = names.nsOf(host);
  const port = names.switchPortOf(host);
  const cmds: Argv[] = [];
  if (ipv6) {
    // Before e0 exists, so e0 inherits "default": no DAD delay on the link-local address
    // either (global addresses are also added with nodad).
    cmds.push(sysctl(ns, ['net.ipv6.conf.all.accept_dad=0', 'net.ipv6.conf.default.accept_dad=0']));
  }
  cmds.push(
    ['ip', '-n', ns, 'link', 'set', 'lo', 'up'],
    [
      'ip',
      '-n',
      ns,
      'link',
      'add',
      LAB_IFNAME,
      'type',
      'veth',
      'peer',
      'name',
      port,
      'netns',
      names.switchNs,
    ],
    ['ip', '-n', names.switchNs, 'link', 'set', port, 'master', names.bridge],
    ['ip', '-n', names.switchNs, 'link', 'set', port, 'up'],
    ['ip', '-n', ns, 'addr', 'add', `${ipv4Of(host)}/24`, 'dev', LAB_IFNAME],
  );
  if (ipv6) cmds.push(['ip', '-n', ns, 'addr', 'add', `${ipv6Of(host)}/64`, 'dev', LAB_IFNAME, 'nodad']);
  cmds.push(['ip', '-n', ns, 'link', 'set', LAB_IFNAME, 'up']);
  return cmds;
}

function sysctl(ns: string, settings: string[]): Argv {
  return ['ip', 'netns', 'exec', ns, 'sysctl', '-q', '-w', ...settings];
}

/**
 * An nftables ruleset (for `nft -f`) that drops everything between e0 and the given addresses
 * in both directions. It sits on e0's netdev ingress/egress hooks, below the IP stack, so it
 * looks like a partition rather than a local firewall: TCP just sees no answers. (A UDP or
 * ICMP sender gets ENOBUFS from the egress drop; TCP treats that as a lost segment.)
 */
export function blockRuleset(addresses: { v4: string[]; v6: string[] }, table: string = BLOCK_TABLE): string {
  const match = (dir: 'saddr' | 'daddr'): string[] => [
    ...addresses.v4.map((a) => `    ip ${dir} ${a} drop`),
    ...addresses.v6.map((a) => `    ip6 ${dir} ${a} drop`),
  ];
  return [
    `table netdev ${table} {`,
    '  chain ingress {',
    `    type filter hook ingress device "${LAB_IFNAME}" priority 0; policy accept;`,
    ...match('saddr'),
    '  }',
    '  chain egress {',
    `    type filter hook egress device "${LAB_IFNAME}" priority 0; policy accept;`,
    ...match('daddr'),
    '  }',
    '}',
    '',
  ].join('\n');
}

/**
 * nftables ruleset for the egress of a host's lab interface: packets to these addresses longer
 * than `minBytes` (the frame, headers included) are dropped, shorter ones pass. A path that
 * carries TCP acknowledgements, HTTP/2 pings and ICMP echo but loses every larger segment, as an
 * MTU black hole does.
 */
export function dropLargeRuleset(
  addresses: { v4: string[]; v6: string[] },
  minBytes: number,
  table: string,
): string {
  return [
    `table netdev ${table} {`,
    '  chain egress {',
    `    type filter hook egress device "${LAB_IFNAME}" priority 0; policy accept;`,
    ...addresses.v4.map((a) => `    ip daddr ${a} meta length > ${minBytes} drop`),
    ...addresses.v6.map((a) => `    ip6 daddr ${a} meta length > ${minBytes} drop`),
    '  }',
    '}',
    '',
  ].join('\n');
}
