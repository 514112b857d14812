// Unit tests of the pure parsers, on `ip -json` output captured on this machine (Debian 12,
// iproute2 6.1, kernel 6.18) from a veth pair in a throwaway namespace.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IpOutputParseError } from './errors';
import { parseAddresses, parseAddrProto, parseLinks } from './parse';

// `ip -json address show dev veth0` after vipd added 198.51.100.10/24 and 2001:db8::10/64
// (metric 30313, valid_lft 30, preferred_lft 0) beside a foreign 203.0.113.5/24 labelled "foo".
const ADDR_VETH0 =
  '[{"ifindex":3,"link":"veth1","ifname":"veth0","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"mtu":1500,"qdisc":"noqueue","operstate":"UP","group":"default","txqlen":1000,"link_type":"ether","address":"c2:76:2f:14:37:38","broadcast":"ff:ff:ff:ff:ff:ff","addr_info":[{"family":"inet","local":"203.0.113.5","prefixlen":24,"scope":"global","label":"foo","valid_life_time":4294967295,"preferred_life_time":4294967295},{"family":"inet","local":"198.51.100.10","prefixlen":24,"metric":30313,"scope":"global","deprecated":true,"dynamic":true,"label":"veth0:vip","valid_life_time":30,"preferred_life_time":0},{"family":"inet6","local":"2001:db8::10","prefixlen":64,"metric":30313,"scope":"global","nodad":true,"deprecated":true,"dynamic":true,"valid_life_time":30,"preferred_life_time":0},{"family":"inet6","local":"fe80::c076:2fff:fe14:3738","prefixlen":64,"scope":"link","valid_life_time":4294967295,"preferred_life_time":4294967295}]}]';

// `ip -4 -json address show`: links without IPv4 addresses are left out, and link_type/address
// are missing from the entries that remain.
const ADDR_V4_ONLY =
  '[{"ifindex":3,"link":"veth1","ifname":"veth0","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"mtu":1500,"qdisc":"noqueue","operstate":"UP","group":"default","txqlen":1000,"addr_info":[{"family":"inet","local":"203.0.113.5","prefixlen":24,"scope":"global","label":"foo","valid_life_time":4294967295,"preferred_life_time":4294967295}]}]';

// `ip -json link show` in the namespace: lo down, veth0 up without carrier (peer down), veth1 down.
const LINKS =
  '[{"ifindex":1,"ifname":"lo","flags":["LOOPBACK"],"mtu":65536,"qdisc":"noop","operstate":"DOWN","linkmode":"DEFAULT","group":"default","txqlen":1000,"link_type":"loopback","address":"00:00:00:00:00:00","broadcast":"00:00:00:00:00:00"},{"ifindex":3,"link":"veth1","ifname":"veth0","flags":["NO-CARRIER","BROADCAST","MULTICAST","UP","M-DOWN"],"mtu":1500,"qdisc":"noqueue","operstate":"LOWERLAYERDOWN","linkmode":"DEFAULT","group":"default","txqlen":1000,"link_type":"ether","address":"c2:76:2f:14:37:38","broadcast":"ff:ff:ff:ff:ff:ff"},{"ifindex":2,"link":"veth0","ifname":"veth1","flags":["BROADCAST","MULTICAST"],"mtu":1500,"qdisc":"noqueue","operstate":"DOWN","linkmode":"DEFAULT","group":"default","txqlen":1000,"link_type":"ether","address":"e6:c1:f8:0a:ef:df","broadcast":"ff:ff:ff:ff:ff:ff"}]';

// `ip -json link show lo` in the root namespace: up, carrier, but operstate UNKNOWN.
const LINK_LO_ROOT =
  '[{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP","LOWER_UP"],"mtu":65536,"qdisc":"noqueue","operstate":"UNKNOWN","linkmode":"DEFAULT","group":"default","txqlen":1000,"link_type":"loopback","address":"00:00:00:00:00:00","broadcast":"00:00:00:00:00:00"}]';

