/**
 * One attempt of one hook: argv run with spawn (never a shell) in its own process group, its
 * output logged line by line (bounded), its exit status returned. On timeout or abort the
 * whole process group is sent SIGKILL by its PID, so a hook's children go with it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Logger } from '@vipd/log';

/** Lines of output logged per attempt (both streams); the rest is counted. */
export const MAX_LOGGED_LINES = 100;
/** Longest line logged; longer ones are cut (and a line without "\n" is cut here too). */
export const MAX_LINE_CHARS = 1000;
// After the hook exits, how long its pipes may stay open (a background child holding them).
const PIPE_GRACE_MS = 200;
// After SIGKILL, how long to wait for the exit (a process stuck in the kernel dies late).
const KILL_WAIT_MS = 1000;

export interface HookAttempt {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Bound to the VIP, state, revision and attempt: every output line carries them. */
  log: Logger;
  /** Aborting kills the process group at once (shutdown). */
  signal?: AbortSignal;
}

export interface HookResult {
  ok: boolean;
  /** `exit 0`, `exit 3`, `killed by SIGSEGV`, `timed out after 100 ms`, `cannot run …: ENOENT`. */
  status: string;
  timedOut: boolean;
  pid?: number;
  durationMs: number;
}

/** Splits a stream into lines for the log, keeping at most a bounded amount. */
class LineLogger {
  private partial = '';
  /** The rest of an over-long line, already logged cut, is being discarded. */
  private skipping = false;

  constructor(
    private readonly stream: 'stdout' | 'stderr',
    private readonly budget: { lines: number; dropped: number },
    private readonly log: Logger,
  ) {}

  add(chunk: Buffer): void {
    const parts = (this.partial + chunk.toString('utf8')).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) {
      if (!this.skipping) this.emit(line);
      this.skipping = false;
    }
    if (this.partial.length > MAX_LINE_CHARS) {
      if (!this.skipping) this.emit(this.partial);
      this.skipping = true;
      this.partial = '';
    }
  }

  flush(): void {
    if (this.partial !== '' && !this.skipping) this.emit(this.partial);
    this.partial = '';
  }

  private emit(raw: string): void {
    if (this.budget.lines >= MAX_LOGGED_LINES) {
      this.budget.dropped++;
      return;
    }
    this.budget.lines++;
    const line = raw.length > MAX_LINE_CHARS ? `${raw.slice(0, MAX_LINE_CHARS)}…` : raw.replace(/\r$/, '');
    this.log.info({ stream: this.stream, line }, 'hook output');
  }
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone (ESRCH): nothing to kill.
  }
}

/** Runs one attempt; never rejects. */
export function runHookAttempt(a: HookAttempt): Promise<HookResult> {
  const started = performance.now();
  const [file, ...args] = a.argv;
  const took = (): number => Math.round(performance.now() - started);
  if (file === undefined) {
    return Promise.resolve({ ok: false, status: 'argv is empty', timedOut: false, durationMs: 0 });
  }
  if (a.signal?.aborted) {
    return Promise.resolve({ ok: false, status: 'not run: stopping', timedOut: false, durationMs: 0 });
  }
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(file, args, {
        shell: false,
        detached: true, // its own process group, killed as one on timeout
        stdio: ['ignore', 'pipe', 'pipe'],
        env: a.env,
        cwd: '/',
      });
    } catch (err) {
      resolve({
        ok: false,
        status: `cannot run ${file}: ${String(err)}`,
        timedOut: false,
        durationMs: took(),
      });
      return;
    }
    const budget = { lines: 0, dropped: 0 };
    const out = new LineLogger('stdout', budget, a.log);
    const err = new LineLogger('stderr', budget, a.log);
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let spawnError: Error | undefined;
    let killed: 'timeout' | 'abort' | undefined;
    let done = false;
    let killWait: NodeJS.Timeout | undefined;
    let pipeGrace: NodeJS.Timeout | undefined;

    const status = (): string => {
      if (killed === 'timeout') return `timed out after ${a.timeoutMs} ms; process group ${child.pid} killed`;
      if (killed === 'abort') return `stopped (vipd shutting down); process group ${child.pid} killed`;
      if (exit === undefined) return `cannot run ${file}: ${spawnError?.message ?? 'no exit status'}`;
      return exit.code === null ? `killed by ${exit.signal ?? 'a signal'}` : `exit ${exit.code}`;
    };
    const settle = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(killWait);
      clearTimeout(pipeGrace);
      a.signal?.removeEventListener('abort', onAbort);
      out.flush();
      err.flush();
      child.stdout?.destroy();
      child.stderr?.destroy();
      if (budget.dropped > 0) a.log.warn({ droppedLines: budget.dropped }, 'hook output truncated');
      const ok = killed === undefined && exit?.code === 0;
      resolve({ ok, status: status(), timedOut: killed === 'timeout', pid: child.pid, durationMs: took() });
    };
    const kill = (why: 'timeout' | 'abort'): void => {
      if (killed !== undefined || done) return;
      killed = why;
      // The group, also after the leader exited: its children may hold the pipes open.
      killGroup(child);
      killWait = setTimeout(settle, KILL_WAIT_MS);
    };
    const onAbort = (): void => kill('abort');
    const timer = setTimeout(() => kill('timeout'), a.timeoutMs);
    a.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout?.on('data', (b: Buffer) => out.add(b));
    child.stderr?.on('data', (b: Buffer) => err.add(b));
    child.stdout?.on('error', () => undefined);
    child.stderr?.on('error', () => undefined);
    child.on('error', (e) => {
      spawnError = e;
      if (child.pid === undefined) settle(); // never started (ENOENT, EACCES): no exit event
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      clearTimeout(timer);
      if (killed === undefined) pipeGrace = setTimeout(settle, PIPE_GRACE_MS);
    });
    child.on('close', settle);
  });
}
