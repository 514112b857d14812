import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseVipSpec, type VipSpec } from '@vipd/store';
import type { Kernel } from './kernel';
import { bgpUnready, type RouteAnnouncer, withBgp } from './kernel-bgp';

const spec = (mode: 'arp' | 'bgp' | 'both', address = '203.0.113.10/32', name = 'web'): VipSpec =>
  parseVipSpec({ name, address, interface: 'e0', announce: { mode } });

/** Records the order of kernel and speaker calls. */
function recording(session = true): { kernel: Kernel; calls: string[]; speaker: RouteAnnouncer } {
  const calls: string[] = [];
  const kernel = {
    addVip: async (_i: string, s: VipSpec) => void calls.push(`add ${s.address}`),
    removeVip: async (_i: string, s: VipSpec) => (calls.push(`remove ${s.address}`), true),
    announce: async (_i: string, s: VipSpec, count: number) => (calls.push(`arp ${s.address}`), count),
  } as unknown as Kernel;
  const speaker = {
    announce: async (s: VipSpec, rev?: string) =>
      void calls.push(`bgp+ ${s.address}${rev ? ` @${rev}` : ''}`),
    withdraw: async (s: VipSpec) => void calls.push(`bgp- ${s.address}`),
    cannotAdd: () => (session ? undefined : 'no BGP session established'),
  };
  return { kernel, calls, speaker };
}

describe('withBgp', () => {
  it('bgp mode: the route (under the fencing revision) after the address is up, withdrawn before it goes; no ARP', async () => {
    const r = recording();
    const k = withBgp(r.kernel, r.speaker);
    const s = spec('bgp');
    await k.addVip('e0', s, 3, '42');
    assert.equal(await k.announce('e0', s, 3, 100, new AbortController().signal), 0);
    assert.equal(await k.removeVip('e0', s), true);
    assert.deepEqual(r.calls, [
      'add 203.0.113.10',
      'bgp+ 203.0.113.10 @42',
      'bgp- 203.0.113.10',
      'remove 203.0.113.10',
    ]);
  });

  it('without a BGP session a bgp VIP is not added (a both VIP is: ARP reaches the link)', async () => {
    const r = recording(false);
    const k = withBgp(r.kernel, r.speaker);
    await assert.rejects(
      k.addVip('e0', spec('bgp'), 3),
      /not adding 203\.0\.113\.10 \(announce\.mode bgp\): no BGP session/,
    );
    assert.deepEqual(r.calls, []);
    await k.addVip('e0', spec('both'), 3);
    assert.deepEqual(r.calls, ['add 203.0.113.10', 'bgp+ 203.0.113.10']);
  });

  it('arp mode is untouched; both does both', async () => {
    const r = recording();
    const k = withBgp(r.kernel, r.speaker);
    await k.addVip('e0', spec('arp'), 3);
    await k.announce('e0', spec('arp'), 3, 100, new AbortController().signal);
    await k.removeVip('e0', spec('arp'));
    assert.deepEqual(r.calls, ['add 203.0.113.10', 'arp 203.0.113.10', 'remove 203.0.113.10']);
    r.calls.length = 0;
    await k.addVip('e0', spec('both'), 3);
    await k.announce('e0', spec('both'), 3, 100, new AbortController().signal);
    assert.deepEqual(r.calls, ['add 203.0.113.10', 'bgp+ 203.0.113.10', 'arp 203.0.113.10']);
  });
});

describe('bgpUnready', () => {
  it('a VIP in bgp or both mode cannot be held on a node without bgp:, an IPv6 one without nextHop6', () => {
    const specs = [
      spec('arp', '198.51.100.100/24', 'a'),
      spec('bgp', '203.0.113.10/32', 'b'),
      spec('both', '2001:db8:1::10/128', 'c'),
    ];
    assert.deepEqual(
      [...bgpUnready(specs, undefined)],
      [
        ['b', 'announce.mode bgp but this node has no bgp: section (docs/bgp.md)'],
        ['c', 'announce.mode both but this node has no bgp: section (docs/bgp.md)'],
      ],
    );
    assert.deepEqual(
      [...bgpUnready(specs, {})],
      [['c', 'announce.mode both on an IPv6 VIP but bgp.nextHop6 is not set']],
    );
    assert.deepEqual([...bgpUnready(specs, { nextHop6: '2001:db8::11' })], []);
    // Without a session a bgp VIP would attract nothing; one in both mode still has ARP.
    assert.deepEqual(
      [...bgpUnready(specs, { nextHop6: '2001:db8::11' }, false)],
      [['b', 'no BGP session established']],
    );
  });
});
