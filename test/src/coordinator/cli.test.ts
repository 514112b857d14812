/** The vip-coordinator command line: --help, --version, --check-config, one clear line for bad input. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runScript, type ScriptResult } from '../harness/proc';
import { COORDINATOR_BIN } from './admin-client';

const coordinator = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<ScriptResult> =>
  runScript(COORDINATOR_BIN, args, env);

describe('vip-coordinator command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vipd-coord-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

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
      'auth.tokens (not supported yet)',
      () => ['--config', file('auth.yaml', 'auth: { tokens: [x] }\netcd: { endpoints: [http://a:1] }\n')],
      /auth: auth.tokens: not supported yet/,
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
    });
  }

  it('exits 1 with one line when the listen address cannot be bound', async () => {
    const r = await coordinator(['--etcd-endpoints', 'http://127.0.0.1:1', '--listen', '192.0.2.1:7500']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /vip-coordinator: cannot listen on 192.0.2.1:7500/);
  });
});
