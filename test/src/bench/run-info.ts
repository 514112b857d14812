// What every benchmark records about its run: the machine and commit, a file-name stamp, a hard
// time bound around any step, and the per-N loop (one lab each) of the scale and stall benchmarks.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, hostname, release } from 'node:os';
import { join } from 'node:path';
import { errorLine, firstLine } from '@vipd/log';
import { REPO_ROOT } from '../harness/paths';
import type { Lab } from '../lab';
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
    keepalived: firstLine(`${kv.stdout}${kv.stderr}`) || 'keepalived (version unknown)',
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

/** What every run record starts with. */
export interface RunHeader {
  startedAt: string;
  command: string;
  machine: Machine;
}

export interface PerNOptions<R extends { ok: boolean; error?: string }, Run extends RunHeader> {
  /** bench:<name>, and the file stem <name>-<time>. */
  name: string;
  vips: readonly number[];
  /** Results directory (default: bench-results/ in the repository). */
  outDir: string | undefined;
  makeRun(header: RunHeader): Run & { results: R[]; finishedAt?: string };
  /** A fresh result for N, not ok until measure() says so. */
  result(n: number): R;
  /** Printed before N is measured. */
  title(r: R): string;
  limitMs(n: number): number;
  /** Measures one N in a lab of its own, filling r as it goes; logsDir is for the lab's logs. */
  measure(r: R, logsDir: string, log: (line: string) => void): Promise<void>;
  render(run: Run): string;
}

/**
 * The run of a benchmark with one fresh lab per N: each N bounded in time (a failure is recorded
 * in its result and the next N runs), the JSON and the Markdown table written after every N (so
 * a crash keeps what was measured) and the table printed at the end. 0 if every N finished, 1
 * otherwise or without root (the labs need it).
 */
export async function runPerN<R extends { ok: boolean; error?: string }, Run extends RunHeader>(
  o: PerNOptions<R, Run>,
): Promise<number> {
  if (process.getuid?.() !== 0) {
    console.error(`bench:${o.name} needs root (it builds network namespaces)`);
    return 1;
  }
  const started = new Date();
  const outDir = o.outDir ?? join(REPO_ROOT, 'bench-results');
  const base = `${o.name}-${stamp(started)}`;
  const run = o.makeRun({
    startedAt: started.toISOString(),
    command: `npm run bench:${o.name} -- ${process.argv.slice(2).join(' ')}`.trim().replace(/ --$/, ''),
    machine: machine(),
  });
  const write = (): void => {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, `${base}.json`), `${JSON.stringify(run, null, 2)}\n`);
    writeFileSync(join(outDir, `${base}.md`), o.render(run));
  };
  console.error(`bench:${o.name}: N = ${o.vips.join(', ')}; results in ${outDir}/${base}.{json,md}`);
  for (const n of o.vips) {
    const result = o.result(n);
    console.error(o.title(result));
    run.results.push(result);
    try {
      await withLimit(o.limitMs(n), `N = ${n}`, () =>
        o.measure(result, join(outDir, `${base}-logs`, `n${n}`), (l) => console.error(l)),
      );
    } catch (err) {
      result.error = errorLine(err);
      console.error(`  FAILED: ${result.error}`);
    }
    write();
  }
  run.finishedAt = new Date().toISOString();
  write();
  process.stdout.write(`\n${o.render(run)}\n`);
  return run.results.every((r) => r.ok) ? 0 : 1;
}

/** Keeps the daemons' and etcd's logs in logsDir (the lab's directory goes), then destroys the lab. */
export async function keepLogsAndDestroy(
  lab: Lab,
  logsDir: string,
  log: (line: string) => void,
): Promise<void> {
  try {
    cpSync(lab.logDir, logsDir, { recursive: true });
  } catch (err) {
    log(`keeping logs: ${(err as Error).message}`);
  }
  await lab.destroy().catch((err: Error) => log(`lab teardown: ${err.message}`));
}
