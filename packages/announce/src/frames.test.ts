// Byte-by-byte tests of the frame builders. Every expected array is written out by hand; the two
// full frames were also checked with `tcpdump -r … -vv -e` ("who-has 198.51.100.100 tell
// 198.51.100.100"; "[icmp6 sum ok] … neighbor advertisement … tgt is 2001:db8::100, Flags [override]").
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidAddressError, InvalidMacError } from './errors';
import {
  buildGratuitousArp,
  buildUnsolicitedNa,
  buildUnsolicitedNaFrame,
  icmpv6Checksum,
  parseIpv6,
  parseMac,
} from './frames';

const MAC = '02:42:ac:11:00:02';

function hex(bytes: Buffer): string {
  return bytes.toString('hex').replace(/(..)/g, '$1 ').trim();
}

void describe('buildGratuitousArp', () => {
  void it('builds a broadcast ARP request announcing the address, padded to 60 bytes', () => {
    // prettier-ignore
    const expected = Buffer.from([
      0xff, 0xff, 0xff, 0xff, 0xff, 0xff, // destination: broadcast
      0x02, 0x42, 0xac, 0x11, 0x00, 0x02, // source: our MAC
      0x08, 0x06, // ethertype ARP
      0x00, 0x01, // htype Ethernet
      0x08, 0x00, // ptype IPv4
      0x06, 0x04, // hlen 6, plen 4
      0x00, 0x01, // op request
      0x02, 0x42, 0xac, 0x11, 0x00, 0x02, // sender MAC
      198, 51, 100, 100, // sender IP
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // target MAC: zero
      198, 51, 100, 100, // target IP = sender IP (gratuitous)
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // padding to 60
    ]);
    const frame = buildGratuitousArp({ mac: MAC, ip: '198.51.100.100' });
    assert.equal(frame.length, 60);
    assert.equal(hex(frame), hex(expected));
  });

  void it('accepts upper-case MACs', () => {
    const frame = buildGratuitousArp({ mac: 'AA:BB:CC:DD:EE:0F', ip: '192.0.2.1' });
    assert.deepEqual([...frame.subarray(6, 12)], [0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0x0f]);
    assert.deepEqual([...frame.subarray(22, 32)], [0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0x0f, 192, 0, 2, 1]);
  });

  void it('rejects bad MACs with InvalidMacError', () => {
    for (const mac of ['', 'aa:bb:cc:dd:ee', 'aa-bb-cc-dd-ee-ff', 'aa:bb:cc:dd:ee:fg', '01:00:5e:00:00:01']) {
      assert.throws(() => buildGratuitousArp({ mac, ip: '198.51.100.1' }), InvalidMacError, mac);
    }
    assert.throws(() => parseMac('00:00:00:00:00:00'), /all-zero/);
  });

  void it('rejects bad IPv4 addresses with InvalidAddressError', () => {
    for (const ip of ['', '198.51.100', '198.51.100.1/24', '198.51.100.256', '2001:db8::1', '0.0.0.0']) {
      assert.throws(() => buildGratuitousArp({ mac: MAC, ip }), InvalidAddressError, ip);
    }
    assert.throws(() => buildGratuitousArp({ mac: MAC, ip: '224.0.0.1' }), /multicast address cannot/);
    assert.throws(() => buildGratuitousArp({ mac: MAC, ip: '255.255.255.255' }), /broadcast/);
  });
});

// The NA message for target 2001:db8::100 with MAC 02:42:ac:11:00:02, checksum field zero.
// prettier-ignore
const NA_ZERO_CHECKSUM = [
  0x88, 0x00, // type 136, code 0
  0x00, 0x00, // checksum: left to the kernel
  0x20, 0x00, 0x00, 0x00, // R=0 S=0 O=1, reserved
  0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, // target
  0x02, 0x01, // option 2 (target link-layer address), length 1 (8 bytes)
  0x02, 0x42, 0xac, 0x11, 0x00, 0x02, // our MAC
];

