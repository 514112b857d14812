import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHostPort } from './host-port';

function problem(text: string): string {
  const parsed = parseHostPort(text);
  assert.ok('problem' in parsed, `expected ${JSON.stringify(text)} to be refused`);
  assert.doesNotMatch(parsed.problem, /\n/, 'the problem is one line');
  return parsed.problem;
}

test('parseHostPort: IPv4, host names and bracketed IPv6, host as written', () => {
  assert.deepEqual(parseHostPort('198.51.100.12:7400'), { host: '198.51.100.12', port: 7400 });
  assert.deepEqual(parseHostPort('n2.example:7400'), { host: 'n2.example', port: 7400 });
  assert.deepEqual(parseHostPort('localhost:1'), { host: 'localhost', port: 1 });
  assert.deepEqual(parseHostPort('db.example.test.:65535'), { host: 'db.example.test.', port: 65535 });
  assert.deepEqual(parseHostPort('[2001:db8::1]:443'), { host: '2001:db8::1', port: 443 });
  assert.deepEqual(parseHostPort('[2001:DB8:0::1]:443'), { host: '2001:DB8:0::1', port: 443 });
  assert.deepEqual(parseHostPort('[::1]:80'), { host: '::1', port: 80 });
  assert.deepEqual(parseHostPort('[::ffff:198.51.100.12]:80'), { host: '::ffff:198.51.100.12', port: 80 });
  assert.deepEqual(parseHostPort('[fe80::1%eth0]:80'), { host: 'fe80::1%eth0', port: 80 });
});

test('parseHostPort: IPv6 needs brackets, and brackets need IPv6', () => {
  assert.match(
    problem('::1:80'),
    /^"::1:80": put an IPv6 address in brackets; must be HOST:PORT, with IPv6 as \[ADDR\]:PORT$/,
  );
  assert.match(problem('2001:db8::1:7400'), /put an IPv6 address in brackets/);
  assert.match(problem('[nope]:80'), /^"nope" is not an IPv6 address; must be HOST:PORT/);
  assert.match(problem('[198.51.100.12]:80'), /"198\.51\.100\.12" is not an IPv6 address/);
  assert.match(problem('[]:80'), /"" is not an IPv6 address/);
  assert.match(problem('[::1:80'), /^"\[::1:80" has no "\]"; must be HOST:PORT/);
  assert.match(problem('[::1]80'), /^"\[::1\]80": ":" must follow "\]"/);
});

test('parseHostPort: a host must be an IPv4 address in four-part decimal or a DNS name', () => {
  for (const host of ['300.1.1.1', '198.51.100', '198.051.100.12', '1.2.3.4.5']) {
    assert.match(problem(`${host}:80`), /is not an IPv4 address or host name/, host);
  }
  for (const host of [
    '',
    'under_score',
    '-lead',
    'trail-',
    'a..b',
    'sp ace',
    'a/b',
    `${'a'.repeat(64)}.example`,
  ]) {
    assert.match(problem(`${host}:80`), /is not an IPv4 address or host name/, JSON.stringify(host));
  }
});

test('parseHostPort: a URL is not HOST:PORT', () => {
  assert.equal(problem('http://x:80'), '"http://x:80" is a URL; must be HOST:PORT, with IPv6 as [ADDR]:PORT');
  assert.match(problem('https://[::1]:443'), /is a URL/);
});

test('parseHostPort: a port is 1 to 65535 in decimal digits, and there must be one', () => {
  assert.match(problem('localhost'), /^"localhost" has no port; must be HOST:PORT/);
  assert.match(problem('[::1]'), /has no port/);
  assert.match(problem(''), /^"" has no port/);
  for (const port of ['0', '65536', '70000', '', 'http', '-1', '+80', '8O', '123456', ' 80']) {
    assert.equal(problem(`10.0.0.1:${port}`), `port ${JSON.stringify(port)} is not a number from 1 to 65535`);
  }
  assert.match(problem('[::1]:'), /port "" is not a number/);
  assert.match(problem('[::1]:80:81'), /^port "80:81" is not a number/);
});
