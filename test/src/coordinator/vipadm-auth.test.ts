/**
 * The real vipadm against a real coordinator with tokens: --token-file, VIPADM_TOKEN and
 * --token work; a missing, wrong or too weak token is one `vipadm:` line and exit 1 (a bad
 * --token-file is usage, exit 2); and `--token T` is gone from /proc/<pid>/cmdline while a
 * long-running `vipadm watch` runs.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type LocalEtcd, startLocalEtcd } from '../harness/etcd-local';
import { pollUntil, runScript, type ScriptResult, terminate } from '../harness/proc';
import { VIPADM_BIN } from '../harness/paths';
import { type Coordinator, FakeDaemons, newToken, startCoordinator } from './admin-client';

const CLUSTER = 'vipadm-auth';

describe('vipadm with tokens', { timeout: 90_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'vipadm-auth-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  let etcd: LocalEtcd;
  let coord: Coordinator;
  const vipadm = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<ScriptResult> =>
    runScript(VIPADM_BIN, ['--server', coord.address, '-o', 'json', ...args], env);
  const noSecret = (r: ScriptResult): void => {
    for (const t of Object.values(coord.tokens))
      assert.ok(!`${r.stdout}${r.stderr}`.includes(t), 'no token shown');
  };
  const oneLine = (r: ScriptResult, code: number, re: RegExp): void => {
    assert.equal(r.code, code, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr.trim(), re);
    noSecret(r);
  };

  before(async () => {
    etcd = await startLocalEtcd();
    coord = await startCoordinator({ endpoints: [etcd.endpoint], cluster: CLUSTER });
  });
  after(async () => {
    await coord?.stop();
    await etcd?.stop();
  });

  it('takes the token from --token-file, VIPADM_TOKEN or --token', async () => {
    const add = await vipadm(
      [
        '--token-file',
        coord.tokenFiles.op,
        'vip',
        'add',
        'web',
        '--address',
        '198.51.100.10/24',
        '--interface',
        'e0',
      ],
      {},
    );
    assert.equal(add.code, 0, add.stderr);
    const list = await vipadm(['vip', 'list'], { VIPADM_TOKEN: coord.tokens.view });
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual(
      (JSON.parse(list.stdout) as { vips: { spec: { name: string } }[] }).vips.map((v) => v.spec.name),
      ['web'],
    );
    const fromEnvFile = await vipadm(['vip', 'get', 'web'], { VIPADM_TOKEN_FILE: coord.tokenFiles.view });
    assert.equal(fromEnvFile.code, 0, fromEnvFile.stderr);
    // A context of the config file: its server and token file, nothing on the command line.
    const config = join(dir, 'config.yaml');
    writeFileSync(
      config,
      `current-context: lab\ncontexts:\n  lab: { server: "${coord.address}", token-file: ${coord.tokenFiles.op} }\n`,
    );
    const viaContext = await runScript(
      VIPADM_BIN,
      ['-o', 'json', 'vip', 'set', 'web', '--preempt-delay', '100'],
      {
        VIPADM_CONFIG: config,
      },
    );
    assert.equal(viaContext.code, 0, viaContext.stderr);
    assert.equal(
      (JSON.parse(viaContext.stdout) as { spec: { preempt_delay_ms: number } }).spec.preempt_delay_ms,
      100,
    );
    const flag = await vipadm(['--token', coord.tokens.view, 'vip', 'get', 'web']);
    assert.equal(flag.code, 0, flag.stderr);
    assert.match(flag.stderr, /warning: --token shows in ps/);
    noSecret(flag);
  });

  it('refuses with one line: no token, a wrong token, a viewer writing, an unreadable token file', async () => {
    // No token: the hint says how to give one; a wrong token: that this one is not accepted.
    // Neither names a gRPC method or the metadata syntax.
    const none = await vipadm(['vip', 'list']);
    oneLine(
      none,
      1,
      /^vipadm: not authenticated: the coordinator at \S+ needs a token \(viewer or operator\); give one with --token-file F, VIPADM_TOKEN_FILE/,
    );
    const noneWrite = await vipadm(['vip', 'rm', 'web']);
    oneLine(
      noneWrite,
      1,
      /^vipadm: not authenticated: .* needs an operator token to change the cluster; give one with/,
    );
    const wrong = await vipadm(['vip', 'rm', 'web'], { VIPADM_TOKEN: newToken() });
    oneLine(
      wrong,
      1,
      /^vipadm: not authenticated: the coordinator at \S+ does not accept the token from VIPADM_TOKEN; check that it is a current token/,
    );
    const viewer = await vipadm(['vip', 'rm', 'web'], { VIPADM_TOKEN: coord.tokens.view });
    oneLine(
      viewer,
      1,
      /^vipadm: permission denied: the token from VIPADM_TOKEN is view's, with role viewer; changing the cluster needs an operator token$/,
    );
    for (const r of [none, noneWrite, wrong, viewer]) {
      assert.doesNotMatch(r.stderr, /ListVips|DeleteVip|authorization|Bearer|metadata/);
    }
    const fileOfWrongToken = join(dir, 'wrong.token');
    writeFileSync(fileOfWrongToken, `${newToken()}\n`, { mode: 0o600 });
    oneLine(
      await vipadm(['vip', 'list'], { VIPADM_TOKEN_FILE: fileOfWrongToken }),
      1,
      new RegExp(`does not accept the token from VIPADM_TOKEN_FILE ${fileOfWrongToken};`),
    );
    oneLine(
      await vipadm(['--token-file', '/nonexistent/token', 'vip', 'list']),
      2,
      /^vipadm: cannot read --token-file \/nonexistent\/token: ENOENT$/,
    );
    const daemons = new FakeDaemons(etcd.endpoint, CLUSTER);
    assert.notEqual(await daemons.get('vips/web'), undefined, 'the refused rm changed nothing');
  });

  it('hides --token T from /proc/<pid>/cmdline while `vipadm watch` runs', async () => {
    const token = coord.tokens.view;
    const child = spawn(
      process.execPath,
      [VIPADM_BIN, '--server', coord.address, '--token', token, '-o', 'json', 'watch'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    try {
      // The watch is authorized and live: a change shows up as an event line.
      const daemons = new FakeDaemons(etcd.endpoint, CLUSTER);
      await pollUntil(
        async () => {
          await daemons.registerNode(`probe-${Date.now()}`, '127.0.0.1:1');
          await new Promise((r) => setTimeout(r, 200));
          return out.includes('"node_joined"') ? true : undefined;
        },
        { timeoutMs: 15_000, intervalMs: 50, what: `an event from vipadm watch (stderr: ${err})` },
      );
      const cmdline = readFileSync(`/proc/${child.pid}/cmdline`, 'latin1');
      assert.ok(!cmdline.includes(token), `the token is not in /proc/${child.pid}/cmdline`);
      assert.ok(!cmdline.includes(token.slice(0, 8)), 'not even its start');
      assert.match(cmdline.replace(/\0+/g, ' '), /^vipadm --server \S+ --token \*\*\* -o json watch/);
    } finally {
      await terminate(child);
    }
    assert.ok(!err.includes(token) && !out.includes(token));
  });
});
