/**
 * Runs real vipd processes in a lab's node namespaces against the lab's etcd, and reads
 * the truth from the kernel (which node has the VIP on e0), never from vipd's own claims.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pollUntil } from '../harness/proc';
import { ETCDCTL_BIN } from '../harness/etcd-local';
import { AGENT_BIN, HEALTH_PROBE, VIPD_BIN } from '../harness/paths';
import { ipv4Of, type Lab, type NodeHost } from '../lab';

export const CLUSTER = 'lab';

export interface VipdNodeOptions {
  ttlSeconds?: number;
  drained?: boolean;
  /** vipd `checks[]` (YAML accepts JSON). */
  checks?: unknown[];
  /** Extra top-level YAML lines (per host when a function). */
  extraYaml?: string[] | ((host: NodeHost) => string[]);
  /** Extra lines inside `etcd:` (indented by two spaces), e.g. tls and auth. */
  etcdYaml?: string[];
  /** TLS files the health probe presents (when node.listen needs mutual TLS). */
  probeTls?: { ca: string; cert: string; key: string };
  /** Give every node a maintenance ("down") file path, see maintenanceFile(). */
  maintenanceFiles?: boolean;
  /** vipd's log level (default debug; benchmarks use info). */
  logLevel?: 'debug' | 'info';
  /** Hosts whose vipd logs `"level":"info"` rather than 30 (log.levelNames). */
  logLevelNames?: readonly NodeHost[];
  /** Options for node itself, before vipd's script (e.g. V8 heap flags for benchmarks). */
  nodeFlags?: readonly string[];
  /**
   * Run each node's kernel agent as its own process (`vipd-agent --listen`, as
   * vipd-agent.service does), not as vipd's child: freezing or killing vipd's process tree then
   * leaves the agent running. Started with the node's first vipd, kept across restarts.
   */
  agentService?: boolean;
  /**
   * The command that runs vipd (before `--config FILE`), e.g. an installed `/usr/bin/vipd`.
   * Default: this node, `nodeFlags`, and VIPD_BIN (harness/paths.ts).
   */
  vipdCommand?: readonly string[];
}

export class VipdCluster {
  readonly procs = new Map<NodeHost, ChildProcess>();
  /** The agents started with agentService, by host. */
  readonly agents = new Map<NodeHost, ChildProcess>();
  private starts = 0;

  constructor(
    readonly lab: Lab,
    readonly etcdEndpoint: string,
    readonly options: VipdNodeOptions = {},
  ) {}

  configFile(host: NodeHost): string {
    const file = join(this.lab.dir, `vipd-${host}.yaml`);
    const yaml = [
      `node:`,
      `  name: ${host}`,
      `  listen: ${ipv4Of(host)}:7400`,
      ...(this.options.drained ? ['  drained: true'] : []),
      ...(this.options.maintenanceFiles ? [`  maintenanceFile: ${this.maintenanceFile(host)}`] : []),
      ...(this.options.agentService ? [`  agentSocket: ${this.agentSocket(host)}`] : []),
      `  statusSocket: ${this.statusSocket(host)}`,
      `cluster: ${CLUSTER}`,
      `etcd:`,
      `  endpoints: [${this.etcdEndpoint}]`,
      `  callTimeoutMs: 500`,
      ...(this.options.etcdYaml ?? []),
      `lease:`,
      `  ttlSeconds: ${this.options.ttlSeconds ?? 3}`,
      `log:`,
      `  level: ${this.options.logLevel ?? 'debug'}`,
      `  format: json`,
      ...(this.options.logLevelNames?.includes(host) ? ['  levelNames: true'] : []),
      ...(this.options.checks ? [`checks: ${JSON.stringify(this.options.checks)}`] : []),
      ...(typeof this.options.extraYaml === 'function'
        ? this.options.extraYaml(host)
        : (this.options.extraYaml ?? [])),
      '',
    ].join('\n');
    writeFileSync(file, yaml);
    return file;
  }

  /** The maintenance file path of a node (with the maintenanceFiles option). */
  maintenanceFile(host: NodeHost): string {
    return join(this.lab.dir, `down-${host}`);
  }

  /**
   * The host's `vipd status` socket (node.statusSocket), in a folder of its own under the lab's
   * (as /run/vipd is vipd's own under systemd: RuntimeDirectory=vipd).
   */
  statusSocket(host: NodeHost): string {
    return join(this.lab.dir, `run-${host}`, 'status.sock');
  }

  /** The socket of the host's kernel agent service (with agentService). */
  agentSocket(host: NodeHost): string {
    return join(this.lab.dir, `agent-${host}.sock`);
  }

  /** Starts the host's kernel agent service unless it runs; resolves once it listens. */
  private async ensureAgent(host: NodeHost): Promise<void> {
    const running = this.agents.get(host);
    if (running && running.exitCode === null && running.signalCode === null) return;
    const socket = this.agentSocket(host);
    const proc = this.lab.spawn(host, [AGENT_BIN, '--listen', socket], {
      logFile: join(this.lab.logDir, `agent-${host}.log`),
    });
    this.agents.set(host, proc);
    await pollUntil(async () => (existsSync(socket) ? true : undefined), {
      timeoutMs: 5000,
      what: `${host}'s kernel agent to listen`,
    });
  }

  logFile(host: NodeHost): string {
    return join(this.lab.logDir, `vipd-${host}.log`);
  }

