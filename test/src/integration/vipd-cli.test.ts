/** The vipd command line contract: --help, --version, and one clear line for bad input. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runScript, type ScriptResult } from '../harness/proc';
import { REPO_ROOT, VIPD_BIN } from '../harness/paths';

const vipd = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<ScriptResult> =>
  runScript(VIPD_BIN, args, env);

describe('vipd command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vipd-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('--help explains usage and exits 0', async () => {
    const r = await vipd(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Usage: vipd --config FILE/);
    assert.match(r.stdout, /--etcd-endpoints/);
    assert.match(r.stdout, /--agent-socket PATH[\s\S]*--status-socket PATH/);
  });

  it('--version prints the version', async () => {
    const r = await vipd(['--version']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^vipd \d+\.\d+\.\d+\n$/);
  });

  it('--check-config validates the example config and masks secrets', async () => {
    const pw = join(dir, 'pw');
    writeFileSync(pw, 'hunter2\n');
    const cfg = join(dir, 'with-auth.yaml');
    writeFileSync(
      cfg,
      'node: { name: n1, listen: 127.0.0.1:7400 }\netcd:\n  endpoints: [http://127.0.0.1:2379]\n  auth: { username: vipd, passwordFile: ' +
        pw +
        ' }\n',
    );
    const example = await vipd([
      '--config',
      join(REPO_ROOT, 'deploy', 'vipd.example.yaml'),
      '--check-config',
    ]);
    assert.equal(example.code, 0, example.stderr);
    assert.equal(JSON.parse(example.stdout).lease.ttlSeconds, 3);
    const r = await vipd(['--config', cfg, '--check-config']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!r.stdout.includes('hunter2'), 'the password is masked');
    assert.match(r.stdout, /\[redacted\]/);
  });

  const bad: [string, string[], RegExp][] = [
    ['an unknown flag', ['--frobnicate'], /unknown argument/],
    ['a missing config file', ['--config', '/nonexistent/vipd.yaml'], /cannot read config/],
    [
      'an invalid value',
      ['--config', join(REPO_ROOT, 'deploy', 'vipd.example.yaml'), '--lease-ttl', '0'],
      /lease.ttlSeconds/,
    ],
  ];
  const tlsYaml = (section: string): string => {
    const cfg = join(dir, `tls-${section.length}.yaml`);
    writeFileSync(cfg, `node: { name: n1, listen: 127.0.0.1:7400 }\n${section}\n`);
    return cfg;
  };
  const plainEtcd = 'etcd: { endpoints: [http://127.0.0.1:2379] }\n';
  bad.push(
    [
      'a missing heartbeat.tls key file',
      [
        '--config',
        tlsYaml(
          plainEtcd + 'heartbeat:\n  tls: { ca: /etc/hostname, cert: /etc/hostname, key: /nonexistent/k }',
        ),
      ],
      /cannot read heartbeat\.tls\.key \/nonexistent\/k: ENOENT/,
    ],
    [
      'an etcd.tls CA that is not a certificate',
      ['--config', tlsYaml('etcd:\n  endpoints: [https://127.0.0.1:2379]\n  tls: { ca: /etc/hostname }')],
      /etcd\.tls\.ca \/etc\/hostname: not a PEM certificate/,
    ],
  );
  const timingsYaml = join(dir, 'timings.yaml');
  writeFileSync(
    timingsYaml,
    `node: { name: n1, listen: 127.0.0.1:7400 }\n${plainEtcd}heartbeat: { intervalMs: 50 }\n`,
  );
  bad.push([
    'timings that break S ≥ Df (--check-config)',
    ['--check-config', '--config', timingsYaml],
    /takeover: S ≥ Df does not hold .*S = 3 × 50 = 150 ms < Df = 300 ms/,
  ]);
  for (const [what, args, re] of bad) {
    it(`refuses ${what}: exit 2, one line on stderr`, async () => {
      const r = await vipd(args);
      assert.equal(r.code, 2);
      assert.match(r.stderr, re);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /^vipd: /);
    });
  }
});
