import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidSpecError } from './errors';
import { Keys } from './keys';
import {
  deleteVipSpecTxn,
  interfaceFor,
  kernelShapeChanged,
  parseVipSpec,
  parseVipSpecJson,
  serializeVipSpec,
  storedSpecFields,
  writeVipSpecTxn,
} from './vip-spec';

const base = { name: 'web', address: '198.51.100.100/24', interface: 'e0' };

function problems(raw: unknown, key?: string): string {
  try {
    parseVipSpec(raw, key);
  } catch (err) {
    assert.ok(err instanceof InvalidSpecError);
    return err.message;
  }
  assert.fail('expected the spec to be refused');
}

describe('VIP spec', () => {
  it('accepts the documented example and fills defaults', () => {
    const spec = parseVipSpecJson(
      '{"name":"web","address":"198.51.100.100/24","interface":"e0","nodes":{"n1":{"priority":150},"n2":{"priority":100}},"preempt":true}',
      'web',
    );
    assert.equal(spec.address, '198.51.100.100');
    assert.equal(spec.prefixLen, 24);
    assert.equal(spec.family, 4);
    assert.equal(spec.nodes?.n1?.priority, 150);
    assert.equal(spec.preempt, true);
    assert.equal(spec.preemptDelayMs, 0);
    assert.deepEqual(spec.announce, {
      count: 3,
      intervalMs: 100,
      refreshMs: 30000,
      probeMs: 10000,
      secondBurstDelayMs: 0,
      mode: 'arp',
    });
    assert.deepEqual(
      [spec.label, spec.noPrefixRoute, spec.scope, spec.broadcast],
      [undefined, false, 'global', undefined],
    );
    assert.equal(spec.onEtcdLoss, 'failsafe');
  });

  it('accepts IPv6 and canonicalises the address', () => {
    const spec = parseVipSpec({ ...base, address: '2001:DB8:0:0::100/64' });
    assert.equal(spec.family, 6);
    assert.equal(spec.address, '2001:db8::100');
  });

  it('round-trips through serializeVipSpec', () => {
    const spec = parseVipSpec({ ...base, nodes: { n1: { priority: 120, interface: 'e1' } } });
    assert.deepEqual(parseVipSpecJson(serializeVipSpec(spec), 'web'), spec);
  });

  it('uses a node override of the interface', () => {
    const spec = parseVipSpec({ ...base, nodes: { n1: { priority: 120, interface: 'e1' }, n2: {} } });
    assert.equal(interfaceFor(spec, 'n1'), 'e1');
    assert.equal(interfaceFor(spec, 'n2'), 'e0');
    assert.equal(spec.nodes?.n2?.priority, 100);
  });

  const bad: [string, unknown, RegExp][] = [
    ['not JSON', undefined, /not JSON/],
    ['missing address', { name: 'web', interface: 'e0' }, /address/],
    ['bad CIDR', { ...base, address: '198.51.100.300/24' }, /not ADDRESS\/PREFIX/],
    ['no prefix', { ...base, address: '198.51.100.100' }, /not ADDRESS\/PREFIX/],
    ['network address', { ...base, address: '198.51.100.0/24' }, /network address/],
    ['broadcast address', { ...base, address: '198.51.100.255/24' }, /broadcast address/],
    ['multicast', { ...base, address: '224.0.0.5/24' }, /multicast/],
    ['bad name', { ...base, name: 'Web_1' }, /name/],
    ['bad interface', { ...base, interface: 'eth0/1' }, /interface/],
    ['priority out of range', { ...base, nodes: { n1: { priority: 0 } } }, /priority/],
    ['unknown field', { ...base, colour: 'red' }, /colour/],
    ['empty nodes', { ...base, nodes: {} }, /empty/],
  ];
  for (const [what, raw, re] of bad) {
    it(`refuses ${what} with a clear message`, () => {
      const msg =
        raw === undefined
          ? (() => {
              try {
                parseVipSpecJson('{nope', 'web');
              } catch (err) {
                return (err as Error).message;
              }
              return '';
            })()
          : problems(raw);
      assert.match(msg, re);
      assert.ok(!msg.includes('\n'), 'one line');
    });
  }

  it('refuses a value whose name differs from its key', () => {
    assert.match(problems(base, 'api'), /does not match its key/);
  });
});

