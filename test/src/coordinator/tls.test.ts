/**
 * The admin API over mutual TLS against a private CA, as an operator meets it: a real
 * vip-coordinator (tls.requireClientCert) and the real vipadm binary with --tls-ca,
 * --tls-cert, --tls-key. The CA's client works; a client certificate from another CA, an
 * expired one, none at all, or plaintext is refused with one vipadm line and exit 1. Bad TLS
 * files are one line and exit 2, before anything listens or dials.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import { createTestPki, type Issued, type TestPki } from '../harness/certs';
import { startLocalEtcd, type LocalEtcd } from '../harness/etcd-local';
import { runScript, type ScriptResult } from '../harness/proc';
import { COORDINATOR_BIN, VIPADM_BIN } from '../harness/paths';
import { adminClient, callError, startCoordinator, type Coordinator } from './admin-client';

const CLUSTER = 'tls';

function oneLine(r: ScriptResult, prefix: string): string {
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `expected one stderr line, got: ${r.stderr}`);
  assert.ok(lines[0]!.startsWith(prefix), lines[0]);
  return lines[0]!;
}

describe('admin API over mutual TLS', () => {
  let pki: TestPki;
  let etcd: LocalEtcd;
  let coord: Coordinator;
  let dir: string;

  const tlsFlags = (leaf: Issued | undefined, ca = pki.ca.cert): string[] => [
    '--tls-ca',
    ca,
    ...(leaf ? ['--tls-cert', leaf.cert, '--tls-key', leaf.key] : []),
  ];
  const vipadm = (args: string[]): Promise<ScriptResult> =>
    runScript(VIPADM_BIN, ['--server', coord.address, '--call-timeout', '3000', ...args]);

  before(async () => {
    pki = await createTestPki();
    dir = mkdtempSync(join(tmpdir(), 'vipd-tls-'));
    etcd = await startLocalEtcd();
    coord = await startCoordinator({
      endpoints: [etcd.endpoint],
      cluster: CLUSTER,
      extraYaml: [
        'tls:',
        `  ca: ${pki.ca.cert}`,
        `  cert: ${pki.server.cert}`,
        `  key: ${pki.server.key}`,
        '  requireClientCert: true',
      ],
      credentials: grpc.credentials.createSsl(
        readFileSync(pki.ca.cert),
        readFileSync(pki.client.key),
        readFileSync(pki.client.cert),
      ),
    });
  });
  after(async () => {
    await coord?.stop();
    await etcd?.stop();
    pki?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a client certificate from the private CA works for reads and writes', async () => {
    const add = await vipadm([
      ...tlsFlags(pki.client),
      'vip',
      'add',
      'web',
      '--address',
      '198.51.100.100/24',
      '--interface',
      'e0',
    ]);
    assert.equal(add.code, 0, add.stderr);
    const list = await vipadm([...tlsFlags(pki.client), '-o', 'json', 'vip', 'list']);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /198\.51\.100\.100/);
    assert.match(coord.log(), /"tls":"mutual"/);
  });

  it('the same from VIPADM_TLS_CA/CERT/KEY, or from a context of the config file', async () => {
    const env = {
      VIPADM_TLS_CA: pki.ca.cert,
      VIPADM_TLS_CERT: pki.client.cert,
      VIPADM_TLS_KEY: pki.client.key,
    };
    const fromEnv = await runScript(
      VIPADM_BIN,
      ['--server', coord.address, '-o', 'json', 'vip', 'list'],
      env,
    );
    assert.equal(fromEnv.code, 0, fromEnv.stderr);
    assert.match(fromEnv.stdout, /198\.51\.100\.100/);
    const config = join(dir, 'vipadm.yaml');
    writeFileSync(
      config,
      [
        'current-context: tls',
        'contexts:',
        `  tls: { server: "${coord.address}", tls-ca: ${pki.ca.cert}, tls-cert: ${pki.client.cert}, tls-key: ${pki.client.key} }`,
        '',
      ].join('\n'),
    );
    const fromContext = await runScript(VIPADM_BIN, ['-o', 'json', 'vip', 'list'], { VIPADM_CONFIG: config });
    assert.equal(fromContext.code, 0, fromContext.stderr);
    assert.match(fromContext.stdout, /198\.51\.100\.100/);
  });

  const refused: [string, () => string[], number, RegExp][] = [
    [
      'a client certificate from another CA',
      () => tlsFlags(pki.otherClient),
      1,
      /^vipadm: cannot reach the coordinator at \S+ \(it closed the TLS connection: is --tls-cert signed by a CA it trusts, and still valid\?\)$/,
    ],
    [
      // vipadm checks its own certificate first; the server's refusal is shown below.
      'an expired client certificate',
      () => tlsFlags(pki.expiredClient),
      2,
      /^vipadm: --tls-cert \S+: certificate expired on 2020-01-02T00:00:00.000Z$/,
    ],
    [
      'no client certificate',
      () => tlsFlags(undefined),
      1,
      /^vipadm: cannot reach the coordinator at \S+ \(it requires a client certificate: give --tls-cert and --tls-key\)$/,
    ],
    ['plaintext', () => [], 1, /^vipadm: cannot reach the coordinator at \S+ \(.*does it require TLS/],
    [
      'a server that the given CA did not sign',
      () => tlsFlags(pki.client, pki.otherCa.cert),
      1,
      /^vipadm: cannot reach the coordinator at \S+ \(cannot verify its certificate: self-signed certificate in certificate chain; check --tls-ca\)$/,
    ],
  ];
  for (const [what, flags, code, re] of refused) {
    it(`refuses ${what}: one vipadm line, exit ${code}, nothing written`, async () => {
      const r = await vipadm([
        ...flags(),
        'vip',
        'add',
        'db',
        '--address',
        '198.51.100.101/24',
        '--interface',
        'e0',
      ]);
      assert.equal(r.code, code, `exit ${r.code}: ${r.stdout}${r.stderr}`);
      assert.match(oneLine(r, 'vipadm: '), re);
      const list = await vipadm([...tlsFlags(pki.client), '-o', 'json', 'vip', 'list']);
      assert.equal(list.code, 0, list.stderr);
      assert.doesNotMatch(list.stdout, /198\.51\.100\.101/, 'nothing was written');
    });
  }

  it('the server itself refuses expired and other-CA client certificates', async () => {
    for (const leaf of [pki.expiredClient, pki.otherClient]) {
      const creds = grpc.credentials.createSsl(
        readFileSync(pki.ca.cert),
        readFileSync(leaf.key),
        readFileSync(leaf.cert),
      );
      const client = adminClient(coord.address, undefined, creds);
      try {
        const err = await callError(client, 'ListVips', {}, 3000);
        assert.equal(err.code, grpc.status.UNAVAILABLE, `${leaf.name}: ${err.message}`);
      } finally {
        client.close();
      }
    }
  });

  describe('bad TLS files: one line, exit 2', () => {
    let garbage: string;
    let coordYaml: (tls: string[]) => string;
    before(() => {
      garbage = join(dir, 'garbage.pem');
      writeFileSync(garbage, 'not a key\n');
      copyFileSync(pki.client.key, join(dir, 'client.key'));
      coordYaml = (tls) => {
        const file = join(dir, `c-${Math.random().toString(16).slice(2)}.yaml`);
        writeFileSync(
          file,
          [`listen: 127.0.0.1:1`, `etcd: { endpoints: ['${etcd.endpoint}'] }`, 'tls:', ...tls, ''].join('\n'),
        );
        return file;
      };
    });

    const cases: [string, () => string[], RegExp][] = [
      [
        'a missing key file',
        () => [`  ca: ${pki.ca.cert}`, `  cert: ${pki.server.cert}`, `  key: ${join(dir, 'nope.key')}`],
        /cannot read tls\.key .*nope\.key: ENOENT/,
      ],
      [
        'a key that is not a key',
        () => [`  ca: ${pki.ca.cert}`, `  cert: ${pki.server.cert}`, `  key: ${garbage}`],
        /tls\.key .*garbage\.pem: not an unencrypted PEM private key/,
      ],
      [
        "another certificate's key",
        () => [`  ca: ${pki.ca.cert}`, `  cert: ${pki.server.cert}`, `  key: ${pki.client.key}`],
        /tls\.key .* does not belong to tls\.cert/,
      ],
      [
        'requireClientCert without a CA',
        () => [`  cert: ${pki.server.cert}`, `  key: ${pki.server.key}`],
        /tls\.ca: ca is required while requireClientCert is true/,
      ],
    ];
    for (const [what, tls, re] of cases) {
      it(`vip-coordinator: ${what}`, async () => {
        const r = await runScript(COORDINATOR_BIN, ['--config', coordYaml(tls())]);
        assert.equal(r.code, 2, r.stderr);
        assert.match(oneLine(r, 'vip-coordinator: '), re);
      });
    }

    const flagCases: [string, () => string[], RegExp][] = [
      [
        'a missing --tls-cert file',
        () => ['--tls-ca', pki.ca.cert, '--tls-cert', join(dir, 'no.pem'), '--tls-key', pki.client.key],
        /cannot read --tls-cert .*no\.pem: ENOENT/,
      ],
      [
        'a key that is not a key',
        () => ['--tls-ca', pki.ca.cert, '--tls-cert', pki.client.cert, '--tls-key', garbage],
        /--tls-key .*garbage\.pem: not an unencrypted PEM private key/,
      ],
      [
        "another certificate's key",
        () => ['--tls-ca', pki.ca.cert, '--tls-cert', pki.client.cert, '--tls-key', pki.server.key],
        /--tls-key .* does not belong to --tls-cert/,
      ],
      [
        'a CA file that is not a certificate',
        () => ['--tls-ca', garbage, '--tls-cert', pki.client.cert, '--tls-key', pki.client.key],
        /--tls-ca .*garbage\.pem: not a PEM certificate/,
      ],
    ];
    for (const [what, flags, re] of flagCases) {
      it(`vipadm: ${what}`, async () => {
        const r = await vipadm([...flags(), 'vip', 'list']);
        assert.equal(r.code, 2, r.stderr);
        assert.match(oneLine(r, 'vipadm: '), re);
      });
    }
  });
});
