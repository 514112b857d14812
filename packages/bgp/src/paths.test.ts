import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unpackAny } from './api';
import { hostRoutePath, MED_MAX, medOfRevision, routeName } from './paths';

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

describe('medOfRevision', () => {
  it('a newer holder (larger fencing revision) gets a lower MED, within 1..2^32-2', () => {
    assert.ok(medOfRevision('101') < medOfRevision('100'));
    assert.ok(medOfRevision('9007199254740993') < medOfRevision('9007199254740992'), 'int64 beyond 2^53');
    assert.equal(medOfRevision('0'), MED_MAX);
    assert.equal(medOfRevision(String(MED_MAX - 1)), 1);
    // The block's end: the order wraps once every 2^32 - 2 revisions (docs/bgp.md).
    assert.equal(medOfRevision(String(MED_MAX)), MED_MAX);
    assert.throws(() => medOfRevision('-1'), /negative/);
    assert.throws(() => medOfRevision('x'));
  });

  it('the MED travels as MULTI_EXIT_DISC; none without one', () => {
    const p = hostRoutePath({ address: '203.0.113.10', nextHop: '198.51.100.11', med: 4000 });
    assert.deepEqual(unpackAny(p.pattrs?.[2] as never, 'MultiExitDiscAttribute'), { med: 4000 });
    assert.equal(hostRoutePath({ address: '203.0.113.10', nextHop: '198.51.100.11' }).pattrs?.length, 2);
  });
});
