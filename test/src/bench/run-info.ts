// What every benchmark records about its run: the machine and commit, a file-name stamp, and a
// hard time bound around any step.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, hostname, release } from 'node:os';
import { REPO_ROOT } from '../e2e/vipd-cluster';
import type { Machine } from './model';

export function machine(): Machine {
  const kv = spawnSync('keepalived', ['--version'], { encoding: 'utf8', timeout: 5000 });
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['-C', REPO_ROOT, 'rev-parse', '--short', 'HEAD'], {
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync(
      'git',
      ['-C', REPO_ROOT, 'status', '--porcelain', '--', 'services', 'packages'],
      {
        encoding: 'utf8',
      },
    ).trim();
    if (dirty) commit += ' (modified)';
  } catch {
    // not a git checkout
  }
  return {
    hostname: hostname(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown CPU',
    cpus: cpus().length,
    kernel: release(),
    node: process.version,
    keepalived: `${kv.stdout}${kv.stderr}`.split('\n')[0]?.trim() || 'keepalived (version unknown)',
    commit,
  };
}

export function stamp(d: Date): string {
  return d
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
}

/** Bounded: rejects after ms whatever fn is doing (fn's own waits are bounded too). */
export async function withLimit<T>(ms: number, what: string, fn: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      fn(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}
