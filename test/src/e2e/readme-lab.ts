/**
 * What the README and quick-start lab tests share: reading `sh` blocks and inline `vipadm …`
 * spans out of a Markdown file, running one line with bash on the lab's client host (vipadm on
 * PATH, from the checkout), and the coordinator of deploy/coordinator.example.yaml on the lab's
 * etcd host.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandError, hasExited, pollUntil } from '../harness/proc';
import { COORDINATOR_BIN, HEALTH_PROBE, REPO_ROOT, VIPADM_BIN } from '../harness/paths';
import type { Lab } from '../lab';
import { CLUSTER, type VipdCluster } from './vipd-cluster';

export interface ShLine {
  line: string;
  comment: string;
}

/** The lines of one `sh` block: continuation lines joined, blank lines dropped, comments kept apart. */
export function shLines(block: string): ShLine[] {
  return block
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const at = l.search(/\s#\s/);
      return at === -1
        ? { line: l.trim(), comment: '' }
        : { line: l.slice(0, at).trim(), comment: l.slice(at).trim() };
    });
}

/** The first `sh` block after the heading `heading` (e.g. "## Running it"); [] if there is none. */
export function shBlockAfter(markdown: string, heading: string): ShLine[] {
  const at = markdown.indexOf(`\n${heading}\n`);
  if (at === -1) return [];
  const block = /```sh\n([\s\S]*?)```/.exec(markdown.slice(at))?.[1];
  return block === undefined ? [] : shLines(block);
}

/** The commands of README.md's "Running it" block (readme-commands.test.ts runs them). */
export function readmeCommands(readme: string): ShLine[] {
  return shBlockAfter(readme, '## Running it');
}

/**
 * Every place the Markdown shows a vipadm command: each line of an `sh` block that runs vipadm
 * (as `vipadm`, `packages/vipadm/bin/vipadm` or inside `$(…)`/`<(…)`), and each inline code span
 * outside the fenced blocks that starts with `vipadm ` (line breaks inside a span read as one
 * space). In order, duplicates kept once.
 */
export function vipadmMentions(markdown: string): string[] {
  const found: string[] = [];
  const outside = markdown.replace(/```[^\n]*\n[\s\S]*?```/g, (fence) => {
    const sh = /^```sh\n([\s\S]*?)```$/.exec(fence);
    if (sh) {
      for (const { line } of shLines(sh[1] ?? '')) if (/(^|[\s/(])vipadm(\s|$)/.test(line)) found.push(line);
    }
    return '';
  });
  for (const m of outside.matchAll(/`([^`]+)`/g)) {
    const span = (m[1] ?? '').replace(/\s+/g, ' ').trim();
    if (span.startsWith('vipadm ')) found.push(span);
  }
  return [...new Set(found)];
}

export interface Shell {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one line with bash on the client host, from the checkout, `binDir` (vipadm) on PATH. */
export async function bash(
  lab: Lab,
  binDir: string,
  exports: string[],
  line: string,
  timeoutMs = 30_000,
): Promise<Shell> {
  const script = [`cd ${REPO_ROOT}`, `export PATH=${binDir}:$PATH`, ...exports, line].join('\n');
  try {
    const stdout = await lab.exec('cli', ['bash', '-c', script], { timeoutMs });
    return { code: 0, stdout, stderr: '' };
  } catch (err) {
    if (!(err instanceof CommandError) || typeof err.code !== 'number') throw err;
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/**
 * Starts the coordinator of deploy/coordinator.example.yaml on the lab's etcd host (where the
 * example's 198.51.100.2 is), with the lab's cluster and token folder, and waits until it serves.
 */
export async function startExampleCoordinator(lab: Lab, local: (text: string) => string): Promise<void> {
  const example = readFileSync(join(REPO_ROOT, 'deploy', 'coordinator.example.yaml'), 'utf8');
  assert.match(example, /^cluster: default$/m);
  const config = join(lab.dir, 'coordinator.example.yaml');
  writeFileSync(config, local(example).replace(/^cluster: default$/m, `cluster: ${CLUSTER}`));
  const proc = lab.spawn('etcd', [process.execPath, COORDINATOR_BIN, '--config', config], {
    logFile: join(lab.logDir, 'coordinator.log'),
  });
  await pollUntil(
    async () =>
      (await lab.exec('cli', [process.execPath, HEALTH_PROBE, '198.51.100.2:7500'])).trim() === 'SERVING'
        ? true
        : undefined,
    {
      timeoutMs: 20_000,
      intervalMs: 100,
      what: 'the coordinator of coordinator.example.yaml to serve',
      fatal: () =>
        hasExited(proc)
          ? new Error(`it exited: ${readFileSync(join(lab.logDir, 'coordinator.log'), 'utf8')}`)
          : undefined,
    },
  );
}

/**
 * Waits (3 s at most) until the VIP is on `node` alone. A move or drain returns once the new
 * holder has the VIP; the old one lets go right after (a graceful move is make-before-break by
 * up to ~40 ms, longer on a loaded machine), so an immediate look can still see both.
 */
export async function aloneOn(cluster: VipdCluster, vip: string, node: string, what: string): Promise<void> {
  await pollUntil(
    async () => ((await cluster.holders(vip, ['n1', 'n2'])).join() === node ? true : undefined),
    { timeoutMs: 3000, intervalMs: 20, what: `${what}: ${vip} on ${node} alone` },
  );
}

/** What a README lab run works with: its token folder, the rewrite of /etc/vipd/tokens/ to it, and a bin folder with vipadm. */
export interface ReadmeLab {
  tokens: string;
  local: (text: string) => string;
  binDir: string;
}

/** The token folder and a bin folder holding vipadm (from the checkout), in the lab's directory. */
export function readmeLabDirs(lab: Lab): ReadmeLab {
  const tokens = join(lab.dir, 'tokens');
  const binDir = join(lab.dir, 'bin');
  mkdirSync(binDir);
  symlinkSync(VIPADM_BIN, join(binDir, 'vipadm'));
  return { tokens, binDir, local: (text) => text.replaceAll('/etc/vipd/tokens/', `${tokens}/`) };
}

/** The example coordinator's two tokens (admin, dashboard) made as the README says, then the coordinator itself. */
export async function startTokensAndCoordinator(lab: Lab, r: ReadmeLab): Promise<void> {
  for (const name of ['admin', 'dashboard']) {
    const made = await bash(lab, r.binDir, [], `deploy/new-token.sh ${r.tokens}/${name}`);
    assert.equal(made.code, 0, made.stderr);
  }
  await startExampleCoordinator(lab, r.local);
}
