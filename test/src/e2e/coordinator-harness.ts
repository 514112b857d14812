/**
 * The real vip-coordinator inside a lab namespace and the real vipadm inside another, so
 * every admin call crosses the lab's bridge: vipadm (cli) → coordinator (etcd host) → etcd.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Event__Output } from '@vipd/proto';
import { CommandError, hasExited, pollUntil, waitForExit, type ExitInfo } from '../harness/proc';
import { ipv4Of, type HostName, type Lab } from '../lab';
import { COORDINATOR_BIN, HEALTH_PROBE, VIPADM_BIN } from '../harness/paths';
import { CLUSTER } from './vipd-cluster';

export const COORDINATOR_PORT = 7500;

export interface LabCoordinatorOptions {
  /** Namespace the coordinator runs in (default: the etcd host). */
  host?: HostName;
  /** Namespace health is probed from (default: the client host, across the bridge). */
  probeFrom?: HostName;
  /** The command that runs the coordinator (before `--config FILE`); default: this node and COORDINATOR_BIN. */
  command?: readonly string[];
}

/** Where vipadm goes: the coordinator's address and, if any, an operator token file. */
export interface VipadmTarget {
  address: string;
  tokenFile?: string;
}

export class LabCoordinator implements VipadmTarget {
  readonly host: HostName;
  readonly address: string;
  readonly logFile: string;
  /** The operator token `lab` (auth.tokens), in a mode 600 file vipadm reads with --token-file. */
  readonly tokenFile: string;
  readonly token = randomBytes(32).toString('hex');
  proc: ChildProcess | undefined;

  constructor(
    readonly lab: Lab,
    readonly etcdEndpoint: string,
    readonly options: LabCoordinatorOptions = {},
  ) {
    this.host = options.host ?? 'etcd';
    this.address = `${ipv4Of(this.host)}:${COORDINATOR_PORT}`;
    this.logFile = join(lab.logDir, 'coordinator.log');
    this.tokenFile = join(lab.dir, 'operator.token');
  }

  configFile(): string {
    writeFileSync(this.tokenFile, `${this.token}\n`, { mode: 0o600 });
    const file = join(this.lab.dir, 'coordinator.yaml');
    const yaml = [
      `listen: ${this.address}`,
      `cluster: ${CLUSTER}`,
      'etcd:',
      `  endpoints: [${this.etcdEndpoint}]`,
      '  dialTimeoutMs: 1000',
      '  callTimeoutMs: 2000',
      `auth: { tokens: [{ name: lab, role: operator, file: ${this.tokenFile} }] }`,
      'log: { level: debug, format: json }',
      '',
    ].join('\n');
    writeFileSync(file, yaml);
    return file;
  }

  /** Starts the coordinator; resolves once grpc.health.v1 answers SERVING across the lab. */
  async start(): Promise<void> {
    if (this.proc && !hasExited(this.proc)) throw new Error('coordinator already running');
    const command = this.options.command ?? [process.execPath, COORDINATOR_BIN];
    const argv = [...command, '--config', this.configFile()];
    const proc = this.lab.spawn(this.host, argv, { logFile: this.logFile });
    this.proc = proc;
    const from = this.options.probeFrom ?? 'cli';
    await pollUntil(
      async () => {
        const out = await this.lab.exec(from, [process.execPath, HEALTH_PROBE, this.address]);
        return out.trim() === 'SERVING' ? true : undefined;
      },
      {
        timeoutMs: 15_000,
        intervalMs: 100,
        what: `vip-coordinator on ${this.address} to serve`,
        fatal: () =>
          hasExited(proc) ? new Error(`vip-coordinator exited (${proc.exitCode}): ${this.log()}`) : undefined,
      },
    );
  }

  log(): string {
    try {
      return readFileSync(this.logFile, 'utf8');
    } catch {
      return '';
    }
  }

  /** Stops it by PID (SIGTERM, bounded), if it is running. */
  async stop(): Promise<ExitInfo | undefined> {
    const proc = this.proc;
    if (!proc || hasExited(proc)) return undefined;
    return this.lab.kill(proc, 'SIGTERM').catch(() => this.lab.kill(proc, 'SIGKILL'));
  }
}

export interface VipadmResult {
  code: number;
  stdout: string;
  stderr: string;
  argv: string[];
}

export interface VipadmOptions {
  /** Namespace vipadm runs in (default: the client host). */
  host?: HostName;
  /** Output format (default json). */
  output?: 'json' | 'table';
  timeoutMs?: number;
  /** The command that runs vipadm; default: this node and VIPADM_BIN. */
  command?: readonly string[];
}

