// exec: up when the command exits 0 within timeoutMs. Run with spawn and an argv array, never a
// shell. On timeout (or stop) the process itself is sent SIGKILL by its PID; its own children,
// if it started any, are not touched (a check script should `exec` its last command or wait
// for its children). Output is kept for the log, at most MAX_OUTPUT_BYTES.
import { spawn, type ChildProcess } from 'node:child_process';
import { describeError, STOPPED, type ProbeOptions, type ProbeOutcome } from './outcome';
import type { ExecCheckSpec } from './spec';

export const MAX_OUTPUT_BYTES = 4096;
// After the process exits, how long to wait for its pipes to close: a grandchild that inherited
// stdout can hold them open for ever.
const PIPE_GRACE_MS = 100;
// After SIGKILL, how long to wait for the exit before giving up on it (a process stuck in the
// kernel, state D, cannot die at once).
const KILL_WAIT_MS = 1000;

/** Keeps the first `limit` bytes written to it and counts the rest. */
export class OutputBuffer {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private total = 0;

  constructor(private readonly limit: number = MAX_OUTPUT_BYTES) {}

  add(chunk: Buffer): void {
    this.total += chunk.length;
    const room = this.limit - this.kept;
    if (room <= 0) return;
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.chunks.push(part);
    this.kept += part.length;
  }

  /** The kept text; when output was cut, ends with `…[truncated, N bytes in all]`. */
  text(): string {
    const text = Buffer.concat(this.chunks).toString('utf8');
    return this.total > this.kept ? `${text}…[truncated, ${this.total} bytes in all]` : text;
  }
}

function firstLine(text: string): string {
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed !== '') return trimmed.length > 200 ? `${trimmed.slice(0, 200)}…` : trimmed;
  }
  return '';
}

export function probeExec(spec: ExecCheckSpec, options: ProbeOptions = {}): Promise<ProbeOutcome> {
  const { signal } = options;
  if (signal?.aborted) return Promise.resolve(STOPPED);
  const [command, ...args] = spec.argv;
  if (command === undefined) return Promise.resolve({ ok: false, timedOut: false, message: 'argv is empty' });
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(command, args, {
        shell: false,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: spec.env === undefined ? process.env : { ...process.env, ...spec.env },
        windowsHide: true,
      });
    } catch (err) {
      resolve({ ok: false, timedOut: false, message: `cannot run ${command}: ${describeError(err)}` });
      return;
    }
    const pid = child.pid;
    const output = new OutputBuffer();
    let done = false;
    let timedOut = false;
    let stopped = false;
    let spawnError: unknown;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let killWait: NodeJS.Timeout | undefined;
    let pipeGrace: NodeJS.Timeout | undefined;

    const outcome = (): ProbeOutcome => {
      const text = output.text();
      const extra = { ...(pid === undefined ? {} : { pid }), ...(text === '' ? {} : { output: text }) };
      if (stopped) return { ...STOPPED, ...extra };
      if (timedOut) {
        return {
          ok: false,
          timedOut: true,
          message: `timed out after ${spec.timeoutMs} ms; killed pid ${pid ?? '?'} with SIGKILL`,
          ...extra,
        };
      }
      if (exit === undefined) {
        const why = spawnError === undefined ? 'no exit status' : describeError(spawnError);
        return { ok: false, timedOut: false, message: `cannot run ${command}: ${why}`, ...extra };
      }
      if (exit.code === 0) return { ok: true, timedOut: false, message: 'exit 0', ...extra };
      const status = exit.code === null ? `killed by ${exit.signal ?? 'a signal'}` : `exit ${exit.code}`;
      const line = firstLine(text);
      return { ok: false, timedOut: false, message: line === '' ? status : `${status}: ${line}`, ...extra };
    };

    const settle = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(killWait);
      clearTimeout(pipeGrace);
      signal?.removeEventListener('abort', onAbort);
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve(outcome());
    };

    // By PID, the process only; then wait (bounded) for the exit so the caller knows it is gone.
    const kill = (): void => {
      if (exit !== undefined || killWait !== undefined) return;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      killWait = setTimeout(settle, KILL_WAIT_MS);
    };
    const onAbort = (): void => {
      stopped = true;
      kill();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, spec.timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout?.on('data', (chunk: Buffer) => output.add(chunk));
    child.stderr?.on('data', (chunk: Buffer) => output.add(chunk));
    child.stdout?.on('error', () => undefined);
    child.stderr?.on('error', () => undefined);
    child.on('error', (err) => {
      spawnError = err;
      // A process that never started (ENOENT, EACCES) emits no exit.
      if (child.pid === undefined) settle();
    });
    child.on('exit', (code, exitSignal) => {
      exit = { code, signal: exitSignal };
      clearTimeout(timer);
      clearTimeout(killWait);
      pipeGrace = setTimeout(settle, PIPE_GRACE_MS);
    });
    child.on('close', settle);
  });
}
