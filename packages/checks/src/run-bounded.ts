// One bounded run of an argv: spawn (never a shell), a timeout and an abort signal that SIGKILL
// it by PID (the process alone, or its whole process group), a bounded wait for the exit after
// the kill (a process stuck in the kernel dies late), and a short grace for the pipes after the
// exit (a background child may hold them open for ever). Shared by exec checks and vipd's hooks;
// each reads the output and words the result its own way.
import { spawn, type ChildProcess } from 'node:child_process';
import { errorLine } from '@vipd/log';

// After SIGKILL, how long to wait for the exit before giving up on it.
const KILL_WAIT_MS = 1000;

export interface BoundedRun {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs: number;
  /** Aborting kills it at once. */
  signal?: AbortSignal;
  /** Its own process group, killed as one (its children too); else the process alone. */
  group?: boolean;
  /** After the exit, how long the pipes may stay open. */
  pipeGraceMs: number;
  onOutput: (stream: 'stdout' | 'stderr', chunk: Buffer) => void;
}

export interface BoundedEnd {
  pid: number | undefined;
  /** Undefined when it never started or did not exit within the kill wait. */
  exit?: { code: number | null; signal: NodeJS.Signals | null };
  spawnError?: unknown;
  killed?: 'timeout' | 'abort';
}

/** Runs `r.argv` (non-empty) to its end or its kill; never rejects. */
export function runBounded(r: BoundedRun): Promise<BoundedEnd> {
  const [file = '', ...args] = r.argv;
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(file, args, {
        shell: false,
        detached: r.group === true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: r.env,
        ...(r.cwd === undefined ? {} : { cwd: r.cwd }),
        windowsHide: true,
      });
    } catch (err) {
      resolve({ pid: undefined, spawnError: err });
      return;
    }
    const end: BoundedEnd = { pid: child.pid };
    let done = false;
    let killWait: NodeJS.Timeout | undefined;
    let pipeGrace: NodeJS.Timeout | undefined;

    const settle = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(killWait);
      clearTimeout(pipeGrace);
      r.signal?.removeEventListener('abort', onAbort);
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve(end);
    };
    const kill = (why: 'timeout' | 'abort'): void => {
      if (end.killed !== undefined || done) return;
      end.killed = why;
      if (r.group === true) {
        // The group, also after the leader exited: its children may hold the pipes open.
        try {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone (ESRCH).
        }
      } else if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
      }
      killWait = setTimeout(settle, KILL_WAIT_MS);
    };
    const onAbort = (): void => kill('abort');
    const timer = setTimeout(() => kill('timeout'), r.timeoutMs);
    r.signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout?.on('data', (chunk: Buffer) => r.onOutput('stdout', chunk));
    child.stderr?.on('data', (chunk: Buffer) => r.onOutput('stderr', chunk));
    child.stdout?.on('error', () => undefined);
    child.stderr?.on('error', () => undefined);
    child.on('error', (err) => {
      end.spawnError = err;
      if (child.pid === undefined) settle(); // never started (ENOENT, EACCES): no exit event
    });
    child.on('exit', (code, signal) => {
      end.exit = { code, signal };
      clearTimeout(timer);
      pipeGrace = setTimeout(settle, r.pipeGraceMs);
    });
    child.on('close', settle);
  });
}

/**
 * How a run that was not killed ended, in the words checks and hooks both report: `exit 0`,
 * `exit 3`, `killed by SIGSEGV`, or `cannot run FILE: ENOENT` when it never started (or did not
 * exit within the kill wait: `no exit status`).
 */
export function exitStatus(file: string, end: BoundedEnd): string {
  const { exit } = end;
  if (exit === undefined) {
    const why = end.spawnError === undefined ? 'no exit status' : errorLine(end.spawnError);
    return `cannot run ${file}: ${why}`;
  }
  return exit.code === null ? `killed by ${exit.signal ?? 'a signal'}` : `exit ${exit.code}`;
}
