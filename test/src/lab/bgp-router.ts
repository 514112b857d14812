/**
 * A routed fabric for BGP mode (docs/bgp.md), added to a lab: a router namespace on the lab's
 * switch (198.51.100.1) running BIRD 2, which peers with the nodes' gobgpd and installs what
 * it learns in its kernel table, and a client namespace behind the router on a link of its own
 * (203.0.113.0/25: router .1, client .2) that reaches the VIPs only through the router. Both
 * namespaces are the lab's (deleted by its teardown); nothing touches the root namespace.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pollUntil, run } from '../harness/proc';
import type { Lab } from './lab';
import { LAB_IFNAME } from './lab-network';
import { ipv4Of, ipv6Of, type HostName, type NodeHost } from './topology';

export const ROUTER_V4 = '198.51.100.1';
export const ROUTER_V6 = '2001:db8::1';
export const ROUTER_AS = 64500;
export const NODE_AS = 64512;
/** The client's link behind the router; VIPs in BGP mode are taken from 203.0.113.128/25. */
export const CLIENT_LINK = {
  router: '203.0.113.1',
  client: '203.0.113.2',
  prefixLen: 25,
  net: '203.0.113.0/25',
};
/** The same link's IPv6 (in a lab built with ipv6); IPv6 VIPs in BGP mode from 2001:db8:2::/64. */
export const CLIENT_LINK6 = { router: '2001:db8:1::1', client: '2001:db8:1::2', net: '2001:db8:1::/64' };

/**
 * The extra hosts' names. lab.exec/spawn take any name its namespaces are made of; these two
 * are not on the switch's address plan (topology.ts), hence the cast.
 */
export const ROUTER = 'rt' as HostName;
export const BEHIND = 'bc' as HostName;

/** Whether Debian's gobgpd and bird2 are installed (scripts/setup.sh installs both). */
export function bgpToolsMissing(): string | undefined {
  const missing = [
    ['gobgpd', ['--version']],
    ['bird', ['--version']],
    ['birdc', ['-v']],
  ].filter(([cmd, args]) => spawnSync(cmd as string, args as string[]).error !== undefined);
  return missing.length
    ? `${missing.map(([c]) => c).join(', ')} not installed (scripts/setup.sh installs gobgpd and bird2)`
    : undefined;
}

/**
 * How BIRD peers: over IPv4 (default) or over IPv6 (`transport6`: the sessions between the
 * routers' and the nodes' IPv6 addresses, IPv6 routes only), and with a TCP MD5 password per
 * node (RFC 2385; a node without one in `passwords` peers without).
 */
export interface BirdPeering {
  transport6?: boolean;
  passwords?: Partial<Record<NodeHost, string>>;
}

export function birdConfig(nodes: readonly NodeHost[], ipv6 = false, peering: BirdPeering = {}): string {
  const v6 = peering.transport6 ?? false;
  return [
    `router id ${ROUTER_V4};`,
    'log stderr all;',
    'protocol device { scan time 1; }',
    // What BGP learns goes into the router's kernel table: that is what forwards the client's packets.
    'protocol kernel { ipv4 { import none; export all; }; }',
    ...(ipv6 ? ['protocol kernel { ipv6 { import none; export all; }; }'] : []),
    ...nodes.map((n) =>
      [
        `protocol bgp ${n} {`,
        `  local ${v6 ? ROUTER_V6 : ROUTER_V4} as ${ROUTER_AS};`,
        `  neighbor ${v6 ? ipv6Of(n) : ipv4Of(n)} as ${NODE_AS};`,
        ...(peering.passwords?.[n] !== undefined ? [`  password "${peering.passwords[n]}";`] : []),
        // Both nodes are in one AS (NODE_AS), so BIRD compares their routes' MED (RFC 4271
        // 9.1.2.2 c): a newer holder's route (lower MED, docs/bgp.md) wins while an older one's is
        // still there. Nothing else is needed; a router that sees the nodes in different ASes
        // would need `med metric yes` here.
        // gobgpd connects; BIRD only listens, and takes a new session at once after one failed.
        '  passive on;',
        '  error wait time 1, 2;',
        '  hold time 9;',
        ...(v6 ? [] : ['  ipv4 { import all; export none; };']),
        // IPv6 host routes over the same session, their next hop in MP_REACH_NLRI.
        ...(ipv6 ? ['  ipv6 { import all; export none; };'] : []),
        '}',
      ].join('\n'),
    ),
    '',
  ].join('\n');
}

