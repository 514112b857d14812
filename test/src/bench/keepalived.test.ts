import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keepalivedConfig } from './keepalived';

const base = {
  routerId: 'n1',
  virtualRouterId: 42,
  priority: 150,
  advertInt: 1,
  vrrpVersion: 2 as const,
  iface: 'e0',
  vip: '198.51.100.100/24',
  srcIp: '198.51.100.11',
  peers: ['198.51.100.12'],
};

describe('keepalived for the benchmark (pure parts)', () => {
  it('writes one unicast vrrp_instance with the VIP, priority and advert interval', () => {
    const conf = keepalivedConfig(base);
    assert.match(conf, /vrrp_version 2/);
    assert.match(conf, /virtual_router_id 42\n/);
    assert.match(conf, /priority 150\n/);
    assert.match(conf, /advert_int 1\n/);
    assert.match(conf, /unicast_src_ip 198\.51\.100\.11\n\s+unicast_peer \{\n\s+198\.51\.100\.12\n\s+\}/);
    assert.match(conf, /virtual_ipaddress \{\n\s+198\.51\.100\.100\/24 dev e0\n/);
    assert.ok(!conf.includes('nopreempt'), 'preemption stays on');
    assert.equal((conf.match(/\{/g) ?? []).length, (conf.match(/\}/g) ?? []).length);
  });

  it('VRRPv3 for sub-second adverts; rejects what keepalived would refuse', () => {
    const v3 = keepalivedConfig({ ...base, advertInt: 0.1, vrrpVersion: 3 });
    assert.match(v3, /vrrp_version 3/);
    assert.match(v3, /advert_int 0\.1\n/);
    assert.throws(() => keepalivedConfig({ ...base, advertInt: 0.1 }), /VRRPv3/);
    assert.throws(() => keepalivedConfig({ ...base, virtualRouterId: 0 }), RangeError);
    assert.throws(() => keepalivedConfig({ ...base, virtualRouterId: 256 }), RangeError);
  });
});
