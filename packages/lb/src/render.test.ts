import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HASH_SEED, ownedChains, renderRuleset, renderUpdate } from './render';
import { selectBackends } from './select';
import type { LbService } from './types';

const web: LbService = {
  name: 'web-1',
  vip: '198.51.100.100',
  family: 4,
  protocol: 'tcp',
  port: 80,
  scheduler: 'rr',
  mode: 'nat',
  snat: false,
  device: 'e0',
  backends: [
    { address: '203.0.113.10', port: 8080, weight: 1 },
    { address: '203.0.113.11', port: 8080, weight: 3 },
    { address: '203.0.113.12', port: 8080, weight: 2 },
  ],
};

const lines = (text: string) => text.split('\n').map((l) => l.trim());

describe('nftables rendering', () => {
  it('replaces both owned tables in one script, and nothing else', () => {
    const out = renderRuleset([]);
    assert.equal(
      out,
      'add table inet vipd_svc\ndelete table inet vipd_svc\nadd table netdev vipd_svc_dr\ndelete table netdev vipd_svc_dr\n',
    );
  });

  it('rr: one dispatch map, then numgen inc over the backends, weights ignored', () => {
    const l = lines(renderRuleset([web]));
    assert.ok(
      l.includes('ip daddr . meta l4proto . th dport vmap { 198.51.100.100 . tcp . 80 : goto svc_web_1 }'),
    );
    assert.ok(
      l.includes(
        'meta l4proto tcp dnat ip to numgen inc mod 3 map { 0 : 203.0.113.10 . 8080, 1 : 203.0.113.11 . 8080, 2 : 203.0.113.12 . 8080 }',
      ),
    );
    assert.ok(!l.some((x) => x.includes('masquerade')), 'no snat asked for');
  });

  it('wrr and random follow weights; sh hashes the source with a fixed seed', () => {
    const wrr = lines(renderRuleset([{ ...web, scheduler: 'wrr' }]));
    assert.ok(
      wrr.includes(
        'meta l4proto tcp dnat ip to numgen inc mod 6 map { 0 : 203.0.113.10 . 8080, 1-3 : 203.0.113.11 . 8080, 4-5 : 203.0.113.12 . 8080 }',
      ),
    );
    const random = lines(renderRuleset([{ ...web, scheduler: 'random' }]));
    assert.ok(random.some((x) => x.startsWith('meta l4proto tcp dnat ip to numgen random mod 6 map')));
    const sh = lines(renderRuleset([{ ...web, scheduler: 'sh' }]));
    assert.ok(
      sh.some((x) => x.startsWith(`meta l4proto tcp dnat ip to jhash ip saddr mod 6 seed ${HASH_SEED} map`)),
    );
  });

  it('many services share one lookup per family', () => {
    const out = renderRuleset([
      web,
      { ...web, name: 'api', port: 443 },
      { ...web, name: 'dns', protocol: 'udp', port: 53 },
    ]);
    const dispatch = lines(out).filter((x) => x.includes('vmap'));
    assert.deepEqual(dispatch, [
      'ip daddr . meta l4proto . th dport vmap { 198.51.100.100 . tcp . 443 : goto svc_api, 198.51.100.100 . udp . 53 : goto svc_dns, 198.51.100.100 . tcp . 80 : goto svc_web_1 }',
    ]);
  });

  it('snat masquerades exactly the service’s connections', () => {
    const l = lines(renderRuleset([{ ...web, snat: true }]));
    assert.ok(
      l.includes(
        'ct status dnat ct original ip daddr 198.51.100.100 meta l4proto tcp ct original proto-dst 80 masquerade',
      ),
    );
  });

  it('no backend: the sorry server (NATed and masqueraded), or no rule at all', () => {
    const sorry = lines(
      renderRuleset([{ ...web, backends: [], sorry: { address: '203.0.113.99', port: 80 } }]),
    );
    assert.ok(sorry.includes('meta l4proto tcp dnat ip to 203.0.113.99:80'));
    assert.ok(sorry.some((x) => x.endsWith('masquerade')));
    const none = renderRuleset([{ ...web, backends: [] }]);
    assert.ok(!none.includes('198.51.100.100'), 'the node answers itself (a TCP reset)');
  });

  it('dr: forwards the frame at ingress of the VIP’s interface by a hash of the flow', () => {
    const dr = { ...web, mode: 'dr' as const, backends: web.backends.map((b) => ({ ...b, port: 80 })) };
    const l = lines(renderRuleset([dr]));
    assert.ok(l.includes('table netdev vipd_svc_dr {'));
    assert.ok(l.includes('type filter hook ingress device "e0" priority -500; policy accept;'));
    assert.ok(
      l.includes('ip daddr . meta l4proto . th dport vmap { 198.51.100.100 . tcp . 80 : goto svc_web_1 }'),
    );
    assert.ok(
      l.includes(
        `fwd ip to jhash ip saddr . tcp sport mod 3 seed ${HASH_SEED} map { 0 : 203.0.113.10, 1 : 203.0.113.11, 2 : 203.0.113.12 } device "e0"`,
      ),
    );
    assert.ok(!l.some((x) => x.includes('dnat')), 'dr rewrites no address');
  });

  it('IPv6: ip6 matches and bracketed DNAT targets', () => {
    const six: LbService = {
      ...web,
      vip: '2001:db8::100',
      family: 6,
      protocol: 'udp',
      backends: [{ address: '2001:db8::10', port: 53, weight: 1 }],
    };
    const l = lines(renderRuleset([six]));
    assert.ok(
      l.includes('ip6 daddr . meta l4proto . th dport vmap { 2001:db8::100 . udp . 80 : goto svc_web_1 }'),
    );
    assert.ok(l.includes('meta l4proto udp dnat ip6 to [2001:db8::10]:53'));
  });
});

