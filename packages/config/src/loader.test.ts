import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from './errors';
import { loadVipdConfig, maskSecrets } from './loader';

const FILE = `
node:
  name: n1
  listen: 198.51.100.11:7400
cluster: lab
etcd:
  endpoints: [http://198.51.100.2:2379]
lease:
  ttlSeconds: 5
`;

function load(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
  files: Record<string, string> = { 'vipd.yaml': FILE },
) {
  return loadVipdConfig({
    argv,
    env,
    defaultNodeName: 'host',
    readFile: (p) => {
      const text = files[p];
      if (text === undefined) throw new Error(`ENOENT: no such file '${p}'`);
      return text;
    },
  }).config;
}

function refused(argv: string[], env: NodeJS.ProcessEnv = {}, files?: Record<string, string>): string {
  try {
    load(argv, env, files);
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    assert.ok(!err.message.includes('\n'), 'one line');
    return err.message;
  }
  assert.fail('expected the config to be refused');
}

describe('vipd config', () => {
  it('reads the file and fills derived defaults', () => {
    const c = load(['--config', 'vipd.yaml']);
    assert.equal(c.node.name, 'n1');
    assert.equal(c.node.advertise, '198.51.100.11:7400', 'advertise defaults to a non-wildcard listen');
    assert.equal(c.cluster, 'lab');
    assert.equal(c.lease.ttlSeconds, 5);
    assert.equal(c.lease.renewIntervalMs, 1250);
    assert.equal(c.lease.fenceMarginMs, 1250);
    assert.equal(c.lease.addressLifetimeSec, 3, 'the kernel lifetime ends before the fence + margin');
    assert.equal(c.heartbeat.intervalMs, 100);
  });

  it('environment overrides the file, flags override both', () => {
    const env = {
      VIPD_CLUSTER: 'fromenv',
      VIPD_LEASE_TTL_SECONDS: '8',
      VIPD_ETCD_ENDPOINTS: 'http://a:1, http://b:2',
    };
    const c = load(['--config', 'vipd.yaml', '--cluster', 'fromflag', '--log-level=debug'], env);
    assert.equal(c.cluster, 'fromflag');
    assert.equal(c.lease.ttlSeconds, 8);
    assert.deepEqual(c.etcd.endpoints, ['http://a:1', 'http://b:2']);
    assert.equal(c.log.level, 'debug');
  });

  it('works without a file from env and flags alone; node name defaults to the host name', () => {
    const c = load(['--advertise', '198.51.100.11:7400'], {
      VIPD_ETCD_ENDPOINTS: 'http://198.51.100.2:2379',
    });
    assert.equal(c.node.name, 'host');
  });

  it('reads the etcd password from a file, and masks it when printed', () => {
    const yaml = FILE.replace(
      'etcd:\n  endpoints: [http://198.51.100.2:2379]',
      'etcd:\n  endpoints: [http://198.51.100.2:2379]\n  auth: { username: vipd, passwordFile: /secret }',
    );
    const c = load(['--config', 'vipd.yaml'], {}, { 'vipd.yaml': yaml, '/secret': 's3cret\n' });
    assert.equal(c.etcd.auth?.password, 's3cret');
    assert.ok(!JSON.stringify(maskSecrets(c)).includes('s3cret'));
  });

  const bad: [string, string[], NodeJS.ProcessEnv, RegExp][] = [
    ['an unknown flag', ['--config', 'vipd.yaml', '--bogus'], {}, /unknown argument "--bogus"/],
    ['a flag without its value', ['--config'], {}, /--config needs a value/],
    ['a missing file', ['--config', 'nope.yaml'], {}, /cannot read config nope.yaml/],
    ['no endpoints', ['--advertise', '198.51.100.11:7400'], {}, /etcd: Required/],
    ['a TTL below etcd minimum', ['--config', 'vipd.yaml', '--lease-ttl', '1'], {}, /under 2 s/],
    [
      'a TTL that is not a number',
      ['--config', 'vipd.yaml'],
      { VIPD_LEASE_TTL_SECONDS: 'ten' },
      /not a whole number/,
    ],
    ['a bad endpoint', ['--config', 'vipd.yaml', '--etcd-endpoints', 'localhost'], {}, /http\(s\):\/\//],
    ['a bad listen address', ['--config', 'vipd.yaml', '--listen', 'nope'], {}, /HOST:PORT/],
    [
      'a bad metrics.listen',
      ['--config', 'vipd.yaml', '--metrics-listen', ':9464'],
      {},
      /^.*metrics\.listen: must be HOST:PORT/,
    ],
    [
      "metrics.listen on node.listen's port",
      ['--config', 'vipd.yaml'],
      { VIPD_METRICS_LISTEN: '0.0.0.0:7400' },
      /metrics\.listen: 0\.0\.0\.0:7400 takes the port of node\.listen \(198\.51\.100\.11:7400\)/,
    ],
    [
      'a wildcard listen without advertise',
      ['--listen', '0.0.0.0:7400'],
      { VIPD_ETCD_ENDPOINTS: 'http://a:1' },
      /advertise/,
    ],
  ];
  for (const [what, argv, env, re] of bad) {
    it(`refuses ${what} with one clear line`, () => assert.match(refused(argv, env), re));
  }

  it('refuses YAML that is not a mapping, and unknown keys', () => {
    assert.match(
      refused(['--config', 'x.yaml'], {}, { 'x.yaml': '- a\n- b\n' }),
      /top level must be a mapping/,
    );
    assert.match(refused(['--config', 'x.yaml'], {}, { 'x.yaml': `${FILE}colour: red\n` }), /colour/);
    assert.match(refused(['--config', 'x.yaml'], {}, { 'x.yaml': 'node: [' }), /not valid YAML/);
  });

  it('refuses timings that leave no room for a failed renewal', () => {
    const yaml = FILE.replace('ttlSeconds: 5', 'ttlSeconds: 2\n  renewIntervalMs: 900');
    assert.match(refused(['--config', 'x.yaml'], {}, { 'x.yaml': yaml }), /renewIntervalMs/);
  });

  it('validates checks[] and refuses a shell string for exec', () => {
    const good = `${FILE}checks:\n  - { name: db, type: tcp, target: "127.0.0.1:5432" }\n`;
    assert.equal(load(['--config', 'g.yaml'], {}, { 'g.yaml': good }).checks[0]?.name, 'db');
    const bad = `${FILE}checks:\n  - { name: db, type: exec, argv: "pg_isready -q" }\n`;
    assert.match(refused(['--config', 'b.yaml'], {}, { 'b.yaml': bad }), /checks\[0\]\.argv/);
  });

  it('metrics.listen: absent is off; file, env and flag set it', () => {
    assert.equal(load(['--config', 'vipd.yaml']).metrics.listen, undefined);
    const file = { 'm.yaml': `${FILE}metrics: { listen: "127.0.0.1:9464" }\n` };
    assert.equal(load(['--config', 'm.yaml'], {}, file).metrics.listen, '127.0.0.1:9464');
    const env = { VIPD_METRICS_LISTEN: '[::1]:9464' };
    assert.equal(load(['--config', 'm.yaml'], env, file).metrics.listen, '[::1]:9464');
    const flag = ['--config', 'm.yaml', '--metrics-listen', '198.51.100.11:7401'];
    assert.equal(load(flag, env, file).metrics.listen, '198.51.100.11:7401');
    assert.match(refused(['--config', 'x.yaml'], {}, { 'x.yaml': `${FILE}metrics: { port: 1 }\n` }), /port/);
  });

  it('scheduling.nice: -10 unless set, from -20 to 19', () => {
    assert.equal(load(['--config', 'vipd.yaml']).scheduling.nice, -10);
    const file = (nice: number) => ({ 's.yaml': `${FILE}scheduling: { nice: ${nice} }\n` });
    assert.equal(load(['--config', 's.yaml'], {}, file(0)).scheduling.nice, 0);
    assert.match(refused(['--config', 's.yaml'], {}, file(-21)), /scheduling\.nice/);
    assert.match(refused(['--config', 's.yaml'], {}, file(20)), /scheduling\.nice/);
  });

  it('log.levelNames: off unless set; file, env and flag set it', () => {
    assert.equal(load(['--config', 'vipd.yaml']).log.levelNames, false);
    const file = { 'l.yaml': `${FILE}log: { levelNames: true }\n` };
    assert.equal(load(['--config', 'l.yaml'], {}, file).log.levelNames, true);
    assert.equal(load(['--config', 'vipd.yaml'], { VIPD_LOG_LEVEL_NAMES: 'true' }).log.levelNames, true);
    assert.equal(load(['--config', 'vipd.yaml', '--log-level-names']).log.levelNames, true);
    const bad = { 'b.yaml': `${FILE}log: { levelNames: "yes please" }\n` };
    assert.match(refused(['--config', 'b.yaml'], {}, bad), /log\.levelNames/);
  });

  it('node.statusSocket: /run/vipd/status.sock unless set, an absolute path', () => {
    assert.equal(load(['--config', 'vipd.yaml']).node.statusSocket, '/run/vipd/status.sock');
    const flag = ['--config', 'vipd.yaml', '--status-socket', '/run/other/s.sock'];
    assert.equal(load(flag).node.statusSocket, '/run/other/s.sock');
    const env = { VIPD_NODE_STATUS_SOCKET: '/tmp/s.sock' };
    assert.equal(load(['--config', 'vipd.yaml'], env).node.statusSocket, '/tmp/s.sock');
    assert.match(refused(['--config', 'vipd.yaml', '--status-socket', 'rel.sock']), /node\.statusSocket/);
  });

  it('has no flag for the password (it would show in ps)', () => {
    assert.match(refused(['--config', 'vipd.yaml', '--etcd-password', 'x']), /unknown argument/);
  });
});