export class BgpRouter {
  private constructor(
    private readonly lab: Lab,
    private readonly socket: string,
  ) {}

  /** Builds the router and the client behind it, and starts BIRD peering with `nodes`. */
  static async start(lab: Lab, nodes: readonly NodeHost[], peering: BirdPeering = {}): Promise<BgpRouter> {
    const ipv6 = lab.options.ipv6 ?? false;
    if (peering.transport6 && !ipv6) throw new Error('BGP over IPv6 needs a lab built with ipv6');
    const rt = lab.nsName(ROUTER);
    const bc = lab.nsName(BEHIND);
    for (const ns of [rt, bc]) {
      await run(['ip', 'netns', 'add', ns]);
      lab.createdNamespaces.push(ns);
      await run(['ip', '-n', ns, 'link', 'set', 'lo', 'up']);
    }
    const port = lab.names.switchPortOf(ROUTER);
    const sw = lab.names.switchNs;
    for (const argv of [
      ['ip', '-n', rt, 'link', 'add', LAB_IFNAME, 'type', 'veth', 'peer', 'name', port, 'netns', sw],
      ['ip', '-n', sw, 'link', 'set', port, 'master', lab.names.bridge],
      ['ip', '-n', sw, 'link', 'set', port, 'up'],
      ['ip', '-n', rt, 'addr', 'add', `${ROUTER_V4}/24`, 'dev', LAB_IFNAME],
      ['ip', '-n', rt, 'link', 'set', LAB_IFNAME, 'up'],
      ['ip', '-n', rt, 'link', 'add', 'e1', 'type', 'veth', 'peer', 'name', 'e0', 'netns', bc],
      ['ip', '-n', rt, 'addr', 'add', `${CLIENT_LINK.router}/${CLIENT_LINK.prefixLen}`, 'dev', 'e1'],
      ['ip', '-n', rt, 'link', 'set', 'e1', 'up'],
      ['ip', '-n', bc, 'addr', 'add', `${CLIENT_LINK.client}/${CLIENT_LINK.prefixLen}`, 'dev', 'e0'],
      ['ip', '-n', bc, 'link', 'set', 'e0', 'up'],
      ['ip', '-n', bc, 'route', 'add', 'default', 'via', CLIENT_LINK.router],
      ['ip', 'netns', 'exec', rt, 'sysctl', '-q', '-w', 'net.ipv4.ip_forward=1'],
      // The nodes answer the client through the router.
      ...nodes.map((n) => ['ip', '-n', lab.nsName(n), 'route', 'add', CLIENT_LINK.net, 'via', ROUTER_V4]),
      ...(ipv6
        ? [
            ['ip', 'netns', 'exec', rt, 'sysctl', '-q', '-w', 'net.ipv6.conf.all.forwarding=1'],
            ['ip', '-n', rt, 'addr', 'add', `${ROUTER_V6}/64`, 'dev', LAB_IFNAME, 'nodad'],
            ['ip', '-n', rt, 'addr', 'add', `${CLIENT_LINK6.router}/64`, 'dev', 'e1', 'nodad'],
            ['ip', '-n', bc, 'addr', 'add', `${CLIENT_LINK6.client}/64`, 'dev', 'e0', 'nodad'],
            ['ip', '-n', bc, '-6', 'route', 'add', 'default', 'via', CLIENT_LINK6.router],
            ...nodes.map((n) => [
              'ip',
              '-n',
              lab.nsName(n),
              '-6',
              'route',
              'add',
              CLIENT_LINK6.net,
              'via',
              ROUTER_V6,
            ]),
          ]
        : []),
    ])
      await run(argv);
    const conf = join(lab.dir, 'bird.conf');
    const socket = join(lab.dir, 'bird.ctl');
    writeFileSync(conf, birdConfig(nodes, ipv6, peering));
    lab.spawn(ROUTER, ['bird', '-f', '-c', conf, '-s', socket, '-P', join(lab.dir, 'bird.pid')], {
      logFile: join(lab.logDir, 'bird.log'),
    });
    const router = new BgpRouter(lab, socket);
    await pollUntil(
      async () =>
        (await router.birdc('show status').catch(() => '')).includes('Daemon is up') ? true : undefined,
      {
        timeoutMs: 10_000,
        what: 'BIRD to start',
      },
    );
    return router;
  }

