import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { specFromMsg, specToMsg } from './spec-convert';

describe('spec conversion: routes, rules and the virtual MAC', () => {
  it('carries them both ways, proto zeros as defaults; bad ones refused by the spec rules', () => {
    const spec = specFromMsg({
      name: 'web',
      address: '198.51.100.100/24',
      interface: 'e0',
      routes: [
        { to: '203.0.113.0/24', via: '198.51.100.1' },
        { to: 'default', via: '198.51.100.1', table: 100, metric: 5, dev: 'e1' },
      ],
      rules: [{ from: '198.51.100.100/32', table: 100, priority: 1000 }],
      vmac: 51,
    });
    assert.deepEqual(spec.routes, [
      { to: '203.0.113.0/24', via: '198.51.100.1', table: 254, metric: 0 },
      { to: '0.0.0.0/0', via: '198.51.100.1', dev: 'e1', table: 100, metric: 5 },
    ]);
    assert.deepEqual(spec.rules, [{ from: '198.51.100.100/32', table: 100, priority: 1000 }]);
    assert.equal(spec.vmac, 51);
    const msg = specToMsg(spec);
    assert.deepEqual(msg.routes[0], {
      to: '203.0.113.0/24',
      via: '198.51.100.1',
      dev: '',
      table: 254,
      metric: 0,
    });
    assert.deepEqual(msg.rules, [{ from: '198.51.100.100/32', to: '', table: 100, priority: 1000 }]);
    assert.equal(msg.vmac, 51);
    assert.deepEqual(specFromMsg(msg), spec, 'round trip');
    const plain = specToMsg(specFromMsg({ name: 'web', address: '198.51.100.100/24', interface: 'e0' }));
    assert.deepEqual([plain.routes, plain.rules, plain.vmac], [[], [], 0]);
    assert.throws(
      () =>
        specFromMsg({
          name: 'web',
          address: '198.51.100.100/24',
          interface: 'e0',
          routes: [{ to: '203.0.113.0' }],
        }),
      /routes\.0\.to: "203\.0\.113\.0" is not a prefix/,
    );
    assert.throws(
      () =>
        specFromMsg({
          name: 'web',
          address: '198.51.100.100/24',
          interface: 'e0',
          rules: [{ from: '198.51.100.100/32' }],
        }),
      /rules\.0\.table/,
    );
    assert.throws(
      () => specFromMsg({ name: 'web', address: '198.51.100.100/24', interface: 'e0', vmac: 300 }),
      /vmac: must be 1\.\.255/,
    );
  });
});
