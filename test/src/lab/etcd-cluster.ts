// A 3-member etcd cluster inside a lab: one member per etcd host namespace (etcd, etcd2, etcd3:
// 198.51.100.2, .3, .4), clients on :2379 and peers on :2380 of the lab network. Members can be
// killed and restarted on the same data directory. Needs createLab({ etcd: true, etcdMembers: 3 }).
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ETCDCTL_BIN, etcdArgs } from '../harness/etcd-local';
import type { RunOptions } from '../harness/proc';
import { waitEtcdHealthy } from './lab-etcd';
import { ipv4Of, type EtcdHost, type HostName } from './topology';

export const ETCD_MEMBER_HOSTS: readonly EtcdHost[] = ['etcd', 'etcd2', 'etcd3'];
const CLIENT_PORT = 2379;
const PEER_PORT = 2380;

/** The part of a Lab this needs (kept narrow so this file does not import lab.ts). */
export interface EtcdClusterLab {
  readonly dir: string;
  readonly logDir: string;
  readonly hosts: readonly HostName[];
  readonly names: { id: string };
  spawn(host: HostName, argv: readonly string[], opts: { logFile?: string }): ChildProcess;
  exec(host: HostName, argv: readonly string[], opts?: RunOptions): Promise<string>;
  kill(proc: ChildProcess, signal?: NodeJS.Signals, waitMs?: number): Promise<unknown>;
}

export interface MemberStatus {
  host: EtcdHost;
  endpoint: string;
  memberId: string;
  leaderId: string;
  raftTerm: number;
  isLeader: boolean;
}

export function memberEndpoint(host: EtcdHost): string {
  return `http://${ipv4Of(host)}:${CLIENT_PORT}`;
}

function memberName(host: EtcdHost): string {
  return `m-${host}`;
}

/** The flags of one member of the lab's 3-member cluster (pure). */
export function etcdMemberArgs(host: EtcdHost, dataDir: string, token: string): string[] {
  const peer = (h: EtcdHost): string => `http://${ipv4Of(h)}:${PEER_PORT}`;
  return etcdArgs({
    name: memberName(host),
    dataDir,
    clientUrls: [memberEndpoint(host)],
    peerUrl: peer(host),
    initialCluster: ETCD_MEMBER_HOSTS.map((h) => `${memberName(h)}=${peer(h)}`).join(','),
    clusterToken: token,
  });
}

/**
 * Parses `etcdctl endpoint status -w json` (etcd 3.4). Member ids are uint64 and do not fit a
 * JS number, so they are quoted before JSON.parse.
 */
export function parseEndpointStatus(
  text: string,
): { endpoint: string; memberId: string; leaderId: string; raftTerm: number }[] {
  const quoted = text.replace(
    /"(cluster_id|member_id|leader|revision|raft_index|raftIndex)":(\d+)/g,
    '"$1":"$2"',
  );
  const rows = JSON.parse(quoted) as {
    Endpoint: string;
    Status: { header: { member_id: string; raft_term?: number }; leader: string; raftTerm?: number };
  }[];
  return rows.map((r) => ({
    endpoint: r.Endpoint,
    memberId: r.Status.header.member_id,
    leaderId: r.Status.leader,
    raftTerm: Number(r.Status.raftTerm ?? r.Status.header.raft_term ?? 0),
  }));
}

export class LabEtcdCluster {
  readonly procs = new Map<EtcdHost, ChildProcess>();
  private starts = 0;

  constructor(private readonly lab: EtcdClusterLab) {
    for (const h of ETCD_MEMBER_HOSTS) {
      if (!lab.hosts.includes(h)) throw new Error('createLab({ etcd: true, etcdMembers: 3 }) is needed');
    }
  }

  /** Every member's client URL, comma separated (etcdctl --endpoints, vipd's YAML list). */
  get endpoints(): string {
    return ETCD_MEMBER_HOSTS.map(memberEndpoint).join(',');
  }

  dataDir(host: EtcdHost): string {
    return join(this.lab.dir, `etcd-${host}-data`);
  }

  private spawnMember(host: EtcdHost): ChildProcess {
    const args = etcdMemberArgs(host, this.dataDir(host), `vipdlab-${this.lab.names.id}`);
    const proc = this.lab.spawn(host, ['etcd', ...args], {
      logFile: join(this.lab.logDir, `etcd-${host}.${++this.starts}.log`),
    });
    this.procs.set(host, proc);
    return proc;
  }

  /** Starts all three members (they bootstrap together) and waits until each is healthy. */
  async start(): Promise<string> {
    for (const h of ETCD_MEMBER_HOSTS) this.spawnMember(h);
    await Promise.all(
      ETCD_MEMBER_HOSTS.map((h) => waitEtcdHealthy(this.lab, this.procs.get(h)!, memberEndpoint(h))),
    );
    return this.endpoints;
  }

  /** Runs etcdctl (API v3) from the first etcd host against the given endpoints (default: all). */
  etcdctl(args: readonly string[], endpoints = this.endpoints): Promise<string> {
    return this.lab.exec('etcd', [ETCDCTL_BIN, '--endpoints', endpoints, ...args], {
      env: { ETCDCTL_API: '3' },
      timeoutMs: 5000,
    });
  }

  /** Status of each running member (members that do not answer are left out). */
  async status(): Promise<MemberStatus[]> {
    const out: MemberStatus[] = [];
    for (const host of this.procs.keys()) {
      const endpoint = memberEndpoint(host);
      try {
        const text = await this.etcdctl(
          ['--dial-timeout', '1s', '--command-timeout', '2s', 'endpoint', 'status', '-w', 'json'],
          endpoint,
        );
        const [row] = parseEndpointStatus(text);
        if (row) out.push({ host, ...row, isLeader: row.leaderId !== '0' && row.leaderId === row.memberId });
      } catch {
        // not answering
      }
    }
    return out;
  }

  /** The member that is the raft leader now, or undefined. */
  async leader(): Promise<EtcdHost | undefined> {
    return (await this.status()).find((s) => s.isLeader)?.host;
  }

  /** SIGKILL on one member (by PID); resolves once it has exited. */
  async kill(host: EtcdHost): Promise<void> {
    const proc = this.procs.get(host);
    if (!proc) throw new Error(`etcd member on ${host} is not running`);
    await this.lab.kill(proc, 'SIGKILL');
    this.procs.delete(host);
  }

  /** Starts a killed member again on its data directory (does not wait for health). */
  restart(host: EtcdHost): ChildProcess {
    if (this.procs.has(host)) throw new Error(`etcd member on ${host} is still running`);
    return this.spawnMember(host);
  }

  /** Waits until the given member answers health (needs quorum). */
  async waitHealthy(host: EtcdHost): Promise<void> {
    const proc = this.procs.get(host);
    if (!proc) throw new Error(`etcd member on ${host} is not running`);
    await waitEtcdHealthy(this.lab, proc, memberEndpoint(host));
  }
}
