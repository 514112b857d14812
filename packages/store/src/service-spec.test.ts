import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidServiceSpecError } from './errors';
import { Keys } from './keys';
import {
  parseServiceSpec,
  parseServiceSpecJson,
  parseTarget,
  serializeServiceSpec,
  serviceVipProblems,
  writeServiceSpecTxn,
} from './service-spec';
import { parseVipSpec } from './vip-spec';

const base = {
  name: 'web',
  vip: 'front',
  port: 80,
  backends: [
    { address: '203.0.113.10', port: 8080 },
    { address: '203.0.113.11', port: 8080, weight: 3 },
  ],
};

function problems(raw: unknown, key?: string): string {
  try {
    parseServiceSpec(raw, key);
  } catch (err) {
    assert.ok(err instanceof InvalidServiceSpecError);
    assert.doesNotMatch(err.message, /\n/);
    return err.message;
  }
  assert.fail('expected the spec to be refused');
}

describe('service spec', () => {
  it('fills defaults: tcp, rr, nat, weight 1, a tcp check every second, quorum off', () => {
    const spec = parseServiceSpec(base, 'web');
    assert.equal(spec.protocol, 'tcp');
    assert.equal(spec.scheduler, 'rr');
    assert.equal(spec.mode, 'nat');
    assert.equal(spec.snat, false);
    assert.equal(spec.backends[0]?.weight, 1);
    assert.equal(spec.backends[1]?.weight, 3);
    assert.deepEqual(spec.check, { type: 'tcp', intervalMs: 1000, timeoutMs: 1000, rise: 2, fall: 2 });
    assert.equal(spec.quorum, 0);
    assert.equal(spec.family, 4);
  });

  it('round-trips through its stored form', () => {
    const spec = parseServiceSpec({
      ...base,
      scheduler: 'sh',
      sorry: { address: '203.0.113.99', port: 80 },
      check: { type: 'http', path: '/health', expectStatus: 204, expectBody: 'ok', intervalMs: 200 },
    });
    assert.deepEqual(parseServiceSpecJson(serializeServiceSpec(spec), 'web'), spec);
  });

  it('canonicalises IPv6 backends', () => {
    const spec = parseServiceSpec({ ...base, backends: [{ address: '2001:DB8:0::10', port: 80 }] });
    assert.equal(spec.backends[0]?.address, '2001:db8::10');
    assert.equal(spec.family, 6);
  });

  it('refuses port 0, a weight out of range, an unknown scheduler, a duplicate backend', () => {
    assert.match(problems({ ...base, port: 0 }), /port: must be 1-65535/);
    assert.match(
      problems({ ...base, backends: [{ address: '203.0.113.10', port: 80, weight: 1001 }] }),
      /backends\.0\.weight: must be 0-1000/,
    );
    assert.match(problems({ ...base, scheduler: 'lc' }), /scheduler: must be one of rr, wrr, sh, random/);
    assert.match(
      problems({ ...base, backends: [base.backends[0], base.backends[0]] }),
      /backends: 203\.0\.113\.10:8080 given twice/,
    );
  });

  it('refuses what dr mode cannot do, mixed families, an unreachable quorum', () => {
    assert.match(
      problems({ ...base, mode: 'dr' }),
      /in dr mode a backend's port must be the service port 80/,
    );
    assert.match(
      problems({ ...base, backends: [...base.backends, { address: '2001:db8::1', port: 80 }] }),
      /mix IPv4 and IPv6/,
    );
    assert.match(problems({ ...base, quorum: 3 }), /quorum: 3 is more than the 2 backends/);
    assert.match(problems({ ...base, check: { type: 'exec' } }), /check\.argv: required/);
    assert.match(problems({ ...base, check: { type: 'tcp', path: '/' } }), /check\.path: only for an http/);
    assert.match(problems({ ...base, check: { intervalMs: 100, timeoutMs: 500 } }), /longer than intervalMs/);
    assert.match(problems({ ...base, name: 'other' }, 'web'), /does not match its key/);
    assert.match(problems({ ...base, backends: [{ address: 'example.com', port: 1 }] }), /not an IP address/);
  });

  it('parses ADDR:PORT and [V6]:PORT', () => {
    assert.deepEqual(parseTarget('203.0.113.10:8080'), { address: '203.0.113.10', port: 8080 });
    assert.deepEqual(parseTarget('[2001:db8::0:1]:80'), { address: '2001:db8::1', port: 80 });
    assert.match((parseTarget('203.0.113.10:0') as { problem: string }).problem, /must be 1-65535/);
    assert.match((parseTarget('203.0.113.10') as { problem: string }).problem, /is not ADDR:PORT/);
    assert.match((parseTarget('[203.0.113.1]:80') as { problem: string }).problem, /not an IPv6/);
  });

  it('needs its VIP, of the backends family', () => {
    const spec = parseServiceSpec(base);
    const v4 = parseVipSpec({ name: 'front', address: '198.51.100.100/24', interface: 'e0' });
    const v6 = parseVipSpec({ name: 'front', address: '2001:db8::100/64', interface: 'e0' });
    assert.deepEqual(serviceVipProblems(spec, v4), []);
    assert.deepEqual(serviceVipProblems(spec, undefined), ['vip front does not exist']);
    assert.deepEqual(serviceVipProblems(spec, v6), ['vip front is IPv6 but the backends are IPv4']);
  });

  it('writes only while the VIP is unchanged', () => {
    const keys = new Keys('c1');
    const txn = writeServiceSpecTxn(keys, parseServiceSpec(base), { create: true }, '7');
    assert.equal(txn.compare?.[1]?.key?.toString(), '/vipd/c1/vips/front');
    assert.equal(txn.compare?.[1]?.mod_revision, '7');
    assert.equal(txn.success?.[0]?.request_put?.key?.toString(), '/vipd/c1/services/web');
  });
});
