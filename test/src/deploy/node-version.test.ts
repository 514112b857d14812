/**
 * The Node.js requirement: stated once (package.json engines.node), and every program says in
 * one line that its Node is too old instead of failing somewhere inside. An older Node is
 * simulated with a --require shim that makes process.version say v18.19.0.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { COORDINATOR_BIN, REPO_ROOT, VIPADM_BIN, VIPD_BIN } from '../harness/paths';

const dir = mkdtempSync(join(tmpdir(), 'vipd-node-version-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const shim = join(dir, 'old-node.js');
writeFileSync(
  shim,
  "Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '18.19.0' } });\n" +
    "Object.defineProperty(process, 'version', { value: 'v18.19.0' });\n",
);

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the plain-JS module the bins load
const check = require(join(REPO_ROOT, 'packages', 'log', 'node-version.js')) as {
  requiredMajor(): number;
  nodeVersionProblem(program: string, version: string, execPath?: string): string | null;
};

describe('Node.js version', () => {
  it('is stated once, in package.json engines.node, and this node meets it', () => {
    const engines = (
      JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }
    ).engines;
    assert.equal(engines.node, `>=${check.requiredMajor()}`);
    assert.equal(check.nodeVersionProblem('vipd', process.version), null);
    assert.equal(check.nodeVersionProblem('vipd', `v${check.requiredMajor()}.0.0`), null);
    assert.match(
      check.nodeVersionProblem('vipd', 'v18.19.0', '/usr/bin/node') ?? '',
      /^vipd: needs Node\.js 20 or later; \/usr\/bin\/node is v18\.19\.0 /,
    );
  });

  for (const [name, bin] of [
    ['vipd', VIPD_BIN],
    ['vip-coordinator', COORDINATOR_BIN],
    ['vipadm', VIPADM_BIN],
  ] as const) {
    it(`${name} on an older Node: one line, exit 2, before anything else`, () => {
      const r = spawnSync(process.execPath, ['--require', shim, bin, '--version'], {
        encoding: 'utf8',
        timeout: 20_000,
      });
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, new RegExp(`^${name}: needs Node\\.js 20 or later; .* is v18\\.19\\.0 .*\\n$`));
      const ok = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8', timeout: 20_000 });
      assert.equal(ok.status, 0, ok.stderr);
    });
  }
});
