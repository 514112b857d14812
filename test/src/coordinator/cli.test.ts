/** The vip-coordinator command line: --help, --version, --check-config, one clear line for bad input. */
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runScript, type ScriptResult } from '../harness/proc';
import { COORDINATOR_BIN } from '../harness/paths';

const coordinator = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<ScriptResult> =>
  runScript(COORDINATOR_BIN, args, env);

describe('vip-coordinator command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vipd-coord-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string, mode = 0o644): string => {
    const path = join(dir, name);
    writeFileSync(path, text, { mode });
    chmodSync(path, mode);
    return path;
  };
  const secret = 'c0ffee-c0ffee-c0ffee-0123456789';
  const authYaml = (name: string, tokenFile: string): string =>
    file(
      name,
      `etcd: { endpoints: [http://a:1] }\nauth: { tokens: [{ name: ops, role: operator, file: ${tokenFile} }] }\n`,
    );

  it('--help explains usage and exits 0', async () => {
    const r = await coordinator(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: vip-coordinator --config FILE/);
    assert.match(r.stdout, /--etcd-endpoints/);
    assert.match(r.stdout, /VIPD_COORDINATOR_LISTEN/);
  });

  it('--version prints the version', async () => {
    const r = await coordinator(['--version']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^vip-coordinator \d+\.\d+\.\d+\n$/);
  });

  it('--check-config prints the effective config: defaults, file < env < flags, secrets masked', async () => {
    const pw = file('pw', 'hunter2\n');
    const cfg = file(
      'ok.yaml',
      `cluster: prod\netcd:\n  endpoints: [http://127.0.0.1:2379]\n  auth: { username: coord, passwordFile: ${pw} }\n`,
    );
    const r = await coordinator(['--config', cfg, '--check-config', '--cluster', 'lab'], {
      VIPD_COORDINATOR_CLUSTER: 'staging',
      VIPD_COORDINATOR_LISTEN: '127.0.0.1:7600',
    });
    assert.equal(r.code, 0, r.stderr);
    const c = JSON.parse(r.stdout) as Record<string, unknown> & { etcd: { auth: { password: string } } };
    assert.equal(c.cluster, 'lab', 'a flag beats env and file');
    assert.equal(c.listen, '127.0.0.1:7600', 'env beats the default');
    assert.equal(c.etcd.auth.password, '[redacted]');
    assert.ok(!r.stdout.includes('hunter2'));
    const d = await coordinator(['--check-config'], {
      VIPD_COORDINATOR_ETCD_ENDPOINTS: 'http://10.0.0.1:2379',
    });
    assert.equal(d.code, 0, d.stderr);
    assert.equal((JSON.parse(d.stdout) as { listen: string }).listen, '0.0.0.0:7500');
  });

  it('--check-config reads the token files and shows names, roles and files, never a token', async () => {
    const tok = file('ops.token', `  ${secret}\n`, 0o600);
    const view = file('view.token', 'v'.repeat(40), 0o640);
    const cfg = file(
      'auth-ok.yaml',
      [
        'etcd: { endpoints: [http://a:1] }',
        'reflection: false',
        'auth:',
        '  anonymous: viewer',
        `  tokens: [{ name: ops, role: operator, file: ${tok} }, { name: ro, role: viewer, file: ${view} }]`,
        '',
      ].join('\n'),
    );
    const r = await coordinator(['--config', cfg, '--check-config']);
    assert.equal(r.code, 0, r.stderr);
    const c = JSON.parse(r.stdout) as { reflection: boolean; auth: unknown };
    assert.equal(c.reflection, false);
    assert.deepEqual(c.auth, {
      anonymous: 'viewer',
      tokens: [
        { name: 'ops', role: 'operator', file: tok },
        { name: 'ro', role: 'viewer', file: view },
      ],
    });
    assert.ok(!r.stdout.includes(secret) && !r.stdout.includes('vvvv'), r.stdout);
    const d = await coordinator(['--check-config', '--etcd-endpoints', 'http://a:1']);
    const defaults = JSON.parse(d.stdout) as { reflection: boolean; auth: unknown };
    assert.equal(defaults.reflection, true, 'reflection is on by default');
    assert.deepEqual(defaults.auth, { anonymous: 'none', tokens: [] }, 'no anonymous reads by default');
  });

  const bad: [string, () => string[], RegExp][] = [
    ['an unknown flag', () => ['--frobnicate'], /unknown argument "--frobnicate"/],
    ['a flag without its value', () => ['--listen'], /--listen needs a value/],
    [
      'a missing config file',
      () => ['--config', '/nonexistent/c.yaml'],
      /cannot read config \/nonexistent\/c.yaml/,
    ],
    [
      'no etcd endpoints',
      () => ['--listen', '127.0.0.1:7500'],
      /etcd: endpoints: required \(etcd.endpoints, VIPD_COORDINATOR_ETCD_ENDPOINTS or --etcd-endpoints\)/,
    ],
    ['invalid YAML', () => ['--config', file('bad.yaml', 'etcd: [\n')], /is not valid YAML/],
    [
      'an unknown key',
      () => ['--config', file('unknown.yaml', 'etcd: { endpoints: [http://a:1] }\nlisten_port: 1\n')],
      /Unrecognized key\(s\) in object: 'listen_port'/,
    ],
    [
      'a bad listen address',
      () => ['--config', file('listen.yaml', 'listen: nope\netcd: { endpoints: [http://a:1] }\n')],
      /listen: must be HOST:PORT/,
    ],
    [
      'tls without a key',
      () => ['--config', file('tls.yaml', 'tls: { cert: a }\netcd: { endpoints: [http://a:1] }\n')],
      /tls.key: Required/,
    ],
    [
      'a missing token file',
      () => ['--config', authYaml('t1.yaml', join(dir, 'nope.token'))],
      /cannot read token file auth.tokens\[0\] \(ops\): .*nope.token: ENOENT/,
    ],
    [
      'a world-readable token file',
      () => ['--config', authYaml('t2.yaml', file('world.token', secret, 0o644))],
      /token file .*world.token is accessible by other users \(mode 644\); chmod 600 it/,
    ],
    [
      'an empty token file',
      () => ['--config', authYaml('t3.yaml', file('empty.token', ' \n', 0o600))],
      /token file .*empty.token is empty/,
    ],
    [
      'a short token',
      () => ['--config', authYaml('t4.yaml', file('short.token', 'abc123', 0o600))],
      /the token must be 16–4096 characters/,
    ],
    [
      'a token with spaces or two lines',
      () => ['--config', authYaml('t5.yaml', file('lines.token', `${secret}\n${secret}`, 0o600))],
      /must hold one token of visible ASCII characters, no spaces/,
    ],
    [
      'an unknown role',
      () => [
        '--config',
        file(
          't6.yaml',
          'etcd: { endpoints: [http://a:1] }\nauth: { tokens: [{ name: x, role: admin, file: /f }] }\n',
        ),
      ],
      /auth.tokens.0.role: Invalid enum value. Expected 'viewer' \| 'operator'/,
    ],
    [
      'a bad anonymous role',
      () => [
        '--config',
        file('t7.yaml', 'etcd: { endpoints: [http://a:1] }\nauth: { anonymous: operator }\n'),
      ],
      /auth.anonymous: Invalid enum value. Expected 'none' \| 'viewer'/,
    ],
    [
      'a bad cluster name',
      () => ['--etcd-endpoints', 'http://a:1', '--cluster', 'Prod!'],
      /cluster: lower-case/,
    ],
  ];
  for (const [what, args, re] of bad) {
    it(`refuses ${what}: exit 2, one line on stderr`, async () => {
      const r = await coordinator(args());
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, re);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /^vip-coordinator: /);
      assert.ok(!r.stderr.includes(secret), 'the token is never printed');
    });
  }

  it('exits 1 with one line when the listen address cannot be bound', async () => {
    const r = await coordinator(['--etcd-endpoints', 'http://127.0.0.1:1', '--listen', '192.0.2.1:7500']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /vip-coordinator: cannot listen on 192.0.2.1:7500/);
  });
});
