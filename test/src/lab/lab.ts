// A network-namespace lab: a switch namespace holding a bridge, and per host a namespace with
// one interface e0 (a veth to the bridge). Nothing is added to the root namespace. Every
// process the lab starts is tracked and stopped by PID; destroy() is idempotent and also runs
// when the test process exits or gets SIGINT/SIGTERM.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerCleanup } from '../harness/cleanup';
import { etcdArgs, type EtcdServerTls } from '../harness/etcd-local';
import { run, signalPid, terminate, waitForExit, type ExitInfo, type RunOptions } from '../harness/proc';
import { AddressSampler, type SamplerOptions } from './address-sampler';
import {
  BLOCK_TABLE,
  LAB_IFNAME,
  blockRuleset,
  dropLargeRuleset,
  hostCommands,
  namespaceCommands,
  switchCommands,
} from './lab-network';
import { Pinger, pingArgv } from './pinger';
import {
  ipv4Of,
  ipv6Of,
  labHosts,
  labNames,
  type HostName,
  type LabNames,
  type LabOptions,
} from './topology';
import { waitEtcdHealthy } from './lab-etcd';

export interface SpawnOptions {
  /** Where stdout and stderr go (default: a file in the lab's log directory). */
  logFile?: string;
  /** Pipe stdout/stderr to the caller instead (who must read them). */
  pipe?: boolean;
  /** Added to the test process's environment. */
  env?: NodeJS.ProcessEnv;
}

interface IpAddrJson {
  address?: string;
  addr_info?: { local?: string; prefixlen?: number }[];
}

export const ETCD_CLIENT_PORT = 2379;
// Not a prefix of BLOCK_TABLE (unblockEtcd looks for that name in `nft list tables`).
export const BLOCK_HOSTS_TABLE = 'vipdlab_peers';
/** The table of dropLargeTo(). */
export const DROP_LARGE_TABLE = 'vipdlab_large';

export class Lab {
  readonly names: LabNames;
  readonly hosts: readonly HostName[];
  /** Temporary directory: logs, etcd data. Removed by destroy(). */
  readonly dir: string;
  readonly logDir: string;
  /** The etcd process once startEtcd() has run. */
  etcdProcess: ChildProcess | undefined;
  private readonly procs = new Set<ChildProcess>();
  private readonly unregister: () => void;
  private destroying: Promise<void> | undefined;
  private spawnCount = 0;
  /** Namespaces actually created (so teardown of a half-built lab deletes only those). */
  readonly createdNamespaces: string[] = [];

  constructor(readonly options: LabOptions) {
    this.names = labNames();
    this.hosts = labHosts(options);
    this.dir = mkdtempSync(join(tmpdir(), `vipdlab-${this.names.id}-`));
    this.logDir = join(this.dir, 'logs');
    mkdirSync(this.logDir, { recursive: true });
    this.unregister = registerCleanup({ sync: () => this.destroySync(), async: () => this.destroy() });
  }

  nsName(host: HostName): string {
    return this.names.nsOf(host);
  }

  private nsArgv(host: HostName | string, argv: readonly string[]): string[] {
    const ns = this.names.nsOf(host as HostName);
    // `ip -n NS` avoids the extra work of `ip netns exec` (a private mount of /sys).
    if (argv[0] === 'ip') return ['ip', '-n', ns, ...argv.slice(1)];
    return ['ip', 'netns', 'exec', ns, ...argv];
  }

  /** Runs argv in the host's namespace; resolves stdout, rejects (with stderr) on failure. */
  exec(host: HostName, argv: readonly string[], opts?: RunOptions): Promise<string> {
    return run(this.nsArgv(host, argv), opts);
  }

