/** Binding an inbound stream to the node it claims (pure). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PeerCertificate } from 'node:tls';
import { bindByAddress, bindByCertificate, normalizeIp, remoteIpOf } from './binding';

test('addresses in one spelling; remote IPs parsed', () => {
  assert.equal(normalizeIp('::ffff:198.51.100.12'), '198.51.100.12');
  assert.equal(normalizeIp('[2001:DB8:0:0::1]'), '2001:db8::1');
  assert.equal(normalizeIp('n2.example'), undefined);
  assert.equal(normalizeIp('::ffff:c633:640c'), '198.51.100.12', 'mapped, written in hex');
  assert.equal(normalizeIp('fe80::0001%eth0'), 'fe80::1%eth0', 'a zone is kept');
  for (const bad of ['198.51.100', '0xc6.51.100.12', '198.051.100.12', '198.51.100.256', '2001:db8::1::2']) {
    assert.equal(normalizeIp(bad), undefined, bad);
  }
  assert.equal(remoteIpOf('198.51.100.12:51000'), '198.51.100.12');
  assert.equal(remoteIpOf('2001:db8::2:51000'), '2001:db8::2');
  assert.equal(remoteIpOf('::ffff:198.51.100.12:51000'), '198.51.100.12');
});

test('plaintext: the stream must come from the host of the claimed node registration', () => {
  assert.deepEqual(bindByAddress('n2', '198.51.100.12:51000', '198.51.100.12:7400'), { ok: true });
  assert.deepEqual(bindByAddress('n2', '2001:db8::2:40000', '[2001:0db8::0002]:7400'), { ok: true });
  const r = bindByAddress('n2', '203.0.113.5:40000', '198.51.100.12:7400');
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.reason, 'address');
  assert.match(
    !r.ok ? r.why : '',
    /claims to be n2 but comes from 203\.0\.113\.5; n2 is registered at 198\.51\.100\.12/,
  );
  assert.equal(bindByAddress('n2', '198.51.100.12:1', 'n2.example:7400', ['198.51.100.12']).ok, true);
  assert.equal(bindByAddress('n2', '198.51.100.13:1', 'n2.example:7400', ['198.51.100.12']).ok, false);
  assert.equal(bindByAddress('n2', '198.51.100.12:1', 'n2.example:7400', []).ok, false);
});

test('a registration that is not HOST:PORT binds no stream, and says why', () => {
  // IPv6 without brackets once read as the address 2001:db8::2:7400; now it is refused.
  for (const registered of ['198.51.100.12', '2001:db8::2:7400', '[198.51.100.12]:7400', 'n_2:7400']) {
    const r = bindByAddress('n2', '198.51.100.12:51000', registered, ['198.51.100.12']);
    assert.equal(r.ok, false, registered);
    assert.equal(!r.ok && r.reason, 'address');
    assert.match(
      !r.ok ? r.why : '',
      /^claims to be n2, but n2's registered address is unusable: .*HOST:PORT/,
    );
  }
  const c = bindByCertificate('n2', cert('x', 'IP Address:198.51.100.12'), '198.51.100.12');
  assert.equal(!c.ok && c.reason, 'certificate');
  assert.match(!c.ok ? c.why : '', /n2's registered address is unusable: "198\.51\.100\.12" has no port/);
  // A certificate naming the node binds whatever the registration says.
  assert.equal(bindByCertificate('n2', cert('n2', ''), 'nonsense').ok, true);
});

function cert(cn: string, san: string): PeerCertificate {
  return { subject: { CN: cn }, subjectaltname: san } as unknown as PeerCertificate;
}

test('mTLS: the certificate must name the node (CN) or its registered host (IP or DNS SAN)', () => {
  const reg = '198.51.100.12:7400';
  assert.equal(bindByCertificate('n2', cert('n2', ''), reg).ok, true);
  assert.equal(bindByCertificate('n2', cert('x', 'DNS:foo, IP Address:198.51.100.12'), reg).ok, true);
  assert.equal(bindByCertificate('n2', cert('x', 'DNS:n2.example'), 'n2.example:7400').ok, true);
  const r = bindByCertificate('n2', cert('cli', 'IP Address:203.0.113.5'), reg);
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.reason, 'certificate');
  assert.match(
    !r.ok ? r.why : '',
    /CN=cli, IP Address:203\.0\.113\.5\) names neither n2 nor 198\.51\.100\.12/,
  );
  assert.equal(bindByCertificate('n2', undefined, reg).ok, false);
  // A DNS SAN spelled like the IP does not count as the IP.
  assert.equal(bindByCertificate('n2', cert('x', 'DNS:198.51.100.12'), reg).ok, false);
});
