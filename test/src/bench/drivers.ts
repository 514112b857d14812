// The four systems under test behind one small interface: start on n1 and n2 with n1 holding
// the VIP, stop or kill the holder's daemon, stop everything. Runs only inside the lab.
import { VipdCluster } from '../e2e/vipd-cluster';
import { pollUntil, sleep } from '../harness/proc';
import { ipv4Of, type Lab, type NodeHost } from '../lab';
import { KeepalivedNode } from './keepalived';
import type { SystemId } from './model';

export const NODES: NodeHost[] = ['n1', 'n2'];
export const VIP = '198.51.100.100';
export const VIP_CIDR = `${VIP}/24`;
export const IFACE = 'e0';

export interface SystemDriver {
  /** Starts both nodes; resolves once n1 holds the VIP and n2 is ready to take over. */
  start(): Promise<void>;
  /** Stops (SIGTERM) or kills (SIGKILL) the daemon on host. */
  stopDaemon(host: NodeHost, signal: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Stops every daemon still running (bounded). */
  stopAll(): Promise<void>;
  /** Called once at the end of the run. */
  dispose(): Promise<void>;
  /** vipd only: every node's log lines so far, parsed. */
  logs?(): Record<string, unknown>[];
}

async function holders(lab: Lab): Promise<NodeHost[]> {
  const out: NodeHost[] = [];
  for (const h of NODES) if ((await lab.addresses(h)).includes(VIP_CIDR)) out.push(h);
  return out;
}

async function waitOnlyHolder(lab: Lab, host: NodeHost, timeoutMs: number): Promise<void> {
  await pollUntil(
    async () => {
      const h = await holders(lab);
      return h.length === 1 && h[0] === host ? true : undefined;
    },
    { timeoutMs, intervalMs: 20, what: `${VIP_CIDR} held by ${host} alone` },
  );
}

class VipdDriver implements SystemDriver {
  private readonly cluster: VipdCluster;

  constructor(
    private readonly lab: Lab,
    etcdEndpoint: string,
    profile: 'default' | 'fast',
    extraYaml: string[] = [],
    vipdCommand?: readonly string[],
  ) {
    this.cluster = new VipdCluster(lab, etcdEndpoint, {
      ttlSeconds: 3,
      extraYaml: [...(profile === 'fast' ? ['takeover:', '  profile: fast'] : []), ...extraYaml],
      ...(vipdCommand && { vipdCommand }),
    });
  }

  /** Revokes every lease left in etcd (node keys, leader keys) so each trial starts cold. */
  private async clearLeases(): Promise<void> {
    const out = await this.cluster.etcdctl(['lease', 'list']);
    for (const id of out.split('\n').map((l) => l.trim())) {
      if (/^[0-9a-f]+$/i.test(id)) await this.cluster.etcdctl(['lease', 'revoke', id]).catch(() => undefined);
    }
  }

  async start(): Promise<void> {
    await this.clearLeases();
    await this.cluster.putVip({
      name: 'web',
      address: VIP_CIDR,
      interface: IFACE,
      nodes: { n1: { priority: 150 }, n2: { priority: 100 } },
      preempt: true,
    });
    for (const h of NODES) this.cluster.start(h);
    await this.cluster.waitHolder(VIP_CIDR, NODES, 15_000, 'n1');
    await this.cluster.waitServing(NODES);
  }

  async stopDaemon(host: NodeHost, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    await this.cluster.signal(host, signal);
  }

  async stopAll(): Promise<void> {
    await this.cluster.stopAll();
  }

  async dispose(): Promise<void> {
    await this.stopAll();
  }

  logs(): Record<string, unknown>[] {
    return NODES.flatMap((h) => this.cluster.logs(h));
  }
}

class KeepalivedDriver implements SystemDriver {
  private readonly nodes: Map<NodeHost, KeepalivedNode>;

  constructor(
    private readonly lab: Lab,
    virtualRouterId: number,
    private readonly advertInt: 1 | 0.1,
  ) {
    const prio: Record<string, number> = { n1: 150, n2: 100 };
    this.nodes = new Map(
      NODES.map((h) => [
        h,
        new KeepalivedNode(lab, h, {
          routerId: h,
          virtualRouterId,
          priority: prio[h] ?? 100,
          advertInt,
          vrrpVersion: advertInt < 1 ? 3 : 2,
          iface: IFACE,
          vip: VIP_CIDR,
          srcIp: ipv4Of(h),
          peers: NODES.filter((p) => p !== h).map(ipv4Of),
        }),
      ]),
    );
  }

  private node(host: NodeHost): KeepalivedNode {
    const n = this.nodes.get(host);
    if (!n) throw new Error(`no keepalived for ${host}`);
    return n;
  }

  async start(): Promise<void> {
    // n1 first, alone, until it is MASTER with the VIP; then n2, which must settle in BACKUP
    // (it has heard n1's adverts for a while) before any fault.
    const advertMs = this.advertInt * 1000;
    const n1 = this.node('n1');
    const n2 = this.node('n2');
    await n1.start();
    // MASTER after its master-down timer (3 adverts and a skew) with nobody else around.
    await waitOnlyHolder(this.lab, 'n1', 4 * advertMs + 5000);
    await n2.start();
    // The log line is a hint only (a missing line must not hide a working daemon).
    await n2.waitState('BACKUP', 3000).catch(() => undefined);
    await sleep(Math.max(500, 2 * advertMs));
    if (!n1.running || !n2.running)
      throw new Error(`keepalived exited during start:\n${n2.log().slice(-1500)}`);
    await waitOnlyHolder(this.lab, 'n1', 2000);
  }

  async stopDaemon(host: NodeHost, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    if (signal === 'SIGKILL') await this.node(host).kill();
    else await this.node(host).stop();
  }

  async stopAll(): Promise<void> {
    for (const n of this.nodes.values()) await n.stop();
  }

  async dispose(): Promise<void> {
    for (const n of this.nodes.values()) await n.dispose();
  }
}

export function createDriver(
  system: SystemId,
  lab: Lab,
  etcdEndpoint: string,
  virtualRouterId: number,
  /** Extra top-level lines of vipd's YAML (vipd systems only). */
  vipdYaml: string[] = [],
  /** How vipd is started (vipd systems only; default: node and vipd's script). */
  vipdCommand?: readonly string[],
): SystemDriver {
  switch (system) {
    case 'vipd-default':
      return new VipdDriver(lab, etcdEndpoint, 'default', vipdYaml, vipdCommand);
    case 'vipd-fast':
      return new VipdDriver(lab, etcdEndpoint, 'fast', vipdYaml, vipdCommand);
    case 'keepalived-1':
      return new KeepalivedDriver(lab, virtualRouterId, 1);
    case 'keepalived-0.1':
      return new KeepalivedDriver(lab, virtualRouterId, 0.1);
  }
}