  /** Starts argv in the host's namespace; the process is tracked and stopped by destroy(). */
  spawn(host: HostName, argv: readonly string[], opts: SpawnOptions = {}): ChildProcess {
    if (this.destroying) throw new Error('lab is being destroyed');
    const [file = '', ...args] = this.nsArgv(host, argv);
    const env = { ...process.env, ...opts.env };
    let child: ChildProcess;
    if (opts.pipe) {
      child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    } else {
      const name = `${host}-${++this.spawnCount}-${(argv[0] ?? 'cmd').split('/').pop() ?? 'cmd'}.log`;
      const fd = openSync(opts.logFile ?? join(this.logDir, name), 'a');
      child = spawn(file, args, { env, stdio: ['ignore', fd, fd] });
      closeSync(fd);
    }
    child.on('error', () => undefined); // a failed spawn shows up as an exit code instead
    this.procs.add(child);
    child.once('exit', () => this.procs.delete(child));
    return child;
  }

  /** Sends signal to the process by PID; for terminating signals waits (bounded) for its exit. */
  async kill(
    proc: ChildProcess,
    signal: NodeJS.Signals = 'SIGTERM',
    waitMs = 5000,
  ): Promise<ExitInfo | undefined> {
    signalPid(proc, signal);
    if (!['SIGTERM', 'SIGKILL', 'SIGINT', 'SIGQUIT', 'SIGHUP'].includes(signal)) return undefined;
    const info = await waitForExit(proc, waitMs);
    if (!info) throw new Error(`pid ${proc.pid} did not exit within ${waitMs} ms of ${signal}`);
    return info;
  }

  private async ipJson<T>(host: HostName, args: string[]): Promise<T[]> {
    const out = await this.exec(host, ['ip', '-json', ...args]);
    return out.trim() ? (JSON.parse(out) as T[]) : [];
  }

  async mac(host: HostName): Promise<string> {
    const [link] = await this.ipJson<IpAddrJson>(host, ['link', 'show', 'dev', LAB_IFNAME]);
    if (!link?.address) throw new Error(`${host}: no MAC on ${LAB_IFNAME}`);
    return link.address;
  }

  /** Addresses on the host's e0 with prefix, e.g. ['198.51.100.11/24', 'fe80::.../64']. */
  async addresses(host: HostName | string): Promise<string[]> {
    const [link] = await this.ipJson<IpAddrJson>(host as HostName, ['addr', 'show', 'dev', LAB_IFNAME]);
    return (link?.addr_info ?? []).flatMap((a) => (a.local ? [`${a.local}/${a.prefixlen ?? ''}`] : []));
  }

  /** The MAC the host's neighbour table has for ip, or undefined (none, or not resolved). */
  async neighbour(host: HostName, ip: string): Promise<string | undefined> {
    const entries = await this.ipJson<{ lladdr?: string }>(host, [
      'neigh',
      'show',
      'to',
      ip,
      'dev',
      LAB_IFNAME,
    ]);
    return entries.find((e) => e.lladdr)?.lladdr;
  }

  /** Pulls the host's cable: the switch side of its veth goes down (e0 loses carrier). */
  async cutLink(host: HostName): Promise<void> {
    await run(['ip', '-n', this.names.switchNs, 'link', 'set', this.names.switchPortOf(host), 'down']);
  }

  async restoreLink(host: HostName): Promise<void> {
    await run(['ip', '-n', this.names.switchNs, 'link', 'set', this.names.switchPortOf(host), 'up']);
  }

  /** Drops all traffic between the host and the etcd host (both directions, at e0). */
  async blockEtcd(host: HostName): Promise<void> {
    const file = join(this.dir, `block-${host}.nft`);
    const v6 = this.options.ipv6 ? [ipv6Of('etcd')] : [];
    writeFileSync(file, blockRuleset({ v4: [ipv4Of('etcd')], v6 }));
    await this.exec(host, ['nft', '-f', file]);
  }

  async unblockEtcd(host: HostName): Promise<void> {
    const tables = await this.exec(host, ['nft', 'list', 'tables']);
    if (tables.includes(BLOCK_TABLE))
      await this.exec(host, ['nft', 'delete', 'table', 'netdev', BLOCK_TABLE]);
  }

