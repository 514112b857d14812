/**
 * Roles from real client certificates, as the admin server's TLS layer hands them over after
 * a verified mutual-TLS handshake: the URI SAN vipd-role:ROLE, a CN mapping, the highest
 * role when there are several, and nothing for a certificate without one.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { connect, createServer, type PeerCertificate } from 'node:tls';
import { callCertRole, certRole, sanUris } from '@vipd/coordinator';
import { createTestPki, mutualTlsServerOptions, type Issued, type TestPki } from '../harness/certs';

let pki: TestPki;
before(async () => {
  pki = await createTestPki();
});
after(() => pki.remove());

/** The client certificate as a mutual-TLS server sees it (verified against the CA). */
async function peerCertOf(leaf: Issued): Promise<PeerCertificate> {
  let seen: PeerCertificate | undefined;
  const server = createServer(mutualTlsServerOptions(pki), (socket) => {
    seen = socket.getPeerCertificate();
    socket.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  try {
    await new Promise<void>((resolve, reject) => {
      const s = connect({
        host: '127.0.0.1',
        port: address.port,
        servername: 'localhost',
        ca: readFileSync(pki.ca.cert),
        cert: readFileSync(leaf.cert),
        key: readFileSync(leaf.key),
      });
      s.on('data', () => s.end());
      s.on('close', () => resolve());
      s.on('error', reject);
    });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  assert.ok(seen, 'the server saw a certificate');
  return seen;
}

test('a URI SAN vipd-role:operator gives operator', async () => {
  const cert = await peerCertOf(pki.client);
  assert.equal(certRole(cert), 'operator');
  assert.equal(callCertRole({ getAuthContext: () => ({ sslPeerCertificate: cert }) }), 'operator');
});

test('viewer SAN, CN mapping, highest role wins, no role without either', async () => {
  const viewer = await peerCertOf(
    await pki.ca.issue('viewer', { cn: 'dash', uris: ['vipd-role:viewer', 'spiffe://x/y'] }),
  );
  assert.equal(certRole(viewer), 'viewer');
  assert.equal(certRole(viewer, { dash: 'operator' }), 'operator');
  const plain = await peerCertOf(await pki.ca.issue('plain', { cn: 'ops-bot', dns: ['bot.test'] }));
  assert.equal(certRole(plain), undefined);
  assert.equal(certRole(plain, { 'ops-bot': 'viewer' }), 'viewer');
  assert.equal(certRole(plain, { 'bot.test': 'operator' }), undefined, 'only the CN is mapped');
  const bogus = await peerCertOf(await pki.ca.issue('bogus', { cn: 'x', uris: ['vipd-role:admin'] }));
  assert.equal(certRole(bogus), undefined, 'an unknown role name grants nothing');
});

test('no certificate or plaintext: no role', () => {
  assert.equal(certRole(undefined), undefined);
  assert.equal(callCertRole({ getAuthContext: () => null }), undefined);
  assert.equal(callCertRole({}), undefined);
  assert.deepEqual(sanUris('DNS:a, URI:vipd-role:viewer, URI:"x,y"'), ['vipd-role:viewer', 'x,y']);
});
