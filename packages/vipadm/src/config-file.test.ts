/** The config file: contexts parsed with paths resolved, and one clear line for each mistake. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { configPath, parseConfigFile, readConfigFile } from './config-file';
import { UsageError } from './errors';

const PATH = '/home/op/.config/vipadm/config.yaml';
const parse = (text: string) => parseConfigFile(text, PATH, '/home/op');

describe('vipadm config file', () => {
  it('reads contexts; ~ and relative paths resolve; tls: true', () => {
    const c = parse(
      [
        'current-context: prod',
        'contexts:',
        '  prod:',
        '    server: coord.example:7500',
        '    token-file: ~/prod.token',
        '    tls-ca: tls/ca.pem',
        '    tls-cert: /etc/vipd/admin.pem',
        '    tls-key: /etc/vipd/admin-key.pem',
        '  cloud: { server: "vip.example:443", tls: true }',
        '',
      ].join('\n'),
    );
    assert.deepEqual(c, {
      path: PATH,
      currentContext: 'prod',
      contexts: {
        prod: {
          server: 'coord.example:7500',
          tokenFile: '/home/op/prod.token',
          tlsCa: '/home/op/.config/vipadm/tls/ca.pem',
          tlsCert: '/etc/vipd/admin.pem',
          tlsKey: '/etc/vipd/admin-key.pem',
        },
        cloud: { server: 'vip.example:443', tls: true },
      },
    });
    assert.deepEqual(parse(''), { path: PATH, contexts: {} });
  });

  it('refuses mistakes with one line naming the file and the key', () => {
    const bad = (text: string, re: RegExp) =>
      assert.throws(
        () => parse(text),
        (err: unknown) => err instanceof UsageError && !err.message.includes('\n') && re.test(err.message),
      );
    bad('contexts: [\n', /^config file .*config\.yaml: not valid YAML/);
    bad('current: x\n', /unknown key "current" \(known: current-context, contexts\)/);
    bad(
      'contexts: { a: { server: x:1, token: abc } }\n',
      /contexts\.a: unknown key "token" \(known: server, token-file/,
    );
    bad('contexts: { a: { server: 7500 } }\n', /contexts\.a\.server: must be a non-empty string/);
    bad('contexts: { a: { tls: "yes" } }\n', /contexts\.a\.tls: must be true or false/);
    bad(
      'current-context: b\ncontexts: { a: { server: "x:1" } }\n',
      /current-context "b" is not among its contexts/,
    );
  });

  it('is found at VIPADM_CONFIG, else under XDG_CONFIG_HOME, else ~/.config; a missing default is none', () => {
    assert.deepEqual(configPath({ VIPADM_CONFIG: '/c.yaml' }), { path: '/c.yaml', explicit: true });
    assert.equal(configPath({ XDG_CONFIG_HOME: '/x' }).path, '/x/vipadm/config.yaml');
    assert.equal(configPath({ HOME: '/home/op' }).path, '/home/op/.config/vipadm/config.yaml');
    const dir = mkdtempSync(join(tmpdir(), 'vipadm-config-'));
    try {
      assert.equal(readConfigFile({ XDG_CONFIG_HOME: dir }), undefined);
      assert.throws(
        () => readConfigFile({ VIPADM_CONFIG: join(dir, 'nope.yaml') }),
        /cannot read the config file .*nope\.yaml \(VIPADM_CONFIG\): ENOENT/,
      );
      writeFileSync(join(dir, 'c.yaml'), 'contexts: { lab: { server: "198.51.100.2:7500" } }\n');
      assert.equal(
        readConfigFile({ VIPADM_CONFIG: join(dir, 'c.yaml') })?.contexts.lab?.server,
        '198.51.100.2:7500',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