  /**
   * Drops all traffic between the host and the given other lab hosts (both directions, at e0),
   * e.g. a holder cut from its peers while etcd and the client still reach it. Its own nftables
   * table (BLOCK_HOSTS_TABLE unless named), so it combines with blockEtcd() and with blocks
   * under other table names, each lifted on its own.
   */
  async blockHosts(
    host: HostName,
    others: readonly HostName[],
    table: string = BLOCK_HOSTS_TABLE,
  ): Promise<void> {
    const file = join(this.dir, `block-hosts-${host}-${table}.nft`);
    const v6 = this.options.ipv6 ? others.map(ipv6Of) : [];
    writeFileSync(file, blockRuleset({ v4: others.map(ipv4Of), v6 }, table));
    await this.exec(host, ['nft', '-f', file]);
  }

  /** One-way loss of large packets from `host` to `others` (see dropLargeRuleset). */
  async dropLargeTo(host: HostName, others: readonly HostName[], minBytes: number): Promise<void> {
    const file = join(this.dir, `drop-large-${host}.nft`);
    const v6 = this.options.ipv6 ? others.map(ipv6Of) : [];
    writeFileSync(file, dropLargeRuleset({ v4: others.map(ipv4Of), v6 }, minBytes, DROP_LARGE_TABLE));
    await this.exec(host, ['nft', '-f', file]);
  }

  async undropLarge(host: HostName): Promise<void> {
    const tables = await this.exec(host, ['nft', 'list', 'tables']);
    if (tables.includes(DROP_LARGE_TABLE))
      await this.exec(host, ['nft', 'delete', 'table', 'netdev', DROP_LARGE_TABLE]);
  }

  /** Lifts a blockHosts() (the one with the same table name). */
  async unblockHosts(host: HostName, table: string = BLOCK_HOSTS_TABLE): Promise<void> {
    const tables = await this.exec(host, ['nft', 'list', 'tables']);
    if (tables.split('\n').some((l) => l.trim() === `table netdev ${table}`))
      await this.exec(host, ['nft', 'delete', 'table', 'netdev', table]);
  }

  /**
   * Makes the given lab hosts unreachable from `host` at its routing table (an `unreachable`
   * route per address): connecting fails at once, rather than hanging as behind a drop, so a
   * client with several endpoints settles on the others without waiting for a dial timeout.
   */
  async routeUnreachable(host: HostName, others: readonly HostName[]): Promise<void> {
    for (const o of others) await this.exec(host, ['ip', 'route', 'add', 'unreachable', `${ipv4Of(o)}/32`]);
  }

  async routeReachable(host: HostName, others: readonly HostName[]): Promise<void> {
    for (const o of others) await this.exec(host, ['ip', 'route', 'del', 'unreachable', `${ipv4Of(o)}/32`]);
  }

  /**
   * Starts etcd in the etcd namespace on 198.51.100.2:2379 (and [2001:db8::2]); waits healthy.
   * With `tls`: https with client certificate auth; `client` is what the health wait presents.
   * With `ownSession`: in a session of its own (setsid), as a service on its own host would run.
   */
  async startEtcd(
    opts: { tls?: EtcdServerTls & { client: { cert: string; key: string } }; ownSession?: boolean } = {},
  ): Promise<string> {
    if (!this.hosts.includes('etcd')) throw new Error('createLab({ etcd: true }) is needed for startEtcd()');
    if (this.etcdProcess) throw new Error('etcd already started in this lab');
    const scheme = opts.tls ? 'https' : 'http';
    const endpoint = `${scheme}://${ipv4Of('etcd')}:${ETCD_CLIENT_PORT}`;
    const clientUrls = [
      endpoint,
      ...(this.options.ipv6 ? [`${scheme}://[${ipv6Of('etcd')}]:${ETCD_CLIENT_PORT}`] : []),
    ];
    const args = etcdArgs({
      name: 'lab',
      dataDir: join(this.dir, 'etcd-data'),
      clientUrls,
      peerUrl: 'http://127.0.0.1:2380', // the etcd namespace's own loopback
      tls: opts.tls,
    });
    this.etcdProcess = this.spawn('etcd', [...(opts.ownSession ? ['setsid'] : []), 'etcd', ...args], {
      logFile: join(this.logDir, 'etcd.log'),
    });
    const t = opts.tls;
    const flags = t ? ['--cacert', t.ca, '--cert', t.client.cert, '--key', t.client.key] : [];
    await waitEtcdHealthy(this, this.etcdProcess, endpoint, flags);
    return endpoint;
  }

