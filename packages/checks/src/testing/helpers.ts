// Shared by the package's tests; src/testing/ is never exported and only tests import it (lint).
import { readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo, Server } from 'node:net';
import { checkSpecSchema, type CheckSpec, type CheckSpecInput } from '../spec';
import type { CheckResult, CheckRunner } from '../runner';
import type { CheckState } from '../rise-fall';

export function spec(input: CheckSpecInput): CheckSpec {
  return checkSpecSchema.parse(input);
}

export interface Seen extends CheckResult {
  readonly name: string;
  readonly state: CheckState;
}

/** Every result the runner emits from now on, with the state after it. */
export function recordResults(runner: CheckRunner): Seen[] {
  const seen: Seen[] = [];
  runner.on('result', (name, result, state) => seen.push({ ...result, name, state }));
  return seen;
}

export function recordChanges(runner: CheckRunner): string[] {
  const changes: string[] = [];
  runner.on('change', (name, state, detail) => changes.push(`${name}: ${detail.previous} -> ${state}`));
  return changes;
}

/** Polls `condition` every 5 ms; rejects after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    if ('closeAllConnections' in server && typeof server.closeAllConnections === 'function') {
      (server as unknown as { closeAllConnections(): void }).closeAllConnections();
    }
  });
}

/** Whether a process with this PID exists (signal 0 only checks). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** PIDs of this process's children whose command name is `comm` (from /proc). */
export function childrenNamed(comm: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const open = stat.indexOf('(');
    const shut = stat.lastIndexOf(')');
    const name = stat.slice(open + 1, shut);
    const ppid = Number(stat.slice(shut + 2).split(' ')[1]);
    if (name === comm && ppid === process.pid) pids.push(Number(entry));
  }
  return pids;
}
