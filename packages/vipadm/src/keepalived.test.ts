import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseApplyFile } from './apply-file';
import { UsageError } from './errors';
import { importKeepalived } from './keepalived-convert';
import { parseKeepalivedConf } from './keepalived-parse';

const GUIDE = join(__dirname, '..', '..', '..', 'docs', 'migrating-from-keepalived.md');

/** The guide's keepalived.conf examples: its fenced blocks with a vrrp_instance. */
function guideExamples(): string[] {
  const text = readFileSync(GUIDE, 'utf8');
  return [...text.matchAll(/```\n([\s\S]*?)```/g)]
    .map((m) => m[1]!)
    .filter((b) => b.includes('vrrp_instance'));
}

const convert = (text: string, node?: string) =>
  importKeepalived(parseKeepalivedConf(text, 'k.conf'), 'k.conf', node);

describe('vipadm import-keepalived', () => {
  it('the guide has its two examples', () => {
    assert.equal(guideExamples().length, 2);
  });

  it("converts the guide's PostgreSQL example into specs apply -f reads, and says what it drops", () => {
    const out = convert(
      guideExamples().find((b) => b.includes('PG'))!,
      'db1',
    );
    const [pg, ...more] = parseApplyFile(out.yaml, 'out.yaml');
    assert.equal(more.length, 0);
    assert.deepEqual(
      [pg!.name, pg!.address, pg!.interface, pg!.label, pg!.preempt, pg!.nodes, pg!.track],
      ['pg', '198.51.100.100/24', 'eth0', 'pg', false, { db1: { priority: 150, interface: '' } }, ['chk_pg']],
    );
    assert.deepEqual([pg!.announce?.count, pg!.announce?.refresh_ms], [5, 60000]);
    assert.match(out.yaml, /^# {3}checks:\n# {5}- name: chk_pg\n# {7}type: exec$/m);
    assert.match(out.yaml, /^# {9}onMaster:\n# {11}- \/usr\/local\/bin\/pg-promote$/m);
    for (const option of [
      'state',
      'virtual_router_id',
      'advert_int',
      'unicast_src_ip',
      'unicast_peer',
      'authentication',
    ]) {
      assert.equal(out.dropped.filter((l) => l.includes(`PG: ${option}:`)).length, 1, option);
    }
    assert.equal(out.dropped.length, 6, out.dropped.join('\n'));
    for (const line of out.dropped) assert.match(line, /^k\.conf:\d+: [^\n]+: [^\n]+$/);
  });

  it("converts the guide's dual-stack example: weights, second burst, the sync group as a VIP group", () => {
    const out = convert(guideExamples().find((b) => b.includes('WEB_V4'))!);
    const specs = parseApplyFile(out.yaml, 'out.yaml');
    assert.deepEqual(
      specs.map((s) => [s.name, s.address, Object.keys(s.nodes), s.track_weighted]),
      [
        ['web-v4', '203.0.113.10/24', ['web1'], [{ check: 'chk_nginx', weight: -20 }]],
        ['web-v6', '2001:db8:10::10/64', ['web1'], [{ check: 'chk_nginx', weight: -20 }]],
      ],
    );
    assert.equal(specs[0]!.announce?.second_burst_delay_ms, 5000);
    assert.deepEqual(
      specs.map((s) => s.group),
      ['web', 'web'],
    );
    assert.equal(out.dropped.filter((l) => l.includes('vrrp_sync_group')).length, 0, out.dropped.join('\n'));
    assert.deepEqual(
      specs.map((s) => s.routes),
      [[{ to: '198.51.100.0/24', via: '203.0.113.1', dev: 'eth0', table: 254, metric: 0 }], []],
      'the IPv4 route goes with the IPv4 VIP',
    );
    assert.equal(out.dropped.filter((l) => l.includes('virtual_routes')).length, 0, out.dropped.join('\n'));
  });

  it('virtual_routes, virtual_rules and use_vmac are carried; what they cannot say is reported', () => {
    const out = convert(`
vrrp_instance GW {
    interface eth0
    virtual_router_id 51
    use_vmac vrrp.51
    priority 120
    virtual_ipaddress {
        198.51.100.100/24
        2001:db8::100/64
        198.51.100.101/24
    }
    virtual_routes {
        to 203.0.113.0/24 via 198.51.100.1 table 100 metric 5
        2001:db8:1::/48 via 2001:db8::1
        src 198.51.100.100 to 203.0.113.128/25 dev eth0
        blackhole 203.0.113.64/26
    }
    virtual_rules {
        from 198.51.100.100 table 100 priority 1000
        to 2001:db8:1::/48 lookup 200
        from 198.51.100.100 fwmark 3 table 100
    }
}
vrrp_instance PLAIN {
    interface eth1
    virtual_router_id 52
    virtual_ipaddress {
        203.0.113.7/24
    }
}
`);
    const specs = parseApplyFile(out.yaml, 'out.yaml');
    const [v4, v6, , plain] = specs;
    assert.deepEqual(
      specs.map((s) => [s.name, s.address, s.vmac, s.group]),
      [
        ['gw-1', '198.51.100.100/24', 51, 'gw'],
        ['gw-2', '2001:db8::100/64', 51, 'gw'],
        ['gw-3', '198.51.100.101/24', 0, 'gw'],
        ['plain', '203.0.113.7/24', 0, ''],
      ],
    );
    assert.deepEqual(v4!.routes, [
      { to: '203.0.113.0/24', via: '198.51.100.1', dev: '', table: 100, metric: 5 },
    ]);
    assert.deepEqual(v6!.routes, [
      { to: '2001:db8:1::/48', via: '2001:db8::1', dev: '', table: 254, metric: 0 },
    ]);
    assert.deepEqual(v4!.rules, [{ from: '198.51.100.100/32', to: '', table: 100, priority: 1000 }]);
    assert.deepEqual(v6!.rules, [{ from: '', to: '2001:db8:1::/48', table: 200, priority: 0 }]);
    assert.deepEqual(plain!.routes, []);
    const dropped = out.dropped.join('\n');
    assert.match(
      dropped,
      /virtual_routes src 198\.51\.100\.100 to 203\.0\.113\.128\/25 dev eth0: not carried/,
    );
    assert.match(dropped, /virtual_routes blackhole 203\.0\.113\.64\/26: not carried/);
    assert.match(dropped, /virtual_rules from 198\.51\.100\.100 fwmark 3 table 100: not carried: "fwmark"/);
    assert.match(dropped, /use_vmac vrrp\.51: not carried: vipd names the macvlan itself/);
    assert.match(dropped, /GW: 198\.51\.100\.101\/24: use_vmac: one virtual MAC per VIP and family/);
    assert.match(dropped, /PLAIN: virtual_router_id: not needed/);
    assert.doesNotMatch(out.yaml, /[&*]a\d/, 'no YAML anchors: each VIP its own lists');
    assert.doesNotMatch(dropped, /GW: virtual_router_id/);
  });

  it('track_interface becomes interface checks: weighted, unweighted, the VIP interface by itself', () => {
    const out = convert(`
vrrp_instance VI_1 {
  interface eth0
  priority 150
  track_interface {
    eth1 weight -20
    bond0.100
    eth0
    eth2 weight -20 reverse
  }
  virtual_ipaddress {
    198.51.100.100/24
  }
}
`);
    const [vip, ...more] = parseApplyFile(out.yaml, 'out.yaml');
    assert.equal(more.length, 0);
    assert.deepEqual(vip!.track_weighted, [{ check: 'link-eth1', weight: -20 }]);
    assert.deepEqual(vip!.track, ['link-bond0_100']);
    assert.match(
      out.yaml,
      /^# {5}- name: link-eth1\n# {7}type: interface\n# {7}interface: eth1$/m,
      'the node config gets the check',
    );
    assert.match(
      out.yaml,
      /^# {5}- name: link-bond0_100\n# {7}type: interface\n# {7}interface: bond0\.100$/m,
    );
    assert.deepEqual(
      out.dropped.map((l) => l.replace(/^k\.conf:\d+: /, '')),
      [
        'VI_1: track_interface eth0: not needed: the VIP interface is tracked by itself (down: the node cannot serve it)',
        'VI_1: track_interface eth2 weight -20 reverse: not carried (only "IF" or "IF weight N")',
      ],
    );
  });

  it('several addresses make several VIPs; address options carried; unknowns reported', () => {
    const out = convert(`
vrrp_instance VI_1 {
  interface e0
  priority 90
  preempt_delay 3
  virtual_ipaddress {
    198.51.100.10 dev e1 label e1:a scope link brd 198.51.100.255
    2001:db8::10/64 noprefixroute
  }
  track_script { missing }
  frobnicate yes
}
virtual_server 198.51.100.10 80 { }
`);
    const specs = parseApplyFile(out.yaml, 'out.yaml');
    assert.deepEqual(
      specs.map((s) => [
        s.name,
        s.address,
        s.interface,
        s.label,
        s.scope,
        s.broadcast,
        s.no_prefix_route,
        s.preempt_delay_ms,
      ]),
      [
        ['vi-1-1', '198.51.100.10/32', 'e1', 'a', 'link', '198.51.100.255', false, 3000],
        ['vi-1-2', '2001:db8::10/64', 'e0', '', 'global', '', true, 3000],
      ],
    );
    assert.deepEqual(Object.keys(specs[0]!.nodes), ['node1']);
    // One instance's addresses move as one in keepalived: one VIP group.
    assert.deepEqual(
      specs.map((s) => s.group),
      ['vi-1', 'vi-1'],
    );
    assert.match(out.dropped.join('\n'), /k\.conf:10: VI_1: track_script missing: no vrrp_script/);
    assert.match(out.dropped.join('\n'), /k\.conf:11: vrrp_instance VI_1: frobnicate yes: not carried/);
    assert.match(out.dropped.join('\n'), /k\.conf:13: virtual_server: not converted/);
  });

  it('vrrp_sync_group: members grouped; an unknown member, a second group and group options reported', () => {
    const out = convert(`
vrrp_instance A {
  interface e0
  virtual_ipaddress { 198.51.100.10/24 }
}
vrrp_instance B {
  interface e0
  virtual_ipaddress { 198.51.100.11/24 }
}
vrrp_instance C {
  interface e0
  virtual_ipaddress { 198.51.100.12/24 }
}
vrrp_sync_group G1 {
  group {
    A
    B
    NOPE
  }
  notify_master /bin/true
}
vrrp_sync_group G2 {
  group {
    B
    C
  }
}
`);
    const specs = parseApplyFile(out.yaml, 'out.yaml');
    assert.deepEqual(
      specs.map((s) => [s.name, s.group]),
      [
        ['a', 'g1'],
        ['b', 'g1'],
        ['c', 'g2'],
      ],
    );
    const dropped = out.dropped.join('\n');
    assert.match(
      dropped,
      /k\.conf:18: vrrp_sync_group G1: NOPE: no vrrp_instance of that name made a VIP here/,
    );
    assert.match(dropped, /k\.conf:20: vrrp_sync_group G1: notify_master \/bin\/true: not carried/);
    assert.match(dropped, /k\.conf:24: vrrp_sync_group G2: B: already in vrrp_sync_group G1/);
    assert.equal(out.dropped.length, 3, dropped);
  });

  it('refuses a file it cannot read as keepalived.conf in one line naming the line', () => {
    for (const [text, re] of [
      ['vrrp_instance A {\n  interface e0\n', /^k\.conf:1: "\{" is never closed$/],
      ['}\n', /^k\.conf:1: "\}" without a "\{"$/],
      ['vrrp_script x {\n script "/bin/true\n}\n', /^k\.conf:2: a quote is not closed$/],
    ] as const) {
      assert.throws(
        () => parseKeepalivedConf(text, 'k.conf'),
        (err: unknown) => err instanceof UsageError && re.test(err.message),
      );
    }
  });
});