  /** Pings target from host every intervalMs (default 10). */
  startPing(host: HostName, target: string, opts: { intervalMs?: number } = {}): Pinger {
    const intervalMs = opts.intervalMs ?? 10;
    const child = this.spawn(host, pingArgv(target, intervalMs), { pipe: true });
    return new Pinger(child, target, intervalMs);
  }

  /** Records address changes on e0 of the given hosts (default: every node). */
  startSampler(hosts?: readonly HostName[], opts?: SamplerOptions): Promise<AddressSampler> {
    const nodes = hosts ?? this.hosts.filter((h) => h.startsWith('n'));
    return AddressSampler.start(this, nodes, opts);
  }

  /** Stops every tracked process, deletes the namespaces and the temporary directory. Idempotent. */
  destroy(): Promise<void> {
    this.destroying ??= this.teardown();
    return this.destroying;
  }

  private async teardown(): Promise<void> {
    await Promise.all([...this.procs].map((p) => terminate(p, 3000)));
    const errors: string[] = [];
    for (const ns of [...this.createdNamespaces].reverse()) {
      try {
        const pids = (await run(['ip', 'netns', 'pids', ns])).trim();
        if (pids) errors.push(`processes not started by the lab still in ${ns}: ${pids.replace(/\n/g, ' ')}`);
        await run(['ip', 'netns', 'del', ns]);
      } catch (err) {
        errors.push(`deleting ${ns}: ${(err as Error).message}`);
      }
    }
    this.createdNamespaces.length = 0;
    if (!process.env.VIPD_LAB_KEEP) rmSync(this.dir, { recursive: true, force: true });
    this.unregister();
    if (errors.length > 0) throw new Error(`lab ${this.names.id} teardown: ${errors.join('; ')}`);
  }

  /** Teardown for process 'exit': synchronous, SIGKILL only. */
  private destroySync(): void {
    for (const p of this.procs) signalPid(p, 'SIGKILL');
    for (const ns of [...this.createdNamespaces].reverse()) {
      try {
        execFileSync('ip', ['netns', 'del', ns], { stdio: 'ignore', timeout: 5000 });
      } catch {
        // Best effort at exit.
      }
    }
    this.createdNamespaces.length = 0;
    if (!process.env.VIPD_LAB_KEEP) rmSync(this.dir, { recursive: true, force: true });
  }

  /** Builds the namespaces, switch and links (called by createLab). */
  async build(): Promise<void> {
    for (const argv of namespaceCommands(this.names, this.hosts)) {
      await run(argv);
      this.createdNamespaces.push(argv[argv.length - 1] ?? '');
    }
    for (const argv of switchCommands(this.names)) await run(argv);
    await Promise.all(
      this.hosts.map(async (h) => {
        for (const argv of hostCommands(this.names, h, this.options.ipv6 ?? false)) await run(argv);
      }),
    );
  }
}

/** Creates a lab; on failure whatever was built is torn down before the error is thrown. */
export async function createLab(options: LabOptions): Promise<Lab> {
  const lab = new Lab(options);
  try {
    await lab.build();
  } catch (err) {
    await lab.destroy().catch(() => undefined);
    throw err;
  }
  return lab;
}

/** Runs fn with a fresh lab and always destroys it afterwards. */
export async function withLab<T>(options: LabOptions, fn: (lab: Lab) => Promise<T>): Promise<T> {
  const lab = await createLab(options);
  try {
    return await fn(lab);
  } finally {
    await lab.destroy();
  }
}