  /** A birdc command's output. */
  birdc(command: string): Promise<string> {
    return run(['birdc', '-s', this.socket, ...command.split(' ')]);
  }

  /** BGP session state per node ("Established", "Passive", "Idle", …), from `show protocols`. */
  async sessions(): Promise<Record<string, string>> {
    const out = await this.birdc('show protocols');
    const states: Record<string, string> = {};
    for (const line of out.split('\n')) {
      const m = /^(n\d)\s+BGP\s.*?\s(Established|Idle|Active|Connect|OpenSent|OpenConfirm|Passive)\b/.exec(
        line.trim(),
      );
      if (m) states[m[1]!] = m[2]!;
    }
    return states;
  }

  /**
   * BIRD's routes to `address` (its /32 or /128): which node's session each came from, whether
   * BIRD chose it (best), and its MED (undefined: none).
   */
  async bgpRoutes(address: string): Promise<{ from: string; best: boolean; med: number | undefined }[]> {
    const prefix = `${address}/${address.includes(':') ? 128 : 32}`;
    const out = await this.birdc(`show route ${prefix} all`);
    const routes: { from: string; best: boolean; med: number | undefined }[] = [];
    for (const line of out.split('\n')) {
      const head = /unicast \[(\w+) [^\]]*\]( \*)?/.exec(line);
      if (head) routes.push({ from: head[1]!, best: head[2] !== undefined, med: undefined });
      const med = /^\s*BGP\.med: (\d+)/.exec(line);
      if (med && routes.length > 0) routes[routes.length - 1]!.med = Number(med[1]);
    }
    return routes;
  }

  /** The gateways the router's kernel forwards `address` to (its /32 or /128), [] when it has no route. */
  async nextHops(address: string): Promise<string[]> {
    const v6 = address.includes(':');
    const prefix = `${address}/${v6 ? 128 : 32}`;
    const out = await this.lab.exec(ROUTER, ['ip', v6 ? '-6' : '-4', '-json', 'route', 'show', prefix]);
    const rows = (out.trim() ? JSON.parse(out) : []) as {
      gateway?: string;
      nexthops?: { gateway: string }[];
    }[];
    return rows.flatMap((r) => (r.gateway ? [r.gateway] : (r.nexthops ?? []).map((h) => h.gateway)));
  }

  /** Waits until the router forwards `address` to `host` only; resolves with the time (epoch ms). */
  async waitRouteTo(address: string, host: NodeHost, timeoutMs: number): Promise<number> {
    const want = address.includes(':') ? ipv6Of(host) : ipv4Of(host);
    return pollUntil(
      async () => {
        const hops = await this.nextHops(address);
        return hops.length === 1 && hops[0] === want ? Date.now() : undefined;
      },
      { timeoutMs, intervalMs: 20, what: `the router's route to ${address} via ${host}` },
    );
  }
}