describe('VIP spec: group', () => {
  it('takes a group name, keeps it through serializeVipSpec, and leaves it out when absent', () => {
    const spec = parseVipSpec({ ...base, group: 'web-pair' });
    assert.equal(spec.group, 'web-pair');
    assert.deepEqual(parseVipSpecJson(serializeVipSpec(spec), 'web'), spec);
    assert.equal('group' in parseVipSpec(base), false);
    assert.equal('group' in JSON.parse(serializeVipSpec(parseVipSpec(base))), false);
  });

  it('refuses a group that is not a VIP-style name, in one line', () => {
    const message = problems({ ...base, group: 'Web Pair' });
    assert.match(message, /group: must be lower-case letters, digits and "-"/);
    assert.equal(message.includes('\n'), false);
    assert.match(problems({ ...base, group: 7 }), /group: /);
  });
});

describe('VIP spec writes', () => {
  const keys = new Keys('c1');
  const spec = parseVipSpec(base);
  const key = Buffer.from('/vipd/c1/vips/web');
  // Every key under vips/ ('/vipd/c1/vips/' up to '/vipd/c1/vips0') last changed at or before 41.
  const vipsUnchanged = {
    key: Buffer.from('/vipd/c1/vips/'),
    range_end: Buffer.from('/vipd/c1/vips0'),
    target: 'Mod',
    result: 'Less',
    mod_revision: '42',
  };

  it('create: only where no key is, and only while no VIP changed since the read', () => {
    const t = writeVipSpecTxn(keys, spec, { create: true }, '41');
    assert.deepEqual(t.compare, [
      { key, target: 'Create', result: 'Equal', create_revision: 0 },
      vipsUnchanged,
    ]);
    assert.deepEqual(t.success, [{ request_put: { key, value: Buffer.from(serializeVipSpec(spec)) } }]);
    assert.deepEqual(t.failure, []);
  });

  it('update: only the value read, at its revision', () => {
    const t = writeVipSpecTxn(keys, spec, { modRevision: '17' }, '41');
    assert.deepEqual(t.compare, [{ key, target: 'Mod', result: 'Equal', mod_revision: '17' }, vipsUnchanged]);
  });

  it('a stored value’s fields, unvalidated, for a writer to keep what it cannot express', () => {
    assert.deepEqual(storedSpecFields('{"name":"web","future":{"x":1}}'), { name: 'web', future: { x: 1 } });
    for (const v of ['not json', 'null', '[1]', '"web"', '7']) assert.deepEqual(storedSpecFields(v), {}, v);
  });

  it('delete takes the pin with it', () => {
    assert.deepEqual(deleteVipSpecTxn(keys, 'web'), {
      compare: [],
      success: [
        { request_delete_range: { key } },
        { request_delete_range: { key: Buffer.from('/vipd/c1/pins/web') } },
      ],
      failure: [],
    });
  });

  it('accepts weighted tracking and refuses a bad weight with one line each', () => {
    const spec = parseVipSpec({ ...base, track: ['db'], trackWeighted: [{ check: 'svc', weight: -20 }] });
    assert.deepEqual(spec.trackWeighted, [{ check: 'svc', weight: -20 }]);
    assert.deepEqual(parseVipSpec(base).trackWeighted, []);
    assert.deepEqual(parseVipSpecJson(serializeVipSpec(spec), 'web'), spec);
    const refused = (trackWeighted: unknown, track: string[] = []): string => {
      const message = problems({ ...base, track, trackWeighted });
      assert.doesNotMatch(message, /\n/);
      return message;
    };
    assert.match(
      refused([{ check: 'svc', weight: -254 }]),
      /trackWeighted\.0\.weight: must be between -253 and 253/,
    );
    assert.match(refused([{ check: 'svc', weight: 300 }]), /must be between -253 and 253/);
    assert.match(refused([{ check: 'svc', weight: 1.5 }]), /weight: must be a whole number/);
    assert.match(refused([{ check: 'svc', weight: 0 }]), /must not be 0/);
    assert.match(refused([{ check: 'svc' }]), /weight: Required/);
    assert.match(
      refused([
        { check: 'svc', weight: -1 },
        { check: 'svc', weight: -2 },
      ]),
      /check svc given twice/,
    );
    assert.match(refused([{ check: 'svc', weight: -1 }], ['svc']), /check svc is also in track/);
  });

  it('stores the fields newer than the first release only when set (older daemons read the rest)', () => {
    const plain = JSON.parse(serializeVipSpec(parseVipSpec(base))) as Record<string, unknown>;
    assert.deepEqual(Object.keys(plain).sort(), [
      'address',
      'announce',
      'interface',
      'name',
      'onEtcdLoss',
      'preempt',
      'preemptDelayMs',
      'track',
    ]);
    assert.deepEqual(Object.keys(plain.announce as object).sort(), [
      'count',
      'intervalMs',
      'probeMs',
      'refreshMs',
    ]);
  });

  it('takes IPaddr2-style address options and the second burst, and round-trips them', () => {
    const spec = parseVipSpec({
      ...base,
      label: 'web',
      noPrefixRoute: true,
      scope: 'link',
      broadcast: '+',
      announce: { secondBurstDelayMs: 5000 },
    });
    assert.deepEqual(
      [spec.label, spec.noPrefixRoute, spec.scope, spec.broadcast],
      ['web', true, 'link', '198.51.100.255'],
    );
    assert.equal(spec.announce.secondBurstDelayMs, 5000);
    assert.deepEqual(parseVipSpecJson(serializeVipSpec(spec), 'web'), spec);
    assert.equal(parseVipSpec({ ...base, broadcast: '198.51.100.127' }).broadcast, '198.51.100.127');
    const v6 = parseVipSpec({ ...base, address: '2001:db8::100/64', noPrefixRoute: true });
    assert.equal(v6.noPrefixRoute, true);
  });

  it('refuses bad address options with one line each', () => {
    const refused = (extra: Record<string, unknown>): string => {
      const message = problems({ ...base, ...extra });
      assert.doesNotMatch(message, /\n/);
      return message;
    };
    assert.match(refused({ label: 'a b' }), /label: must be 1-14 letters/);
    assert.match(refused({ label: 'abcdefghijklm' }), /label: e0:abcdefghijklm is longer than 15 characters/);
    assert.match(
      refused({ label: 'abcdefghijk', nodes: { n1: { interface: 'bond0.100' } } }),
      /label: bond0\.100:abcdefghijk is longer than 15/,
    );
    assert.match(refused({ scope: 'universe' }), /scope: Invalid enum value/);
    assert.match(
      refused({ broadcast: '198.51.100' }),
      /broadcast: "198\.51\.100" is not an IPv4 address or "\+"/,
    );
    assert.match(
      refused({ address: '198.51.100.100/32', broadcast: '+' }),
      /a \/32 has no broadcast address/,
    );
    assert.match(refused({ address: '2001:db8::1/64', label: 'web' }), /IPv6 addresses carry no label/);
    assert.match(
      refused({ address: '2001:db8::1/64', scope: 'link' }),
      /scope: IPv6 addresses take their scope/,
    );
    assert.match(refused({ address: '2001:db8::1/64', broadcast: '+' }), /IPv6 has no broadcast/);
    assert.match(refused({ announce: { secondBurstDelayMs: -1 } }), /announce\.secondBurstDelayMs/);
  });

  it('announce.mode: arp by default (stored only when not), bgp or both; anything else one clear line', () => {
    assert.equal(parseVipSpec(base).announce.mode, 'arp');
    for (const mode of ['bgp', 'both'] as const) {
      const spec = parseVipSpec({ ...base, address: '203.0.113.10/32', announce: { mode } });
      assert.equal(spec.announce.mode, mode);
      assert.deepEqual(parseVipSpecJson(serializeVipSpec(spec), 'web'), spec);
      assert.match(serializeVipSpec(spec), new RegExp(`"mode":"${mode}"`));
    }
    assert.doesNotMatch(serializeVipSpec(parseVipSpec(base)), /"mode"/);
    const message = problems({ ...base, announce: { mode: 'ospf' } });
    assert.match(message, /announce\.mode: must be arp, bgp or both/);
    assert.doesNotMatch(message, /\n/);
  });
});

