import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidCheckSpecError } from './errors';
import { parseChecks } from './spec';

function refused(raw: unknown): string {
  try {
    parseChecks(raw);
  } catch (err) {
    assert.ok(err instanceof InvalidCheckSpecError, `expected InvalidCheckSpecError, got ${String(err)}`);
    assert.doesNotMatch(err.message, /\n/, 'the message is one line');
    return err.message;
  }
  assert.fail('expected the checks to be refused');
}

describe('check specs', () => {
  it('accepts one of each type and fills defaults', () => {
    const [tcp, http, exec] = parseChecks([
      { type: 'tcp', name: 'db', target: '127.0.0.1:5432' },
      { type: 'http', name: 'web_1', url: 'https://example.test/healthz', intervalMs: 500 },
      { type: 'exec', name: 'script', argv: ['/usr/local/bin/check', '--quick'], env: { MODE: 'fast' } },
    ]);
    assert.deepEqual(tcp, {
      type: 'tcp',
      name: 'db',
      target: '127.0.0.1:5432',
      intervalMs: 1000,
      timeoutMs: 1000,
      rise: 2,
      fall: 2,
    });
    assert.equal(http?.type, 'http');
    assert.equal(http?.type === 'http' && http.expectStatus, 200);
    // timeoutMs defaults to min(1000, intervalMs).
    assert.equal(http?.timeoutMs, 500);
    assert.deepEqual(exec?.type === 'exec' && exec.argv, ['/usr/local/bin/check', '--quick']);
    assert.deepEqual(parseChecks([]), []);
  });

  it('accepts IPv6 in brackets, host names and timeoutMs equal to intervalMs', () => {
    const specs = parseChecks([
      { type: 'tcp', name: 'v6', target: '[::1]:80' },
      { type: 'tcp', name: 'dns', target: 'db.example.test:5432', intervalMs: 200, timeoutMs: 200 },
      { type: 'exec', name: 'path', argv: ['true'] },
    ]);
    assert.equal(specs.length, 3);
  });

  it('refuses bad tcp targets', () => {
    assert.match(
      refused([{ type: 'tcp', name: 'a', target: '::1:80' }]),
      /^invalid checks: checks\[0\]\.target: .*IPv6 address in brackets/,
    );
    assert.match(
      refused([{ type: 'tcp', name: 'a', target: 'localhost' }]),
      /checks\[0\]\.target: .*no port/,
    );
    assert.match(refused([{ type: 'tcp', name: 'a', target: '10.0.0.1:70000' }]), /port "70000"/);
    assert.match(refused([{ type: 'tcp', name: 'a', target: '300.1.1.1:80' }]), /not an IPv4 address/);
    assert.match(refused([{ type: 'tcp', name: 'a', target: '[nope]:80' }]), /not an IPv6 address/);
  });

  it('refuses URLs that are not http or https', () => {
    assert.match(
      refused([{ type: 'http', name: 'a', url: 'ftp://example.test/' }]),
      /checks\[0\]\.url: scheme "ftp" not allowed; use http:\/\/ or https:\/\//,
    );
    assert.match(
      refused([{ type: 'http', name: 'a', url: 'example.test' }]),
      /checks\[0\]\.url: .*not a URL/,
    );
    assert.match(
      refused([{ type: 'http', name: 'a', url: 'http://x/', expectStatus: 99 }]),
      /checks\[0\]\.expectStatus/,
    );
  });

  it('refuses an empty argv, a shell string, and a command with spaces', () => {
    assert.match(refused([{ type: 'exec', name: 'a', argv: [] }]), /checks\[0\]\.argv: must not be empty/);
    assert.match(
      refused([{ type: 'exec', name: 'a', argv: '/bin/check --fast' }]),
      /checks\[0\]\.argv: must be an array of strings .*never a shell string/,
    );
    assert.match(
      refused([{ type: 'exec', name: 'a', argv: ['sh -c "curl x"'] }]),
      /checks\[0\]\.argv\[0\]: .*white space/,
    );
    assert.match(refused([{ type: 'exec', name: 'a' }]), /checks\[0\]\.argv: must be an array/);
  });

  it('refuses duplicate names, naming both places', () => {
    assert.match(
      refused([
        { type: 'tcp', name: 'db', target: '127.0.0.1:1' },
        { type: 'exec', name: 'ok', argv: ['true'] },
        { type: 'exec', name: 'db', argv: ['true'] },
      ]),
      /checks\[2\]\.name: duplicate name "db" \(also checks\[0\]\)/,
    );
  });

  it('refuses counts and times out of range', () => {
    assert.match(refused([{ type: 'tcp', name: 'a', target: 'h:1', rise: 0 }]), /checks\[0\]\.rise: .*1/);
    assert.match(refused([{ type: 'tcp', name: 'a', target: 'h:1', fall: 101 }]), /checks\[0\]\.fall: .*100/);
    assert.match(
      refused([{ type: 'tcp', name: 'a', target: 'h:1', intervalMs: 10 }]),
      /checks\[0\]\.intervalMs/,
    );
    assert.match(
      refused([{ type: 'tcp', name: 'a', target: 'h:1', intervalMs: 500, timeoutMs: 600 }]),
      /checks\[0\]\.timeoutMs: 600 is longer than intervalMs \(500\)/,
    );
  });

  it('refuses an unknown type, an unknown field and a bad name', () => {
    assert.match(refused([{ type: 'icmp', name: 'a' }]), /checks\[0\]\.type: .*'tcp' \| 'http' \| 'exec'/);
    assert.match(
      refused([{ type: 'tcp', name: 'a', target: 'h:1', port: 80 }]),
      /checks\[0\]: Unrecognized key\(s\) in object: 'port'/,
    );
    assert.match(
      refused([{ type: 'tcp', name: 'a b', target: 'h:1' }]),
      /checks\[0\]\.name: must be 1-63 letters/,
    );
    assert.match(refused({ type: 'tcp' }), /^invalid checks: checks: must be an array/);
  });

  it('lists every problem in one line', () => {
    const message = refused([
      { type: 'tcp', name: 'a', target: 'nope' },
      { type: 'exec', name: 'b', argv: [] },
    ]);
    assert.match(message, /checks\[0\]\.target: .*; checks\[1\]\.argv: /);
  });
});
