import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseArgs } from './args';
import { UsageError } from './errors';
import { helpText } from './help';
import { applyServiceChanges } from './service-run';

const parse = (...argv: string[]) => parseArgs(argv).command;
const usage = (re: RegExp, ...argv: string[]) =>
  assert.throws(
    () => parse(...argv),
    (err: unknown) => err instanceof UsageError && re.test(err.message) && !err.message.includes('\n'),
  );

describe('vipadm service commands', () => {
  it('parses service add with backends, weights, check and sorry', () => {
    const c = parse(
      'service', 'add', 'web', '--vip', 'front', '--port', '80', '--scheduler', 'wrr', '--mode', 'nat', '--snat',
      '--backend', '203.0.113.10:8080=3', '--backend', '[2001:db8::1]:80',
      '--check', 'http:/healthz', '--check-body', 'ok', '--check-interval', '500', '--sorry', '203.0.113.99:80',
    ); // prettier-ignore
    assert.ok(c.kind === 'service-add');
    const spec = applyServiceChanges('web', undefined, c.changes);
    assert.equal(spec.vip, 'front');
    assert.equal(spec.port, 80);
    assert.equal(spec.snat, true);
    assert.deepEqual(spec.backends, [
      { address: '203.0.113.10', port: 8080, weight: 3, weight_set: true },
      { address: '2001:db8::1', port: 80, weight: 1, weight_set: true },
    ]);
    assert.deepEqual(spec.check, { type: 'http', path: '/healthz', expect_body: 'ok', interval_ms: 500 });
    assert.equal(spec.sorry, '203.0.113.99:80');
  });

  it('parses the three-word backend commands', () => {
    assert.deepEqual(parse('service', 'backend', 'drain', 'web', '203.0.113.10:8080'), {
      kind: 'service-backend',
      action: 'drain',
      name: 'web',
      backend: { address: '203.0.113.10', port: 8080 },
    });
    const w = parse('service', 'backend', 'weight', 'web', '203.0.113.10:8080', '7');
    assert.deepEqual((w as { backend: unknown }).backend, { address: '203.0.113.10', port: 8080, weight: 7 });
    assert.equal(parse('service', 'ls').kind, 'service-list');
  });

  it('refuses bad input as usage errors (exit 2) with one line', () => {
    usage(
      /"service add" needs --vip/,
      'service',
      'add',
      'web',
      '--port',
      '80',
      '--backend',
      '203.0.113.10:80',
    );
    usage(
      /--port must be/,
      'service',
      'add',
      'web',
      '--vip',
      'f',
      '--port',
      '0',
      '--backend',
      '203.0.113.10:80',
    );
    usage(/weight must be 0-1000/, 'service', 'backend', 'add', 'web', '203.0.113.10:80=1001');
    usage(/--scheduler must be rr, wrr, sh, random/, 'service', 'set', 'web', '--scheduler', 'lc');
    usage(
      /given twice/,
      'service',
      'set',
      'web',
      '--backend',
      '203.0.113.10:80',
      '--backend',
      '203.0.113.10:80',
    );
    usage(/must be ADDR:PORT/, 'service', 'backend', 'rm', 'web', '203.0.113.10:80=2');
    usage(/--check-arg goes with --check exec/, 'service', 'set', 'web', '--check-arg', 'x');
    usage(/"service set" needs at least one change/, 'service', 'set', 'web');
  });

  it('has help for the group and each command', () => {
    assert.match(helpText('service'), /service backend drain NAME ADDR:PORT/);
    assert.match(helpText('service add'), /--scheduler rr\|wrr\|sh\|random/);
    assert.match(helpText(''), /service add\|set\|list\|get\|rm NAME/);
  });
});