  start(host: NodeHost): ChildProcess {
    if (this.options.agentService) {
      throw new Error('with agentService, start nodes with startAsync() (the agent must listen first)');
    }
    return this.spawnVipd(host);
  }

  /** start(), and with agentService the host's agent service first. */
  async startAsync(host: NodeHost): Promise<ChildProcess> {
    if (this.options.agentService) await this.ensureAgent(host);
    return this.spawnVipd(host);
  }

  private spawnVipd(host: NodeHost): ChildProcess {
    const argv = [
      ...(this.options.vipdCommand ?? [process.execPath, ...(this.options.nodeFlags ?? []), VIPD_BIN]),
      '--config',
      this.configFile(host),
    ];
    const proc = this.lab.spawn(host, argv, {
      logFile: this.logFile(host).replace(/\.log$/, `.${++this.starts}.log`),
    });
    this.procs.set(host, proc);
    return proc;
  }

  /** Prints the last `count` log lines of vipd on each of `hosts`, `# `-prefixed (for a failure or a finding). */
  printLogTails(hosts: readonly NodeHost[], count = 15): void {
    for (const h of hosts) {
      const tail = this.logs(h)
        .slice(-count)
        .map((l) => `# ${JSON.stringify(l)}`);
      console.log(`# --- last log lines of vipd on ${h} ---\n${tail.join('\n')}`);
    }
  }

  /** Log lines of every run of this host's vipd, parsed (JSON lines only). */
  logs(host: NodeHost): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    for (let i = 1; i <= this.starts; i++) {
      let text = '';
      try {
        text = readFileSync(this.logFile(host).replace(/\.log$/, `.${i}.log`), 'utf8');
      } catch {
        continue;
      }
      for (const line of text.split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          const rec = JSON.parse(line) as Record<string, unknown>;
          if (rec.node === host) out.push(rec);
        } catch {
          // a line cut by a kill
        }
      }
    }
    return out;
  }

  async signal(host: NodeHost, signal: NodeJS.Signals): Promise<void> {
    const proc = this.procs.get(host);
    if (!proc) throw new Error(`vipd on ${host} was not started`);
    await this.lab.kill(proc, signal);
    this.procs.delete(host);
  }

  /** grpc.health.v1 status of the node's vipd as a client in its namespace sees it. */
  async health(host: NodeHost): Promise<string> {
    const t = this.options.probeTls;
    const env = t ? { VIPD_PROBE_TLS_CA: t.ca, VIPD_PROBE_TLS_CERT: t.cert, VIPD_PROBE_TLS_KEY: t.key } : {};
    return (
      await this.lab.exec(host, [process.execPath, HEALTH_PROBE, `${ipv4Of(host)}:7400`], { env })
    ).trim();
  }

  /** Waits until vipd on every given host reports SERVING (started and registered). */
  async waitServing(hosts: readonly NodeHost[], timeoutMs = 15_000): Promise<void> {
    for (const h of hosts) {
      await pollUntil(async () => ((await this.health(h)) === 'SERVING' ? true : undefined), {
        timeoutMs,
        what: `vipd on ${h} to be SERVING`,
      });
    }
  }

  /** Starts a grpc.health.v1 Watch on the node for `ms`; resolves with the statuses it saw. */
  watchHealth(host: NodeHost, ms: number): Promise<string[]> {
    const proc = this.lab.spawn(
      host,
      [process.execPath, HEALTH_PROBE, `${ipv4Of(host)}:7400`, '--watch', String(ms)],
      {
        pipe: true,
      },
    );
    let out = '';
    proc.stdout?.on('data', (b: Buffer) => (out += b.toString()));
    return new Promise((resolve) => proc.on('exit', () => resolve(out.split('\n').filter(Boolean))));
  }

  async etcdctl(args: string[]): Promise<string> {
    return this.lab.exec('etcd', [ETCDCTL_BIN, '--endpoints', this.etcdEndpoint, ...args], {
      env: { ETCDCTL_API: '3' },
    });
  }

  async putVip(spec: Record<string, unknown> & { name: string }): Promise<void> {
    await this.etcdctl(['put', `/vipd/${CLUSTER}/vips/${spec.name}`, JSON.stringify(spec)]);
  }

  async putRaw(name: string, value: string): Promise<void> {
    await this.etcdctl(['put', `/vipd/${CLUSTER}/vips/${name}`, value]);
  }

  /** The node hosts whose e0 has `address` (with prefix, e.g. 198.51.100.100/24) right now. */
  async holders(address: string, hosts: readonly NodeHost[]): Promise<NodeHost[]> {
    const out: NodeHost[] = [];
    for (const h of hosts) if ((await this.lab.addresses(h)).includes(address)) out.push(h);
    return out;
  }

  /** Waits until exactly one of `hosts` has the address (and it is `expected`, if given). */
  async waitHolder(address: string, hosts: readonly NodeHost[], timeoutMs: number, expected?: NodeHost) {
    return pollUntil(
      async () => {
        const h = await this.holders(address, hosts);
        return h.length === 1 && (expected === undefined || h[0] === expected) ? h[0] : undefined;
      },
      { timeoutMs, intervalMs: 20, what: `${address} held by ${expected ?? 'exactly one node'}` },
    );
  }

  async stopAll(): Promise<void> {
    for (const [host, proc] of this.procs) {
      await this.lab.kill(proc, 'SIGTERM').catch(() => this.lab.kill(proc, 'SIGKILL'));
      this.procs.delete(host);
    }
  }
}
