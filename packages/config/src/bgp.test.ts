import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from './errors';
import { loadVipdConfig, maskSecrets } from './loader';

const BASE = `
node: { name: n1, listen: 198.51.100.11:7400 }
etcd: { endpoints: [http://198.51.100.2:2379] }
`;
const BGP = `${BASE}bgp:
  asn: 64512
  routerId: 198.51.100.11
  peers:
    - { address: 198.51.100.1, asn: 64500, password: s3cret-md5 }
`;

function load(text: string) {
  return loadVipdConfig({
    argv: ['--config', 'vipd.yaml'],
    env: {},
    defaultNodeName: 'host',
    readFile: () => text,
  }).config;
}

function refused(text: string): string {
  try {
    load(text);
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    assert.ok(!err.message.includes('\n'), 'one line');
    return err.message;
  }
  assert.fail('expected the config to be refused');
}

describe('vipd config, bgp:', () => {
  it('absent: no BGP', () => {
    assert.equal(load(BASE).bgp, undefined);
  });

  it('fills defaults: the API on loopback, Debian gobgpd, hold time 9 s, connect retry 2 s', () => {
    const b = load(BGP).bgp;
    assert.ok(b);
    assert.equal(b.api, '127.0.0.1:50051');
    assert.equal(b.gobgpd, 'gobgpd');
    assert.equal(b.asn, 64512);
    assert.deepEqual(b.peers, [
      { address: '198.51.100.1', asn: 64500, password: 's3cret-md5', holdTimeSec: 9, connectRetrySec: 2 },
    ]);
  });

  it('the peer password is masked when the config is printed', () => {
    const shown = JSON.stringify(maskSecrets(load(BGP)));
    assert.doesNotMatch(shown, /s3cret-md5/);
    assert.match(shown, /"password":"\[redacted\]"/);
  });

  it('refuses bad values with one line each', () => {
    assert.match(refused(BGP.replace('asn: 64512', 'asn: 0')), /bgp\.asn: must be an AS number/);
    assert.match(
      refused(BGP.replace('routerId: 198.51.100.11', 'routerId: n1')),
      /bgp\.routerId: must be an IPv4/,
    );
    assert.match(
      refused(BGP.replace('asn: 64500,', 'asn: 64500, holdTimeSec: 1,')),
      /bgp\.peers\.0\.holdTimeSec: at least 3 s/,
    );
    assert.match(refused(`${BGP}  api: 0.0.0.0:50051\n`), /bgp\.api: must be a loopback address/);
    assert.match(
      refused(`${BASE}bgp: { asn: 1, routerId: 198.51.100.11, peers: [] }\n`),
      /bgp\.peers: at least one peer/,
    );
    assert.match(
      refused(BGP.replace('address: 198.51.100.1,', 'address: "2001:db8::1",')),
      /bgp\.peers\.0: an IPv6 peer needs bgp\.nextHop6/,
    );
    assert.match(
      refused(`${BGP}    - { address: 198.51.100.1, asn: 64501 }\n`),
      /bgp\.peers\.1\.address: 198\.51\.100\.1 given twice/,
    );
  });
});
