/**
 * The shared setup of the fault scenarios: a fresh lab with etcd (one member or a 3-member
 * cluster), vipd on the node hosts, one VIP up on the expected node, every vipd SERVING, and a
 * SafetyMonitor and a 10 ms pinger from the client running before the fault. On a failure the
 * last vipd log lines are printed; the lab is always torn down.
 */
import { sleep } from '../harness/proc';
export { skipUnlessRoot } from '../harness/lab-skip';
import {
  ETCD_MEMBER_HOSTS,
  type EtcdHost,
  LabEtcdCluster,
  type Lab,
  type NodeHost,
  type Pinger,
  type PingStats,
  waitClientFollows,
  withLab,
} from '../lab';
import { VipdCluster, type VipdNodeOptions } from '../e2e/vipd-cluster';
import { formatTimeline, pingGaps, SafetyMonitor } from './monitor';

export const VIP = '198.51.100.100';
export const VIP_CIDR = `${VIP}/24`;
export const TTL = 3;

export type Spec = Record<string, unknown> & { name: string };

export const baseSpec: Spec = {
  name: 'web',
  address: VIP_CIDR,
  interface: 'e0',
  nodes: { n1: { priority: 150 }, n2: { priority: 100 } },
  preempt: true,
};

export interface FaultCluster {
  lab: Lab;
  vipd: VipdCluster;
  monitor: SafetyMonitor;
  ping: Pinger;
  nodes: NodeHost[];
  /** Set with etcdMembers: 3. */
  etcd: LabEtcdCluster | undefined;
  /** Prints the timeline and the last log lines of every vipd (for a failure or a finding). */
  dump(t0?: number): void;
}

export interface FaultOptions {
  nodes?: 2 | 3;
  etcdMembers?: 1 | 3;
  spec?: Spec;
  /** More VIPs, put beside `spec` before vipd starts (e.g. the other members of its group). */
  moreSpecs?: Spec[];
  vipd?: VipdNodeOptions;
  /** Runs after etcd is up, before vipd starts (e.g. start the services a check probes). */
  beforeStart?: (lab: Lab) => Promise<void>;
  /** The node expected to hold the VIP after the start (default n1). */
  firstHolder?: NodeHost;
  /**
   * With etcdMembers: 3, the members each listed node can reach while it starts (the others
   * are unreachable routes in its namespace until every vipd is SERVING). Its etcd client's one
   * watch stream opens on one of them and stays there until that connection breaks; note that
   * etcd3 closes all of a member's connections when a call to it fails with a recoverable error
   * (a deadline, "no leader"), and the watch then reopens on any member.
   */
  etcdAtStart?: Partial<Record<NodeHost, EtcdHost[]>>;
}

export async function withFaultCluster(
  opts: FaultOptions,
  fn: (c: FaultCluster) => Promise<void>,
): Promise<void> {
  const nodeCount = opts.nodes ?? 2;
  const nodes: NodeHost[] = nodeCount === 3 ? ['n1', 'n2', 'n3'] : ['n1', 'n2'];
  await withLab({ nodes: nodeCount, etcd: true, etcdMembers: opts.etcdMembers ?? 1 }, async (lab) => {
    let etcd: LabEtcdCluster | undefined;
    let endpoint: string;
    if (opts.etcdMembers === 3) {
      etcd = new LabEtcdCluster(lab);
      endpoint = await etcd.start();
    } else {
      endpoint = await lab.startEtcd();
    }
    const vipd = new VipdCluster(lab, endpoint, { ttlSeconds: TTL, ...opts.vipd });
    let monitor: SafetyMonitor | undefined;
    let ping: Pinger | undefined;
    const dump = (t0?: number): void => {
      if (monitor) console.log(`# timeline of ${VIP}: ${formatTimeline(monitor.timeline, VIP, t0)}`);
      vipd.printLogTails(nodes, 25);
    };
    try {
      await vipd.putVip(opts.spec ?? baseSpec);
      for (const spec of opts.moreSpecs ?? []) await vipd.putVip(spec);
      await opts.beforeStart?.(lab);
      const hidden = Object.entries(opts.etcdAtStart ?? {}).map(
        ([h, reach]) => [h as NodeHost, ETCD_MEMBER_HOSTS.filter((m) => !reach.includes(m))] as const,
      );
      for (const [h, members] of hidden) await lab.routeUnreachable(h, members);
      // The expected first holder starts first and the others once it holds: with preempt off,
      // whichever node comes up first keeps the VIP, and on a busy machine the node started
      // first is not always the one whose daemon is up first (CI: n1's start ran 1 s late and
      // n2 took the VIP for good).
      const first = opts.firstHolder ?? 'n1';
      vipd.start(first);
      await vipd.waitHolder(VIP_CIDR, nodes, 15_000, first);
      for (const h of nodes) if (h !== first) vipd.start(h);
      await vipd.waitServing(nodes);
      for (const [h, members] of hidden) await lab.routeReachable(h, members);
      monitor = await SafetyMonitor.start(lab, VIP, nodes);
      ping = lab.startPing('cli', VIP);
      await ping.waitForReply(5000);
      await sleep(200);
      await fn({ lab, vipd, monitor, ping, nodes, etcd, dump });
    } catch (err) {
      dump();
      throw err;
    } finally {
      await ping?.stop().catch(() => undefined);
      await monitor?.stop().catch(() => undefined);
      await vipd.stopAll();
    }
  });
}

/** The lab's waitClientFollows for this cluster's VIP and pinger. */
export function clientFollows(c: FaultCluster, host: NodeHost, settleMs = 500): Promise<PingStats> {
  return waitClientFollows(c.lab, c.ping, VIP, host, settleMs);
}

/** Log lines of `host`'s vipd with the given message. */
export function logsWith(c: FaultCluster, host: NodeHost, msg: string): Record<string, unknown>[] {
  return c.vipd.logs(host).filter((l) => l.msg === msg);
}

/** The client's lost-answer stretches of at least `minMs` so far. */
export function clientGaps(c: FaultCluster, minMs = 15): ReturnType<typeof pingGaps> {
  return pingGaps(c.ping.output().split('\n'), c.ping.intervalMs).filter((g) => g.ms >= minMs);
}

/** The client's lost-answer stretches as text relative to t0, e.g. `+1234 ms: 111 ms`. */
export function describeGaps(c: FaultCluster, t0: number, minMs = 15): string {
  const gaps = clientGaps(c, minMs);
  return gaps.map((g) => `+${Math.round(g.from - t0)} ms: ${Math.round(g.ms)} ms`).join(', ') || 'none';
}
