// One long-lived `ip -force -batch -` for every change a daemon makes. Spawning `ip` forks the
// daemon, and the fork blocks its event loop for milliseconds (about 20 ms for a daemon of
// 150 MB); with lifetime refreshes several times a second that was most of an idle vipd's CPU.
//
// How a batch knows it is done: after its lines comes one line `ip` cannot run (an unknown
// object, answered without any system call). `ip -force` reports every failed line on stderr as
// "Command failed -:N", numbering lines from the start of its input, in order; so when the
// marker's number comes back, every line before it has run, and the failures seen meanwhile
// are that batch's. If ip dies or stops answering, every unfinished batch is rejected with a
// transient error and the next batch starts a new process.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { IpHelperKilledError, NetifError } from './errors';
import type { BatchResult, NetifOptions } from './ip-runner';

/** The line that marks the end of a batch; ip answers it with `Object "…" is unknown`. */
export const BATCH_MARKER = 'vipd-batch-done';
const DEFAULT_TIMEOUT_MS = 5000;
/** Longest stderr line kept (a runaway ip cannot grow our buffer without bound). */
const MAX_STDERR_LINE = 4096;

interface InFlight {
  /** Input line numbers of this batch's first command and of its marker. */
  first: number;
  marker: number;
  failed: { line: number; message: string }[];
  resolve: (r: BatchResult) => void;
  reject: (e: NetifError) => void;
  timer: NodeJS.Timeout;
}

type IpChild = ChildProcessByStdio<Writable, null, Readable>;

export interface IpCoprocessOptions extends Omit<NetifOptions, 'batch'> {
  /**
   * Told the pid of each new ip process before anything is written to it, and undefined once it
   * is gone (vipd hands it to its fence switch, which kills it before fencing).
   */
  onProcess?: (pid: number | undefined) => void;
  /** Called right before each batch is written (vipd flushes its fence switch's A lines). */
  beforeWrite?: () => void;
}

export class IpCoprocess {
  private child: IpChild | undefined;
  /** Lines written to the current process so far. */
  private lines = 0;
  private inFlight: InFlight[] = [];
  private partial = '';
  private lastMessage = '';
  /** Processes started so far (for tests and logs). */
  starts = 0;

  constructor(private readonly options: IpCoprocessOptions = {}) {}

  /**
   * Runs the lines (one argv each, no whitespace inside an argument) in order. Resolves with
   * the failed ones, numbered from 1 within this batch; rejects only when ip itself fails.
   */
  run(lines: readonly (readonly string[])[]): Promise<BatchResult> {
    for (const line of lines) {
      if (line.length === 0 || line.some((a) => a === '' || /\s/.test(a)))
        throw new NetifError(`ip batch argument with whitespace: ${line.join(' ')}`, { argv: [...line] });
    }
    return new Promise<BatchResult>((resolve, reject) => {
      let child: IpChild;
      try {
        child = this.process();
      } catch (err) {
        reject(this.failure(`cannot run ${this.command()}: ${String(err)}`, err));
        return;
      }
      const first = this.lines + 1;
      this.lines += lines.length + 1;
      const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const entry: InFlight = {
        first,
        marker: this.lines,
        failed: [],
        resolve,
        reject,
        timer: setTimeout(() => this.abandon(child, `no answer within ${timeoutMs} ms`), timeoutMs),
      };
      this.inFlight.push(entry);
      this.options.beforeWrite?.();
      child.stdin.write(
        lines.map((l) => l.join(' ')).join('\n') + (lines.length ? '\n' : '') + BATCH_MARKER + '\n',
      );
    });
  }

  /** Ends the process (unfinished batches are rejected). */
  close(): void {
    if (this.child) this.abandon(this.child, 'closed');
  }

  private command(): string {
    return this.options.ipCommand ?? 'ip';
  }

  private process(): IpChild {
    if (this.child) return this.child;
    const child = spawn(this.command(), ['-force', '-batch', '-'], {
      stdio: ['pipe', 'ignore', 'pipe'],
      windowsHide: true,
    });
    this.starts++;
    this.child = child;
    if (child.pid !== undefined) this.options.onProcess?.(child.pid);
    this.lines = 0;
    this.partial = '';
    this.lastMessage = '';
    child.stdin.on('error', () => undefined); // ip gone: 'exit' or 'error' reports it
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => this.onStderr(chunk));
    child.on('error', (err) => this.abandon(child, `cannot run ${this.command()}: ${err.message}`, err));
    child.on('exit', (code, signal) =>
      this.abandon(
        child,
        `exited (${signal ?? `code ${code}`})${this.lastMessage ? `: ${this.lastMessage}` : ''}`,
        undefined,
        signal === 'SIGKILL',
      ),
    );
    // The daemon may exit while ip idles: do not keep it alive for ip.
    child.unref();
    (child.stdin as Writable & { unref?: () => void }).unref?.();
    (child.stderr as Readable & { unref?: () => void }).unref?.();
    return child;
  }

  private onStderr(chunk: string): void {
    const text = this.partial + chunk;
    const parts = text.split('\n');
    this.partial = (parts.pop() ?? '').slice(-MAX_STDERR_LINE);
    for (const raw of parts) {
      const line = raw.trim();
      const m = /^Command failed -:(\d+)$/.exec(line);
      if (!m) {
        if (line) this.lastMessage = line.slice(0, MAX_STDERR_LINE);
        continue;
      }
      this.onFailedLine(Number(m[1]));
    }
  }

  private onFailedLine(n: number): void {
    const message = this.lastMessage || 'failed';
    this.lastMessage = '';
    // Batches finish in order: every batch whose marker is at or before n is done.
    while (this.inFlight.length > 0 && this.inFlight[0]!.marker <= n) {
      const done = this.inFlight.shift()!;
      clearTimeout(done.timer);
      done.resolve({ failed: done.failed });
    }
    const owner = this.inFlight[0];
    if (owner && n >= owner.first && n < owner.marker)
      owner.failed.push({ line: n - owner.first + 1, message });
  }

  /** The process is lost (exit, error, timeout, close): reject what it had not finished. */
  private abandon(child: IpChild, why: string, cause?: unknown, killed = false): void {
    if (this.child !== child) return;
    this.child = undefined;
    this.options.onProcess?.(undefined);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    const lost = this.inFlight;
    this.inFlight = [];
    for (const b of lost) {
      clearTimeout(b.timer);
      b.reject(this.failure(`${this.command()} -force -batch - ${why}`, cause, killed));
    }
  }

  private failure(message: string, cause?: unknown, killed = false): NetifError {
    return new (killed ? IpHelperKilledError : NetifError)(message, {
      argv: [this.command(), '-force', '-batch', '-'],
      transient: true,
      cause,
    });
  }
}