describe('kernelShapeChanged', () => {
  const base = parseVipSpec({
    name: 'web',
    address: '198.51.100.100/24',
    interface: 'e0',
    nodes: { n1: { priority: 150 }, n2: { priority: 100, interface: 'e1' } },
  });
  const changed = (patch: Record<string, unknown>, node = 'n1'): boolean =>
    kernelShapeChanged(
      base,
      parseVipSpec({ ...(JSON.parse(serializeVipSpec(base)) as object), ...patch }),
      node,
    );

  it('is true for whatever the holder puts in the kernel', () => {
    assert.equal(changed({ vmac: 5 }), true, 'a virtual MAC');
    assert.equal(changed({ label: 'web' }), true, 'a label');
    assert.equal(changed({ scope: 'link' }), true, 'a scope');
    assert.equal(changed({ noPrefixRoute: true }), true, 'noprefixroute');
    assert.equal(changed({ address: '198.51.100.101/24' }), true, 'the address');
    assert.equal(changed({ interface: 'e2' }), true, 'the interface');
    assert.equal(changed({ routes: [{ to: '203.0.113.0/24', via: '198.51.100.1' }] }), true, 'a route');
  });

  it('is false for what the kernel never sees, and for another node’s interface', () => {
    assert.equal(changed({}), false);
    assert.equal(changed({ preempt: false, announce: { count: 5 } }), false);
    assert.equal(changed({ interface: 'e2' }, 'n2'), false, 'n2 uses its own e1 either way');
  });
});
