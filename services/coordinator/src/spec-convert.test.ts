import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { advertiseHost, fieldsBeyondApi, specFromMsg, specToMsg } from './spec-convert';

describe('spec conversion', () => {
  it('treats proto zeros as defaults and round-trips', () => {
    const spec = specFromMsg({
      name: 'web',
      address: '2001:db8:0::1/64',
      interface: 'e0',
      nodes: { n1: { priority: 0, interface: '' }, n2: { priority: 150, interface: 'e1' } },
      preempt_delay_ms: 0,
      announce: { count: 0, interval_ms: 250, refresh_ms: 0 },
    });
    assert.equal(spec.address, '2001:db8::1');
    assert.equal(spec.preempt, true);
    assert.deepEqual(spec.nodes, { n1: { priority: 100 }, n2: { priority: 150, interface: 'e1' } });
    assert.deepEqual(spec.announce, {
      count: 3,
      intervalMs: 250,
      refreshMs: 30000,
      probeMs: 10000,
      secondBurstDelayMs: 0,
      mode: 'arp',
    });
    const msg = specToMsg(spec);
    assert.equal(msg.address, '2001:db8::1/64');
    assert.deepEqual(specFromMsg(msg), spec);
  });

  it('carries the address options and the second burst both ways; "+" becomes the broadcast address', () => {
    const spec = specFromMsg({
      name: 'web',
      address: '198.51.100.100/24',
      interface: 'e0',
      label: 'web',
      no_prefix_route: true,
      scope: 'link',
      broadcast: '+',
      announce: { second_burst_delay_ms: 5000 },
    });
    assert.deepEqual(
      [spec.label, spec.noPrefixRoute, spec.scope, spec.broadcast, spec.announce.secondBurstDelayMs],
      ['web', true, 'link', '198.51.100.255', 5000],
    );
    const msg = specToMsg(spec);
    assert.deepEqual(
      [msg.label, msg.no_prefix_route, msg.scope, msg.broadcast, msg.announce?.second_burst_delay_ms],
      ['web', true, 'link', '198.51.100.255', 5000],
    );
    assert.deepEqual(specFromMsg(msg), spec);
    assert.throws(
      () => specFromMsg({ name: 'v6', address: '2001:db8::1/64', interface: 'e0', label: 'web' }),
      /label: IPv6 addresses carry no label/,
    );
  });

  it('keeps an explicit preempt false; an empty nodes map means every node', () => {
    const spec = specFromMsg({
      name: 'a',
      address: '198.51.100.1/24',
      interface: 'e0',
      preempt: false,
      nodes: {},
    });
    assert.equal(spec.preempt, false);
    assert.equal(spec.nodes, undefined);
  });

  it('finds the host of an advertise address', () => {
    assert.equal(advertiseHost('198.51.100.1:7400'), '198.51.100.1');
    assert.equal(advertiseHost('[2001:db8:0::1]:7400'), '2001:db8::1');
    assert.equal(advertiseHost('node1.example:7400'), 'node1.example');
    assert.equal(advertiseHost('nonsense'), undefined);
    // Read as every package reads HOST:PORT: IPv6 needs brackets, brackets need IPv6, a port 1-65535.
    for (const bad of ['2001:db8::1:7400', '[198.51.100.1]:7400', '198.51.100.1:0', '198.51.100.1:99999']) {
      assert.equal(advertiseHost(bad), undefined, bad);
    }
  });

  it('carries over only stored fields the API cannot express', () => {
    const stored = JSON.stringify({ name: 'a', address: 'x', interface: 'e0', track: ['c1'], future: 1 });
    assert.deepEqual(fieldsBeyondApi(stored), { future: 1 });
    assert.deepEqual(fieldsBeyondApi('not json'), {});
  });
});
