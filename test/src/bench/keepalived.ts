// keepalived (Debian's /usr/sbin/keepalived) in a lab node namespace, as the system vipd is
// compared with. Config, pid files and logs live in the lab's temporary directory; nothing
// under /etc or /run is used. Processes are started through the lab (tracked) and stopped by PID.
import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerCleanup } from '../harness/cleanup';
import { pollUntil, sleep, waitForExit } from '../harness/proc';
import type { Lab, NodeHost } from '../lab';
import { childPids, procStat } from './proc-tree';

export const KEEPALIVED_BIN = process.env.VIPD_BENCH_KEEPALIVED ?? '/usr/sbin/keepalived';

export interface KeepalivedConfigOptions {
  routerId: string;
  virtualRouterId: number;
  priority: number;
  /** Seconds between adverts: 1 (VRRPv2) or 0.1 (needs VRRPv3). */
  advertInt: number;
  vrrpVersion: 2 | 3;
  iface: string;
  /** VIP with prefix, e.g. 198.51.100.100/24. */
  vip: string;
  srcIp: string;
  peers: readonly string[];
}

/** keepalived.conf text for one vrrp_instance (pure). Unicast adverts; preemption on (the default). */
export function keepalivedConfig(o: KeepalivedConfigOptions): string {
  if (!Number.isInteger(o.virtualRouterId) || o.virtualRouterId < 1 || o.virtualRouterId > 255)
    throw new RangeError(`virtual_router_id must be 1..255, got ${o.virtualRouterId}`);
  if (o.advertInt < 1 && o.vrrpVersion !== 3) throw new Error('advert_int below 1 s needs VRRPv3');
  return [
    'global_defs {',
    `  router_id ${o.routerId}`,
    `  vrrp_version ${o.vrrpVersion}`,
    '}',
    '',
    'vrrp_instance VI_BENCH {',
    '  state BACKUP',
    `  interface ${o.iface}`,
    `  virtual_router_id ${o.virtualRouterId}`,
    `  priority ${o.priority}`,
    `  advert_int ${o.advertInt}`,
    `  unicast_src_ip ${o.srcIp}`,
    '  unicast_peer {',
    ...o.peers.map((p) => `    ${p}`),
    '  }',
    '  virtual_ipaddress {',
    `    ${o.vip} dev ${o.iface}`,
    '  }',
    '}',
    '',
  ].join('\n');
}

/** A live (not zombie) keepalived process. */
function isKeepalived(pid: number): boolean {
  const st = procStat(pid);
  return st?.comm === 'keepalived' && st.state !== 'Z' && st.state !== 'X';
}

function signalIfKeepalived(pid: number, signal: NodeJS.Signals): void {
  if (!isKeepalived(pid)) return; // gone (or the PID was reused by something else)
  try {
    process.kill(pid, signal);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

export class KeepalivedNode {
  private proc: ChildProcess | undefined;
  /** The parent's children (the VRRP process), for SIGKILL and for cleanup at exit. */
  private children: number[] = [];
  private readonly unregister: () => void;
  private starts = 0;

  constructor(
    private readonly lab: Lab,
    readonly host: NodeHost,
    private readonly config: KeepalivedConfigOptions,
  ) {
    // If the benchmark dies, the lab SIGKILLs the parent it tracks; the VRRP child is ours too.
    this.unregister = registerCleanup({ sync: () => this.killAllSync() });
  }

  get running(): boolean {
    return this.proc !== undefined && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  logFile(): string {
    return join(this.lab.logDir, `keepalived-${this.host}.${this.starts}.log`);
  }

  log(): string {
    try {
      return readFileSync(this.logFile(), 'utf8');
    } catch {
      return '';
    }
  }

  async start(): Promise<void> {
    if (this.running) throw new Error(`keepalived on ${this.host} is already running`);
    this.starts++;
    const base = join(this.lab.dir, `keepalived-${this.host}`);
    writeFileSync(`${base}.conf`, keepalivedConfig(this.config));
    const argv = [
      KEEPALIVED_BIN,
      '--dont-fork',
      '--log-console',
      '--log-detail',
      '--no-syslog',
      '--vrrp',
      '--dont-respawn',
      '--use-file',
      `${base}.conf`,
      '--pid',
      `${base}.pid`,
      '--vrrp_pid',
      `${base}-vrrp.pid`,
      '--checkers_pid',
      `${base}-checkers.pid`,
      '--bfd_pid',
      `${base}-bfd.pid`,
    ];
    const proc = this.lab.spawn(this.host, argv, { logFile: this.logFile() });
    this.proc = proc;
    const pid = proc.pid;
    if (pid === undefined) throw new Error(`keepalived on ${this.host} did not start`);
    this.children = await pollUntil(
      async () => {
        const kids = childPids(pid).filter(isKeepalived);
        return kids.length > 0 ? kids : undefined;
      },
      {
        timeoutMs: 5000,
        intervalMs: 20,
        what: `keepalived on ${this.host} to start its VRRP process`,
        fatal: () =>
          proc.exitCode !== null || proc.signalCode !== null
            ? new Error(`keepalived on ${this.host} exited: ${this.log().slice(-2000)}`)
            : undefined,
      },
    );
  }

  /** Waits (bounded) until the log shows the instance in the given state, e.g. BACKUP or MASTER. */
  async waitState(state: 'BACKUP' | 'MASTER', timeoutMs: number): Promise<void> {
    await pollUntil(async () => (this.log().includes(`Entering ${state} STATE`) ? true : undefined), {
      timeoutMs,
      intervalMs: 20,
      what: `keepalived on ${this.host} to enter ${state}`,
    });
  }

  /** Clean stop: SIGTERM to the parent (it stops the VRRP process, which releases the VIP). */
  async stop(): Promise<void> {
    const proc = this.proc;
    if (!proc || !this.running) return;
    await this.lab.kill(proc, 'SIGTERM', 5000).catch(async () => this.kill());
    await this.waitChildrenGone();
  }

  /**
   * The whole daemon dies at once, as in a crash or an OOM kill: the parent is stopped first (so it
   * cannot respawn or signal anything), then the VRRP process and the parent get SIGKILL.
   */
  async kill(): Promise<void> {
    const proc = this.proc;
    if (!proc?.pid) return;
    signalIfKeepalived(proc.pid, 'SIGSTOP');
    for (const child of this.children) signalIfKeepalived(child, 'SIGKILL');
    signalIfKeepalived(proc.pid, 'SIGKILL');
    if (!(await waitForExit(proc, 5000))) throw new Error(`keepalived on ${this.host} survived SIGKILL`);
    await this.waitChildrenGone();
  }

  private async waitChildrenGone(): Promise<void> {
    for (let i = 0; i < 250 && this.children.some(isKeepalived); i++) await sleep(20);
    const left = this.children.filter(isKeepalived);
    if (left.length > 0) {
      for (const pid of left) signalIfKeepalived(pid, 'SIGKILL');
      await sleep(100);
    }
    this.children = [];
  }

  private killAllSync(): void {
    const pid = this.proc?.pid;
    if (pid !== undefined && this.running) signalIfKeepalived(pid, 'SIGSTOP');
    for (const child of this.children) signalIfKeepalived(child, 'SIGKILL');
    if (pid !== undefined && this.running) signalIfKeepalived(pid, 'SIGKILL');
  }

  /** Stops (if running) and drops the exit hook. */
  async dispose(): Promise<void> {
    try {
      await this.stop();
    } finally {
      this.unregister();
    }
  }
}