describe('nftables updates', () => {
  it('keep the base chains, flush and refill them, and delete what is no longer wanted after the flush', () => {
    const dr = {
      ...web,
      name: 'dr',
      mode: 'dr' as const,
      port: 81,
      backends: [{ address: '203.0.113.10', port: 81, weight: 1 }],
    };
    const previous = ownedChains([web, dr]);
    assert.deepEqual(previous, { nat: ['svc_web_1'], drIngress: ['ingress_6530'], dr: ['svc_dr'] });
    const l = lines(renderUpdate([{ ...web, name: 'api' }], previous));
    assert.ok(!l.some((x) => x.startsWith('delete table')), 'no table is deleted');
    assert.ok(
      !l.some((x) => /delete chain inet vipd_svc (pre|post)routing/.test(x)),
      'no base chain is deleted',
    );
    const at = (x: string) => l.indexOf(x);
    assert.ok(at('flush chain inet vipd_svc prerouting') < at('delete chain inet vipd_svc svc_web_1'));
    assert.ok(at('delete chain inet vipd_svc svc_web_1') >= 0);
    assert.ok(at('delete chain netdev vipd_svc_dr ingress_6530') >= 0, 'an interface no longer used');
    assert.ok(
      at('delete chain netdev vipd_svc_dr svc_dr') > at('delete chain netdev vipd_svc_dr ingress_6530'),
    );
    assert.ok(
      at(
        'add rule inet vipd_svc prerouting ip daddr . meta l4proto . th dport vmap { 198.51.100.100 . tcp . 80 : goto svc_api }',
      ) > at('add chain inet vipd_svc svc_api'),
    );
  });
});

describe('backend selection', () => {
  const b = (health: 'up' | 'down' | 'unknown', weight = 1, port = 80) => ({
    address: '203.0.113.10',
    port,
    weight,
    health,
  });
  it('keeps healthy (and not yet checked) backends with a weight; drained and down ones leave', () => {
    const s = selectBackends([b('up'), b('unknown', 1, 81), b('down', 1, 82), b('up', 0, 83)], 0, false);
    assert.equal(s.serving, 'backends');
    assert.deepEqual(
      s.backends.map((x) => x.port),
      [80, 81],
    );
  });
  it('falls back to the sorry server, or nothing; quorum counts healthy backends', () => {
    assert.equal(selectBackends([b('down')], 0, true).serving, 'sorry');
    assert.equal(selectBackends([b('down')], 0, false).serving, 'none');
    const below = selectBackends([b('up'), b('down', 1, 81)], 2, true);
    assert.equal(below.serving, 'below_quorum');
    assert.deepEqual(below.backends, []);
    assert.equal(selectBackends([b('up'), b('up', 1, 81)], 2, false).serving, 'backends');
  });
});