void describe('buildUnsolicitedNa', () => {
  void it('builds the ICMPv6 message with Override set and the checksum left zero', () => {
    const message = buildUnsolicitedNa({ mac: MAC, ip: '2001:db8::100' });
    assert.equal(message.length, 32);
    assert.equal(hex(message), hex(Buffer.from(NA_ZERO_CHECKSUM)));
  });

  void it('rejects bad IPv6 targets with InvalidAddressError', () => {
    for (const ip of [
      '',
      '198.51.100.1',
      '2001:db8::/64',
      '2001:db8::1/128',
      '2001:db8::g',
      'ff02::1',
      '::',
    ]) {
      assert.throws(() => buildUnsolicitedNa({ mac: MAC, ip }), InvalidAddressError, ip);
    }
    assert.throws(() => buildUnsolicitedNa({ mac: MAC, ip: 'fe80::1%eth0' }), /zone/);
    assert.throws(() => buildUnsolicitedNa({ mac: 'nope', ip: '2001:db8::1' }), InvalidMacError);
  });
});

void describe('icmpv6Checksum', () => {
  void it('matches the checksum tcpdump accepts for the known vector', () => {
    const body = Buffer.from(NA_ZERO_CHECKSUM);
    assert.equal(icmpv6Checksum('fe80::42:acff:fe11:2', 'ff02::1', body), 0xcfba);
    const src = Buffer.from([0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0x42, 0xac, 0xff, 0xfe, 0x11, 0, 0x02]);
    const dst = Buffer.from([0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01]);
    assert.equal(icmpv6Checksum(src, dst, body), 0xcfba);
  });

  void it('ignores whatever is in the checksum field and leaves the input untouched', () => {
    const body = Buffer.from(NA_ZERO_CHECKSUM);
    body[2] = 0xcf;
    body[3] = 0xba;
    assert.equal(icmpv6Checksum('fe80::42:acff:fe11:2', 'ff02::1', body), 0xcfba);
    assert.deepEqual([...body.subarray(2, 4)], [0xcf, 0xba]);
  });

  void it('handles an odd-length body (RFC 1071 example words)', () => {
    // pseudo-header sum for ::1 -> ::2, length 3: 0x0001 + 0x0002 + 0x0003 + 0x003a = 0x0040;
    // body 0x0102, 0x0300 (padded) -> 0x0442; complement 0xfbbd.
    assert.equal(icmpv6Checksum('::1', '::2', Buffer.from([0x01, 0x02, 0x03])), 0xfbbd);
  });

  void it('rejects addresses that are not 16 bytes', () => {
    assert.throws(() => icmpv6Checksum(Buffer.alloc(4), Buffer.alloc(16), Buffer.alloc(8)), RangeError);
  });
});

void describe('buildUnsolicitedNaFrame', () => {
  void it('builds Ethernet + IPv6 (hop limit 255, to ff02::1) + the NA with a correct checksum', () => {
    // prettier-ignore
    const expected = Buffer.from([
      0x33, 0x33, 0x00, 0x00, 0x00, 0x01, // destination: all-nodes multicast MAC
      0x02, 0x42, 0xac, 0x11, 0x00, 0x02, // source: our MAC
      0x86, 0xdd, // ethertype IPv6
      0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
      0x00, 0x20, // payload length 32
      0x3a, // next header ICMPv6
      0xff, // hop limit 255
      0xfe, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x42, 0xac, 0xff, 0xfe, 0x11, 0x00, 0x02, // src
      0xff, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, // dst
      0x88, 0x00, // type 136, code 0
      0xcf, 0xba, // checksum
      0x20, 0x00, 0x00, 0x00, // Override
      0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, // target
      0x02, 0x01, 0x02, 0x42, 0xac, 0x11, 0x00, 0x02, // TLLA option
    ]);
    const frame = buildUnsolicitedNaFrame({ mac: MAC, srcIp: 'fe80::42:acff:fe11:2', ip: '2001:db8::100' });
    assert.equal(frame.length, 86);
    assert.equal(hex(frame), hex(expected));
  });

  void it('accepts a link-local source with a zone and ignores the zone', () => {
    const a = buildUnsolicitedNaFrame({ mac: MAC, srcIp: 'fe80::42:acff:fe11:2%veth0', ip: '2001:db8::100' });
    const b = buildUnsolicitedNaFrame({ mac: MAC, srcIp: 'fe80::42:acff:fe11:2', ip: '2001:db8::100' });
    assert.deepEqual(a, b);
  });

  void it('rejects a bad source address', () => {
    assert.throws(
      () => buildUnsolicitedNaFrame({ mac: MAC, srcIp: 'ff02::2', ip: '2001:db8::100' }),
      InvalidAddressError,
    );
    assert.throws(() => parseIpv6('198.51.100.1'), /expected an IPv6 address/);
  });
});