function parseError(fn: () => unknown): IpOutputParseError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof IpOutputParseError, `expected IpOutputParseError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a parse error');
}

void describe('parseAddresses', () => {
  void it('reads IPv4 and IPv6 addresses with label, metric, lifetimes and flags', () => {
    const list = parseAddresses(ADDR_VETH0);
    assert.equal(list.length, 4);
    assert.deepEqual(list[0], {
      ifname: 'veth0',
      ifindex: 3,
      address: '203.0.113.5',
      prefixLen: 24,
      family: 4,
      label: 'foo',
      validLftSec: 'forever',
      preferredLftSec: 'forever',
      flags: [],
    });
    assert.deepEqual(list[1], {
      ifname: 'veth0',
      ifindex: 3,
      address: '198.51.100.10',
      prefixLen: 24,
      family: 4,
      label: 'veth0:vip',
      metric: 30313,
      validLftSec: 30,
      preferredLftSec: 0,
      flags: ['deprecated', 'dynamic'],
    });
    assert.deepEqual(list[2], {
      ifname: 'veth0',
      ifindex: 3,
      address: '2001:db8::10',
      prefixLen: 64,
      family: 6,
      metric: 30313,
      validLftSec: 30,
      preferredLftSec: 0,
      flags: ['nodad', 'deprecated', 'dynamic'],
    });
    assert.equal(list[3]?.address, 'fe80::c076:2fff:fe14:3738');
  });

  void it('reads family-filtered output and empty documents', () => {
    assert.deepEqual(
      parseAddresses(ADDR_V4_ONLY).map((a) => a.address),
      ['203.0.113.5'],
    );
    assert.deepEqual(parseAddresses(''), []);
    assert.deepEqual(parseAddresses('[]'), []);
    assert.deepEqual(parseAddresses('[{}]'), [], 'the {} some iproute2 versions print for filtered links');
  });

  void it('reads the protocol key of iproute2 >= 6.3', () => {
    const doc = JSON.parse(ADDR_VETH0) as [{ addr_info: Record<string, unknown>[] }];
    const first = doc[0].addr_info[1];
    assert.ok(first);
    first.protocol = '0x76';
    assert.equal(parseAddresses(JSON.stringify(doc))[1]?.proto, 0x76);
    assert.equal(parseAddrProto('kernel_ll', ''), 3);
    assert.equal(parseAddrProto('118', ''), 118);
    assert.equal(parseAddrProto(5, ''), 5);
    assert.equal(parseAddrProto('my_daemon', ''), undefined, 'a name from rt_addrprotos we cannot resolve');
    assert.equal(parseAddrProto(undefined, ''), undefined);
  });

  void it('skips families other than inet and inet6', () => {
    const doc = '[{"ifindex":9,"ifname":"x","addr_info":[{"family":"mpls","local":"1"}]}]';
    assert.deepEqual(parseAddresses(doc), []);
  });

  void it('rejects unknown shapes with the path of the bad value', () => {
    assert.match(parseError(() => parseAddresses('not json')).message, /not JSON/);
    assert.equal(parseError(() => parseAddresses('{"a":1}')).path, '');
    assert.equal(parseError(() => parseAddresses('[42]')).path, '[0]');
    const noLocal = '[{"ifindex":3,"ifname":"veth0","addr_info":[{"family":"inet","prefixlen":24}]}]';
    assert.equal(parseError(() => parseAddresses(noLocal)).path, '[0].addr_info[0].local');
    const badPrefix =
      '[{"ifindex":3,"ifname":"veth0","addr_info":[{"family":"inet","local":"1.2.3.4","prefixlen":33}]}]';
    assert.equal(parseError(() => parseAddresses(badPrefix)).path, '[0].addr_info[0].prefixlen');
    const badLft =
      '[{"ifindex":3,"ifname":"veth0","addr_info":[{"family":"inet6","local":"::1","prefixlen":128,"valid_life_time":"x"}]}]';
    assert.equal(parseError(() => parseAddresses(badLft)).path, '[0].addr_info[0].valid_life_time');
    const noName = '[{"ifindex":3,"addr_info":[{"family":"inet","local":"1.2.3.4","prefixlen":8}]}]';
    assert.equal(parseError(() => parseAddresses(noName)).path, '[0].ifname');
  });
});

void describe('parseLinks', () => {
  void it('reads admin state, carrier, operstate, mac and mtu', () => {
    assert.deepEqual(parseLinks(LINKS), [
      {
        name: 'lo',
        index: 1,
        mac: '00:00:00:00:00:00',
        adminUp: false,
        operUp: false,
        operState: 'DOWN',
        mtu: 65536,
      },
      {
        name: 'veth0',
        index: 3,
        mac: 'c2:76:2f:14:37:38',
        adminUp: true,
        operUp: false,
        operState: 'LOWERLAYERDOWN',
        mtu: 1500,
      },
      {
        name: 'veth1',
        index: 2,
        mac: 'e6:c1:f8:0a:ef:df',
        adminUp: false,
        operUp: false,
        operState: 'DOWN',
        mtu: 1500,
      },
    ]);
  });

  void it('takes carrier from LOWER_UP, not operstate (lo says UNKNOWN)', () => {
    const [lo] = parseLinks(LINK_LO_ROOT);
    assert.equal(lo?.operState, 'UNKNOWN');
    assert.equal(lo?.adminUp, true);
    assert.equal(lo?.operUp, true);
  });

  void it('accepts links without a link-layer address', () => {
    const [tun] = parseLinks(
      '[{"ifindex":7,"ifname":"wg0","flags":["POINTOPOINT","UP","LOWER_UP"],"mtu":1420}]',
    );
    assert.equal(tun?.mac, undefined);
    assert.equal(tun?.operState, 'UNKNOWN');
  });

  void it('rejects unknown shapes', () => {
    assert.equal(parseError(() => parseLinks('[{"ifname":"x","mtu":1500}]')).path, '[0].ifindex');
    assert.equal(
      parseError(() => parseLinks('[{"ifindex":1,"ifname":"x","mtu":1500,"flags":[1]}]')).path,
      '[0].flags[0]',
    );
    assert.equal(parseError(() => parseLinks('[{"ifindex":1,"ifname":"x","mtu":-1}]')).path, '[0].mtu');
  });
});
