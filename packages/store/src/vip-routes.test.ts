import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidSpecError } from './errors';
import { parseVipSpec, parseVipSpecJson, serializeVipSpec } from './vip-spec';

const base = { name: 'web', address: '198.51.100.100/24', interface: 'e0' };

function problems(raw: unknown): string {
  try {
    parseVipSpec(raw);
  } catch (err) {
    assert.ok(err instanceof InvalidSpecError);
    return err.message;
  }
  return assert.fail('accepted');
}

void describe('VIP spec: routes and rules (virtual_routes, virtual_rules)', () => {
  void it('defaults: none; canonical prefixes and gateway; main table, metric 0; stored only when set', () => {
    const plain = parseVipSpec(base);
    assert.deepEqual([plain.routes, plain.rules], [[], []]);
    assert.ok(!serializeVipSpec(plain).includes('routes'), 'an older daemon still reads it');
    const spec = parseVipSpec({
      ...base,
      routes: [
        { to: '203.0.113.0/24', via: '198.51.100.1' },
        { to: 'default', via: '192.0.2.1', table: 100, metric: 5, dev: 'e1' },
      ],
      rules: [{ from: '198.51.100.100/32', table: 100, priority: 1000 }],
    });
    assert.deepEqual(spec.routes, [
      { to: '203.0.113.0/24', via: '198.51.100.1', table: 254, metric: 0 },
      { to: '0.0.0.0/0', via: '192.0.2.1', table: 100, metric: 5, dev: 'e1' },
    ]);
    assert.deepEqual(spec.rules, [{ from: '198.51.100.100/32', table: 100, priority: 1000 }]);
    assert.deepEqual(parseVipSpecJson(serializeVipSpec(spec), 'web'), spec, 'round trip');
    const v6 = parseVipSpec({
      ...base,
      address: '2001:db8::100/64',
      routes: [{ to: '2001:DB8:5::/48', via: '2001:db8::1' }],
      rules: [{ to: '2001:db8:5::/48', table: 7 }],
    });
    assert.equal(v6.routes[0]?.to, '2001:db8:5::/48');
  });

  void it('refuses malformed prefixes, other families, host bits, bad tables and empty rules, one line each', () => {
    const cases: [unknown, RegExp][] = [
      [
        { routes: [{ to: '203.0.113.0', via: '198.51.100.1' }] },
        /routes\.0\.to: "203\.0\.113\.0" is not a prefix/,
      ],
      [{ routes: [{ to: '203.0.113.0/40' }] }, /routes\.0\.to: .* is not a prefix/],
      [{ routes: [{ to: '203.0.113.5/24' }] }, /host bits set; did you mean 203\.0\.113\.0\/24/],
      [{ routes: [{ to: '2001:db8::/64' }] }, /routes\.0\.to: 2001:db8::\/64 is IPv6, the VIP IPv4/],
      [{ routes: [{ to: '203.0.113.0/24', via: 'gw' }] }, /routes\.0\.via: "gw" is not an IPv4 address/],
      [{ routes: [{ to: '203.0.113.0/24', table: 0 }] }, /routes\.0\.table: must be 1\.\.4294967295/],
      [{ routes: [{ to: '203.0.113.0/24', table: 2 ** 32 }] }, /routes\.0\.table/],
      [{ routes: [{ to: '203.0.113.0/24', metric: -1 }] }, /routes\.0\.metric/],
      [{ routes: [{ to: '203.0.113.0/24', dev: 'a b' }] }, /routes\.0\.dev/],
      [{ routes: [{ to: '203.0.113.0/24', gw: '198.51.100.1' }] }, /routes\.0: Unrecognized key/],
      [{ routes: [{ to: '203.0.113.0/24' }, { to: '203.0.113.0/24' }] }, /routes\.1: .* given twice/],
      [{ rules: [{ table: 100 }] }, /rules\.0: needs a from or a to/],
      [{ rules: [{ from: '198.51.100.100/32' }] }, /rules\.0\.table: Required/],
      [{ rules: [{ from: '198.51.100.100/32', table: 100, priority: 0 }] }, /rules\.0\.priority/],
      [{ rules: [{ from: '2001:db8::/64', table: 100 }] }, /rules\.0\.from: .* is IPv6/],
    ];
    for (const [extra, re] of cases) assert.match(problems({ ...base, ...(extra as object) }), re);
  });

  void it('vmac: an id 1..255, stored when set; a label must fit beside the macvlan name', () => {
    assert.equal(parseVipSpec(base).vmac, undefined);
    const spec = parseVipSpec({ ...base, vmac: 51 });
    assert.equal(spec.vmac, 51);
    assert.deepEqual(parseVipSpecJson(serializeVipSpec(spec), 'web'), spec);
    assert.match(problems({ ...base, vmac: 0 }), /vmac: must be 1\.\.255/);
    assert.match(problems({ ...base, vmac: 256 }), /vmac: must be 1\.\.255/);
    assert.match(problems({ ...base, vmac: 1.5 }), /vmac: must be a whole number/);
    assert.match(
      problems({ ...base, vmac: 200, label: 'abcdef' }),
      /label: vmac4\.200:abcdef is longer than 15/,
    );
  });
});
