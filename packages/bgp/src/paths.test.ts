import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unpackAny } from './api';
import { hostRoutePath, routeName } from './paths';

describe('hostRoutePath', () => {
  it('an IPv4 VIP is a /32 with NEXT_HOP = the node, origin IGP', () => {
    const p = hostRoutePath({ address: '203.0.113.10', nextHop: '198.51.100.11' });
    assert.deepEqual(p.family, { afi: 'AFI_IP', safi: 'SAFI_UNICAST' });
    assert.deepEqual(unpackAny(p.nlri as never, 'IPAddressPrefix'), {
      prefix_len: 32,
      prefix: '203.0.113.10',
    });
    assert.deepEqual(unpackAny(p.pattrs?.[0] as never, 'OriginAttribute'), { origin: 0 });
    assert.deepEqual(unpackAny(p.pattrs?.[1] as never, 'NextHopAttribute'), { next_hop: '198.51.100.11' });
  });

  it('an IPv6 VIP is a /128 whose next hop travels in MP_REACH_NLRI', () => {
    const p = hostRoutePath({ address: '2001:db8:1::10', nextHop: '2001:db8::11' });
    assert.deepEqual(p.family, { afi: 'AFI_IP6', safi: 'SAFI_UNICAST' });
    assert.deepEqual(unpackAny(p.nlri as never, 'IPAddressPrefix'), {
      prefix_len: 128,
      prefix: '2001:db8:1::10',
    });
    const mp = unpackAny(p.pattrs?.[1] as never, 'MpReachNLRIAttribute');
    assert.deepEqual(mp?.next_hops, ['2001:db8::11']);
    assert.deepEqual(mp?.family, { afi: 'AFI_IP6', safi: 'SAFI_UNICAST' });
  });

  it('refuses a next hop of the other family, and names routes with their length', () => {
    assert.throws(
      () => hostRoutePath({ address: '203.0.113.10', nextHop: '2001:db8::11' }),
      /not of the family/,
    );
    assert.equal(routeName({ address: '2001:db8::1' }), '2001:db8::1/128');
    assert.equal(routeName({ address: '203.0.113.10' }), '203.0.113.10/32');
  });
});
