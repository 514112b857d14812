// The openssl-driven test PKI: names, validity and trust as a verifier sees them, and a
// real mutual-TLS handshake that accepts the good client and refuses the others.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { connect, createServer, type Server } from 'node:tls';
import {
  createTestPki,
  mutualTlsServerOptions,
  opensslDate,
  sanValue,
  type Issued,
  type TestPki,
} from './certs';

let pki: TestPki;

before(async () => {
  pki = await createTestPki({ serverIps: ['198.51.100.7'] });
});
after(() => pki.remove());

test('opensslDate and sanValue are what openssl expects', () => {
  assert.equal(opensslDate(new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 678))), '20200102030405Z');
  assert.equal(
    sanValue({ ips: ['127.0.0.1'], dns: ['a.test'], uris: ['vipd-role:viewer'] }),
    'IP:127.0.0.1,DNS:a.test,URI:vipd-role:viewer',
  );
  assert.equal(sanValue({}), undefined);
  assert.throws(() => sanValue({ dns: ['a,b'] }), /bad SAN/);
});

test('certificates carry their SANs, issuers and validity', () => {
  const x = (i: Issued | { cert: string }): X509Certificate => new X509Certificate(readFileSync(i.cert));
  const ca = x(pki.ca);
  const otherCa = x(pki.otherCa);
  assert.equal(ca.ca, true);
  const server = x(pki.server);
  assert.match(server.subjectAltName ?? '', /IP Address:127\.0\.0\.1/);
  assert.match(server.subjectAltName ?? '', /IP Address:198\.51\.100\.7/);
  assert.match(server.subjectAltName ?? '', /DNS:localhost/);
  assert.ok(server.verify(ca.publicKey));
  const client = x(pki.client);
  assert.match(client.subjectAltName ?? '', /URI:vipd-role:operator/);
  assert.equal(client.subject.trim(), 'CN=vipd');
  assert.ok(client.verify(ca.publicKey));
  assert.ok(new Date(client.validTo).getTime() > Date.now());
  const other = x(pki.otherClient);
  assert.equal(other.verify(ca.publicKey), false);
  assert.ok(other.verify(otherCa.publicKey));
  const expired = x(pki.expiredClient);
  assert.ok(expired.verify(ca.publicKey));
  assert.ok(new Date(expired.validTo).getTime() < Date.now());
});

async function mtlsServer(): Promise<{ server: Server; port: number }> {
  const server = createServer(mutualTlsServerOptions(pki), (socket) => socket.end('hello\n'));
  // A refused handshake is expected in this test; it must not become an uncaught error.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  return { server, port: address.port };
}

/** Resolves the server's greeting, or the error that ended the connection. */
function tryClient(port: number, leaf: Issued | undefined): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({
      host: '127.0.0.1',
      port,
      servername: 'localhost',
      ca: readFileSync(pki.ca.cert),
      ...(leaf ? { cert: readFileSync(leaf.cert), key: readFileSync(leaf.key) } : {}),
    });
    let data = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('timeout');
    }, 5000);
    socket.on('data', (d: Buffer) => (data += d.toString()));
    socket.on('error', (err) => {
      clearTimeout(timer);
      resolve(`error: ${err.message}`);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(data || 'closed without data');
    });
  });
}

test('a mutual-TLS server accepts the CA client and refuses other-CA, expired and none', async () => {
  const { server, port } = await mtlsServer();
  try {
    assert.equal(await tryClient(port, pki.client), 'hello\n');
    for (const leaf of [pki.otherClient, pki.expiredClient, undefined]) {
      const got = await tryClient(port, leaf);
      assert.notEqual(got, 'hello\n', `${leaf?.name ?? 'no cert'} was accepted`);
    }
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test('remove() deletes the directory', async () => {
  const extra = await createTestPki();
  assert.ok(existsSync(extra.client.key));
  extra.remove();
  assert.equal(existsSync(extra.dir), false);
});
