/** For vipadm's tests: the built bin/vipadm as a child process, with no VIPADM_* or config file from the outside. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(__dirname, '..', '..', 'bin', 'vipadm');

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export function start(args: string[], env: Record<string, string> = {}): ChildProcess {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VIPADM_')));
  return spawn(process.execPath, [BIN, ...args], {
    // No config file of the person running the tests: XDG_CONFIG_HOME points nowhere.
    env: { ...clean, XDG_CONFIG_HOME: '/nonexistent/vipadm-test-config', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function finish(child: ChildProcess): Promise<Result> {
  const t0 = Date.now();
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - t0 })),
  );
}