/** The argv of vipadm talking to target (global options first, as an operator types them). */
export function vipadmArgv(
  target: string | VipadmTarget,
  args: readonly string[],
  output: 'json' | 'table',
  command: readonly string[] = [process.execPath, VIPADM_BIN],
): string[] {
  const { address, tokenFile } =
    typeof target === 'string' ? { address: target, tokenFile: undefined } : target;
  const token = tokenFile === undefined ? [] : ['--token-file', tokenFile];
  return [...command, '--server', address, ...token, '-o', output, ...args];
}

/** `vip add NAME --address CIDR --interface e0 [--node NODE[=PRIORITY]]…` on the lab's interface. */
export function vipAddArgs(name: string, cidr: string, nodes: readonly string[] = []): string[] {
  return ['vip', 'add', name, '--address', cidr, '--interface', 'e0', ...nodes.flatMap((n) => ['--node', n])];
}

/** Runs vipadm in a lab namespace; resolves its exit code and output (never rejects on exit ≠ 0). */
export async function runVipadm(
  lab: Lab,
  target: string | VipadmTarget,
  args: readonly string[],
  opts: VipadmOptions = {},
): Promise<VipadmResult> {
  const argv = vipadmArgv(target, args, opts.output ?? 'json', opts.command);
  try {
    const stdout = await lab.exec(opts.host ?? 'cli', argv, { timeoutMs: opts.timeoutMs ?? 30_000 });
    return { code: 0, stdout, stderr: '', argv };
  } catch (err) {
    if (!(err instanceof CommandError) || typeof err.code !== 'number') throw err;
    return { code: err.code, stdout: err.stdout, stderr: err.stderr, argv };
  }
}

const MAX_WATCH_LINES = 100_000;

export class VipadmWatch {
  readonly events: Event__Output[] = [];
  /** Lines of stdout that are not a JSON event (there should be none). */
  readonly otherLines: string[] = [];
  private partial = '';
  private stderrText = '';
  private readonly closed: Promise<void>;

  private constructor(
    readonly lab: Lab,
    readonly proc: ChildProcess,
  ) {
    proc.stdout?.setEncoding('utf8');
    proc.stdout?.on('data', (chunk: string) => this.onData(chunk));
    proc.stderr?.setEncoding('utf8');
    proc.stderr?.on('data', (chunk: string) => {
      if (this.stderrText.length < 64 * 1024) this.stderrText += chunk;
    });
    this.closed = new Promise((resolve) => proc.once('close', () => resolve()));
  }

  /** Starts `vipadm -o json watch [args]` in the lab namespace (default: the client host). */
  static start(
    lab: Lab,
    target: string | VipadmTarget,
    args: readonly string[] = [],
    host: HostName = 'cli',
  ): VipadmWatch {
    const proc = lab.spawn(host, vipadmArgv(target, ['watch', ...args], 'json'), { pipe: true });
    return new VipadmWatch(lab, proc);
  }

  get stderr(): string {
    return this.stderrText;
  }

  private onData(chunk: string): void {
    const parts = (this.partial + chunk).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.onLine(line);
  }

  private onLine(line: string): void {
    if (!line.trim()) return;
    if (this.events.length + this.otherLines.length >= MAX_WATCH_LINES) return;
    try {
      this.events.push(JSON.parse(line) as Event__Output);
    } catch {
      this.otherLines.push(line);
    }
  }

  /** Waits (bounded) for an event matching pred; resolves it. */
  async waitFor(
    pred: (e: Event__Output) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<Event__Output> {
    return pollUntil(async () => this.events.find(pred), {
      timeoutMs,
      intervalMs: 20,
      what: `watch event: ${what}`,
      fatal: () =>
        hasExited(this.proc)
          ? new Error(`vipadm watch exited (${this.proc.exitCode}): ${this.stderrText.trim()}`)
          : undefined,
    });
  }

  /** Interrupts it (SIGINT by PID), waits for the exit and the last output (bounded). */
  async stop(signal: NodeJS.Signals = 'SIGINT'): Promise<ExitInfo> {
    const info = await this.lab.kill(this.proc, signal, 5000);
    await Promise.race([this.closed, new Promise((r) => setTimeout(r, 1000))]);
    if (this.partial) this.onLine(this.partial);
    this.partial = '';
    return info ?? (await waitForExit(this.proc, 1000)) ?? { code: null, signal: null };
  }
}
