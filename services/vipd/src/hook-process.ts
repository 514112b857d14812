/**
 * One attempt of one hook: argv run by runBounded (spawn, never a shell) in its own process
 * group, its output logged line by line (bounded), its exit status returned. On timeout or
 * abort the whole process group is sent SIGKILL by its PID, so a hook's children go with it.
 */
import { exitStatus, runBounded } from '@vipd/checks';
import type { Logger } from '@vipd/log';

/** Lines of output logged per attempt (both streams); the rest is counted. */
export const MAX_LOGGED_LINES = 100;
/** Longest line logged; longer ones are cut (and a line without "\n" is cut here too). */
export const MAX_LINE_CHARS = 1000;
// After the hook exits, how long its pipes may stay open (a background child holding them).
const PIPE_GRACE_MS = 200;

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

/** Runs one attempt; never rejects. */
export async function runHookAttempt(a: HookAttempt): Promise<HookResult> {
  const started = performance.now();
  const [file] = a.argv;
  const took = (): number => Math.round(performance.now() - started);
  if (file === undefined) return { ok: false, status: 'argv is empty', timedOut: false, durationMs: 0 };
  if (a.signal?.aborted) return { ok: false, status: 'not run: stopping', timedOut: false, durationMs: 0 };
  const budget = { lines: 0, dropped: 0 };
  const lines = {
    stdout: new LineLogger('stdout', budget, a.log),
    stderr: new LineLogger('stderr', budget, a.log),
  };
  const end = await runBounded({
    argv: a.argv,
    env: a.env,
    cwd: '/',
    timeoutMs: a.timeoutMs,
    signal: a.signal,
    group: true, // its own process group, killed as one on timeout
    pipeGraceMs: PIPE_GRACE_MS,
    onOutput: (stream, chunk) => lines[stream].add(chunk),
  });
  lines.stdout.flush();
  lines.stderr.flush();
  if (budget.dropped > 0) a.log.warn({ droppedLines: budget.dropped }, 'hook output truncated');
  const { pid, exit, killed } = end;
  let status: string;
  if (killed === 'timeout') status = `timed out after ${a.timeoutMs} ms; process group ${pid} killed`;
  else if (killed === 'abort') status = `stopped (vipd shutting down); process group ${pid} killed`;
  else status = exitStatus(file, end);
  const ok = killed === undefined && exit?.code === 0;
  return {
    ok,
    status,
    timedOut: killed === 'timeout',
    ...(pid === undefined ? {} : { pid }),
    durationMs: took(),
  };
}
