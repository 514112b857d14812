import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseServiceSpec } from '@vipd/store';
import { backendCheck } from './service-probes';

const service = (check: Record<string, unknown>) =>
  parseServiceSpec({
    name: 'web',
    vip: 'front',
    port: 80,
    check: { intervalMs: 500, rise: 3, fall: 4, ...check },
    backends: [
      { address: '203.0.113.10', port: 8080 },
      { address: '2001:db8::10', port: 8080 },
    ].slice(0, check.six ? 2 : 1),
  });

describe('a backend’s health check', () => {
  const b = { address: '203.0.113.10', port: 8080 };
  it('tcp: the backend’s address and port (or the check port), with interval, timeout, rise, fall', () => {
    assert.deepEqual(backendCheck(service({}), b), {
      type: 'tcp',
      name: 'backend',
      target: '203.0.113.10:8080',
      intervalMs: 500,
      timeoutMs: 500,
      rise: 3,
      fall: 4,
    });
    assert.equal(
      (backendCheck(service({ port: 9000 }), b) as { target: string }).target,
      '203.0.113.10:9000',
    );
    const v6 = backendCheck(service({}), { address: '2001:db8::10', port: 80 }) as { target: string };
    assert.equal(v6.target, '[2001:db8::10]:80');
  });

  it('http: path, status and body on the backend', () => {
    const c = backendCheck(
      service({ type: 'http', path: '/healthz', expectStatus: 204, expectBody: 'ok' }),
      b,
    );
    assert.deepEqual(
      { ...c, name: undefined },
      {
        type: 'http',
        name: undefined,
        url: 'http://203.0.113.10:8080/healthz',
        expectStatus: 204,
        expectBody: 'ok',
        intervalMs: 500,
        timeoutMs: 500,
        rise: 3,
        fall: 4,
      },
    );
  });

  it('exec: the command with the backend in its environment; none: no check at all', () => {
    const c = backendCheck(service({ type: 'exec', argv: ['/usr/local/bin/probe', '--quick'] }), b);
    assert.equal(c?.type, 'exec');
    assert.deepEqual((c as { argv: string[] }).argv, ['/usr/local/bin/probe', '--quick']);
    assert.deepEqual((c as { env: Record<string, string> }).env, {
      VIPD_SERVICE: 'web',
      VIPD_BACKEND_ADDRESS: '203.0.113.10',
      VIPD_BACKEND_PORT: '8080',
    });
    assert.equal(backendCheck(service({ type: 'none' }), b), undefined);
  });
});
