/**
 * The gobgpd that vipd starts (docs/bgp.md: why vipd runs its own): no config file, the API on
 * a local address only, configured through the API afterwards. Its PID goes to the kernel
 * agent, whose fence kills it, so that a frozen or killed vipd stops attracting traffic.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { BgpError } from './errors';

export interface GobgpdOptions {
  /** The gobgpd binary (default: gobgpd on PATH). */
  binary?: string;
  /** Where its API listens, HOST:PORT (a loopback address: nothing but vipd may drive it). */
  apiAddress: string;
  /** gobgpd's own log lines, one at a time (it logs at warn and above). */
  onLine?: (line: string) => void;
}

export interface GobgpdProcess {
  readonly pid: number;
  /** Resolves with the exit code (or signal name) once it has exited. */
  readonly exited: Promise<number | string>;
  /** It has not exited (yet). */
  readonly running: boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
}

export async function startGobgpd(opts: GobgpdOptions): Promise<GobgpdProcess> {
  const binary = opts.binary ?? 'gobgpd';
  // vipd drives only the gobgpd it starts: the fence can kill that one and no other. Something
  // already answering at the API address would be driven in its place (ours could not bind).
  if (await answers(opts.apiAddress))
    throw new BgpError(
      `start ${binary}`,
      `something already listens on ${opts.apiAddress} (another gobgpd?): vipd drives only the gobgpd it ` +
        'starts, whose fence can kill it; stop that one or set bgp.api to a free address',
      false,
    );
  const child: ChildProcess = spawn(
    binary,
    [`--api-hosts=${opts.apiAddress}`, '--pprof-disable', '--log-level=warn', '--log-plain'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (err) => reject(new BgpError(`start ${binary}`, err.message, false, { cause: err })));
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  for (const s of [child.stdout, child.stderr]) {
    if (s) createInterface({ input: s }).on('line', (line) => opts.onLine?.(line));
  }
  await spawned;
  const pid = child.pid;
  if (pid === undefined) throw new BgpError(`start ${binary}`, 'no PID', false);
  return {
    pid,
    exited,
    get running() {
      return child.exitCode === null && child.signalCode === null;
    },
    async stop(graceMs = 2000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(t);
    },
  };
}

/** Whether a TCP connection to HOST:PORT is accepted within `timeoutMs`. */
function answers(address: string, timeoutMs = 500): Promise<boolean> {
  const at = address.lastIndexOf(':');
  const host = address.slice(0, at).replace(/^\[|\]$/g, '');
  const port = Number(address.slice(at + 1));
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (yes: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(yes);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
