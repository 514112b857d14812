import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from './errors';
import { resolveHook, unknownHookVips } from './hooks';
import { loadVipdConfig } from './loader';

const BASE = `
node: { name: n1, listen: 198.51.100.11:7400 }
etcd: { endpoints: [http://198.51.100.2:2379] }
`;

function load(hooksYaml: string) {
  return loadVipdConfig({
    argv: ['--config', 'vipd.yaml'],
    env: {},
    readFile: () => `${BASE}${hooksYaml}`,
  }).config;
}

function refused(hooksYaml: string): string {
  try {
    load(hooksYaml);
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    assert.ok(!err.message.includes('\n'), 'one line');
    return err.message;
  }
  assert.fail('config accepted');
}

describe('hooks config', () => {
  it('defaults: no hooks, 10 s timeout, 2 retries 1 s apart, 4 at once', () => {
    const { hooks } = load('');
    assert.deepEqual(hooks, { timeoutMs: 10_000, retries: 2, retryDelayMs: 1000, concurrency: 4, vips: {} });
    assert.equal(resolveHook(hooks, 'web', 'master'), undefined);
  });

  it('per-VIP keys override the top level; null turns one state off for that VIP', () => {
    const { hooks } = load(`
hooks:
  onMaster: [/usr/local/bin/move-ip, master]
  onBackup: [/usr/local/bin/move-ip, backup]
  timeoutMs: 30000
  vips:
    db:
      onMaster: [/opt/db-hook, up]
      onBackup: null
      retries: 0
`);
    assert.deepEqual(resolveHook(hooks, 'web', 'master'), {
      argv: ['/usr/local/bin/move-ip', 'master'],
      timeoutMs: 30_000,
      retries: 2,
      retryDelayMs: 1000,
    });
    assert.deepEqual(resolveHook(hooks, 'db', 'master'), {
      argv: ['/opt/db-hook', 'up'],
      timeoutMs: 30_000,
      retries: 0,
      retryDelayMs: 1000,
    });
    assert.equal(resolveHook(hooks, 'db', 'backup'), undefined, 'null: no hook for db');
    assert.equal(resolveHook(hooks, 'web', 'fault'), undefined, 'none configured');
    assert.equal(resolveHook(hooks, 'toString', 'master')?.argv[0], '/usr/local/bin/move-ip');
    assert.deepEqual(unknownHookVips(hooks, ['web', 'api']), ['db']);
  });

  it('refuses argv that is not a non-empty array of strings with an absolute argv[0], in one line', () => {
    assert.match(refused('hooks: { onMaster: "/bin/echo hi" }'), /hooks\.onMaster: must be an argv array/);
    assert.match(refused('hooks: { onMaster: [] }'), /hooks\.onMaster: must be an argv array/);
    assert.match(
      refused('hooks: { onFault: [echo, hi] }'),
      /hooks\.onFault: argv\[0\] must be an absolute path/,
    );
    assert.match(refused('hooks: { onBackup: [/bin/echo, 3] }'), /hooks\.onBackup\.1: Expected string/);
    assert.match(
      refused('hooks: { vips: { web: { onMaster: [./x] } } }'),
      /hooks\.vips\.web\.onMaster: argv\[0\] must be an absolute path/,
    );
    assert.match(refused('hooks: { onMaster: [/bin/true], timeoutMs: 5 }'), /hooks\.timeoutMs/);
    assert.match(
      refused('hooks: { onmaster: [/bin/true] }'),
      /hooks: Unrecognized key\(s\) in object: 'onmaster'/,
    );
    assert.match(
      refused('hooks: { vips: { web: { command: [/bin/true] } } }'),
      /hooks\.vips\.web: Unrecognized/,
    );
  });
});
