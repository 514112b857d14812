import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadCoordinatorConfig, validateCoordinatorConfig } from './config';

describe('coordinator config', () => {
  it('fills defaults and needs only etcd.endpoints', () => {
    const r = validateCoordinatorConfig({ etcd: { endpoints: ['http://127.0.0.1:2379'] } });
    assert.ok('config' in r);
    assert.equal(r.config.listen, '0.0.0.0:7500');
    assert.equal(r.config.cluster, 'default');
    assert.equal(r.config.etcd.callTimeoutMs, 2000);
  });

  it('merges file < env < flags', () => {
    const files: Record<string, string> = {
      '/c.yaml': 'listen: 127.0.0.1:1\ncluster: a\netcd: { endpoints: [http://e:1] }\n',
    };
    const { config } = loadCoordinatorConfig({
      argv: ['--config', '/c.yaml', '--cluster=c'],
      env: { VIPD_COORDINATOR_CLUSTER: 'b', VIPD_COORDINATOR_ETCD_ENDPOINTS: 'http://x:1, http://y:2' },
      readFile: (p) => files[p] ?? '',
    });
    assert.equal(config.cluster, 'c');
    assert.equal(config.listen, '127.0.0.1:1');
    assert.deepEqual(config.etcd.endpoints, ['http://x:1', 'http://y:2']);
  });

  it('log.levelNames: off unless the file, env or a flag sets it', () => {
    const files: Record<string, string> = { '/c.yaml': 'etcd: { endpoints: [http://e:1] }\n' };
    const load = (argv: string[], env: NodeJS.ProcessEnv = {}) =>
      loadCoordinatorConfig({ argv: ['--config', '/c.yaml', ...argv], env, readFile: (p) => files[p] ?? '' })
        .config.log.levelNames;
    assert.equal(load([]), false);
    assert.equal(load(['--log-level-names']), true);
    assert.equal(load([], { VIPD_COORDINATOR_LOG_LEVEL_NAMES: 'true' }), true);
    files['/c.yaml'] += 'log: { levelNames: true }\n';
    assert.equal(load([]), true);
  });

  it('refuses the sections of a later issue and mismatched etcd.tls/auth', () => {
    const r = validateCoordinatorConfig({
      etcd: {
        endpoints: ['http://e:1'],
        tls: { ca: 'ca', cert: 'c' },
        auth: { username: 'u', password: 'p', passwordFile: 'f' },
      },
    });
    assert.deepEqual('problems' in r && r.problems, [
      'etcd.auth: give password or passwordFile, not both',
      'etcd.tls: cert and key go together',
    ]);
    assert.throws(
      () => loadCoordinatorConfig({ argv: ['--listen'], env: {} }),
      (e: unknown) => e instanceof ConfigError && e.message === '--listen needs a value',
    );
  });

  it('metrics.listen: off by default, one line when bad or on the API port', () => {
    const etcd = { endpoints: ['http://e:1'] };
    const off = validateCoordinatorConfig({ etcd });
    assert.equal('config' in off && off.config.metrics.listen, undefined);
    const { config } = loadCoordinatorConfig({
      argv: ['--metrics-listen', '127.0.0.1:9465'],
      env: { VIPD_COORDINATOR_ETCD_ENDPOINTS: 'http://e:1' },
    });
    assert.equal(config.metrics.listen, '127.0.0.1:9465');
    assert.deepEqual(validateCoordinatorConfig({ etcd, metrics: { listen: '9465' } }), {
      problems: ['metrics.listen: must be HOST:PORT (IPv6 as [ADDR]:PORT)'],
    });
    assert.deepEqual(
      validateCoordinatorConfig({ etcd, listen: '127.0.0.1:7500', metrics: { listen: '0.0.0.0:7500' } }),
      {
        problems: [
          'metrics.listen: 0.0.0.0:7500 takes the port of listen (127.0.0.1:7500); pick another port',
        ],
      },
    );
    const other = validateCoordinatorConfig({
      etcd,
      listen: '127.0.0.1:7500',
      metrics: { listen: '127.0.0.2:7500' },
    });
    assert.ok('config' in other, 'the same port on another address is fine');
  });
});
