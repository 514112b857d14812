// Byte-by-byte tests of the probe builders and parsers. Expected arrays are written out by hand;
// the three built frames were also checked with `tcpdump -r … -vv -e` ("Request who-has
// 198.51.100.100 tell 0.0.0.0"; "[icmp6 sum ok] … neighbor solicitation, length 24, who has
// 2001:db8::100"; the same with "source link-address option (1) … 02:42:ac:11:00:02"). The two
// answers are frames a Linux 6.x kernel sent in a namespace lab in reply to these probes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidAddressError, InvalidMacError } from './errors';
import { icmpv6Checksum } from './frames';
import { buildArpProbe, buildNsProbe, formatMac, parseArpReply, parseNaReply } from './probe-frames';

const MAC = '02:42:ac:11:00:02';
const OWNER = 'c6:20:f1:7d:bf:ef';

function hex(bytes: Buffer): string {
  return bytes.toString('hex').replace(/(..)/g, '$1 ').trim();
}

// prettier-ignore
const LINUX_ARP_REPLY = Buffer.from([
  0xe6, 0x52, 0x2a, 0x35, 0xfd, 0xea, // destination: the prober
  0xc6, 0x20, 0xf1, 0x7d, 0xbf, 0xef, // source: the owner
  0x08, 0x06, 0x00, 0x01, 0x08, 0x00, 0x06, 0x04,
  0x00, 0x02, // op reply
  0xc6, 0x20, 0xf1, 0x7d, 0xbf, 0xef, // sender MAC: the owner
  198, 51, 100, 100, // sender IP: the probed address
  0xe6, 0x52, 0x2a, 0x35, 0xfd, 0xea, // target MAC: the prober
  0, 0, 0, 0, // target IP: 0.0.0.0, as in the probe
]);

// The answer to a DAD-style probe: to all nodes, Solicited clear, Override set, with a TLLA option.
// prettier-ignore
const LINUX_NA = Buffer.from([
  0x33, 0x33, 0x00, 0x00, 0x00, 0x01, // destination: all-nodes multicast
  0xc6, 0x20, 0xf1, 0x7d, 0xbf, 0xef, // source: the owner
  0x86, 0xdd,
  0x60, 0x00, 0x00, 0x00, 0x00, 0x20, 0x3a, 0xff, // IPv6, payload 32, ICMPv6, hop limit 255
  0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x00, // source 2001:db8::100
  0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // destination ff02::1
  0x88, 0x00, 0x81, 0x9f, // type 136, code 0, checksum
  0x20, 0x00, 0x00, 0x00, // flags: Override
  0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x00, // target 2001:db8::100
  0x02, 0x01, 0xc6, 0x20, 0xf1, 0x7d, 0xbf, 0xef, // TLLA option: the owner
]);

/** A copy of an NA frame changed by `edit`, with its ICMPv6 checksum made right again. */
function editedNa(edit: (frame: Buffer) => void, frame: Buffer = LINUX_NA): Buffer {
  const copy = Buffer.from(frame);
  edit(copy);
  const message = copy.subarray(54, 54 + copy.readUInt16BE(18));
  message.writeUInt16BE(icmpv6Checksum(copy.subarray(22, 38), copy.subarray(38, 54), message), 2);
  return copy;
}

void describe('buildArpProbe', () => {
  void it('builds a broadcast ARP request for the address from 0.0.0.0, padded to 60 bytes', () => {
    // prettier-ignore
    const expected = Buffer.from([
      0xff, 0xff, 0xff, 0xff, 0xff, 0xff, // destination: broadcast
      0x02, 0x42, 0xac, 0x11, 0x00, 0x02, // source: our MAC
      0x08, 0x06, // ethertype ARP
      0x00, 0x01, // htype Ethernet
      0x08, 0x00, // ptype IPv4
      0x06, 0x04, // hlen 6, plen 4
      0x00, 0x01, // op request
      0x02, 0x42, 0xac, 0x11, 0x00, 0x02, // sender MAC: ours
      0, 0, 0, 0, // sender IP: 0.0.0.0 (RFC 5227 probe)
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // target MAC: zero
      198, 51, 100, 100, // target IP: the probed address
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // padding to 60
    ]);
    assert.equal(hex(buildArpProbe({ mac: MAC, ip: '198.51.100.100' })), hex(expected));
  });

  void it('rejects bad input', () => {
    assert.throws(() => buildArpProbe({ mac: '01:00:5e:00:00:01', ip: '198.51.100.1' }), InvalidMacError);
    assert.throws(() => buildArpProbe({ mac: MAC, ip: '2001:db8::1' }), InvalidAddressError);
  });
});

void describe('parseArpReply', () => {
  void it("returns the owner's MAC from a Linux ARP reply to our probe", () => {
    assert.equal(parseArpReply(LINUX_ARP_REPLY, '198.51.100.100'), OWNER);
  });

  void it('counts an ARP request from the owner too (RFC 5227), and ignores Ethernet padding', () => {
    const request = Buffer.concat([LINUX_ARP_REPLY, Buffer.alloc(18)]);
    request.writeUInt16BE(1, 20);
    assert.equal(parseArpReply(request, '198.51.100.100'), OWNER);
  });

  void it('returns undefined for anything else', () => {
    assert.equal(parseArpReply(LINUX_ARP_REPLY, '198.51.100.101'), undefined, 'another address');
    assert.equal(
      parseArpReply(buildArpProbe({ mac: MAC, ip: '198.51.100.100' }), '198.51.100.100'),
      undefined,
    );
    assert.equal(parseArpReply(LINUX_ARP_REPLY.subarray(0, 41), '198.51.100.100'), undefined, 'truncated');
    assert.equal(parseArpReply(LINUX_NA, '198.51.100.100'), undefined, 'not ARP');
    const cases: [number, number][] = [
      [20, 3], // op: RARP request
      [14, 6], // htype: IEEE 802
      [16, 0x86dd], // ptype
    ];
    for (const [offset, value] of cases) {
      const frame = Buffer.from(LINUX_ARP_REPLY);
      frame.writeUInt16BE(value, offset);
      assert.equal(parseArpReply(frame, '198.51.100.100'), undefined, `offset ${offset}`);
    }
    const zeroSender = Buffer.from(LINUX_ARP_REPLY);
    zeroSender.fill(0, 22, 28);
    assert.equal(parseArpReply(zeroSender, '198.51.100.100'), undefined, 'all-zero sender MAC');
  });

  void it('rejects a bad address argument', () => {
    assert.throws(() => parseArpReply(LINUX_ARP_REPLY, 'nope'), InvalidAddressError);
  });
});

void describe('buildNsProbe', () => {
  void it('builds a DAD-style solicitation from :: to the solicited-node group, without SLLA', () => {
    // prettier-ignore
    const expected = Buffer.from([
      0x33, 0x33, 0xff, 0x00, 0x01, 0x00, // destination: 33:33 + ff00:0100
      0x02, 0x42, 0xac, 0x11, 0x00, 0x02, // source: our MAC
      0x86, 0xdd, // ethertype IPv6
      0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
      0x00, 0x18, // payload length 24
      0x3a, // next header ICMPv6
      0xff, // hop limit 255
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // source ::
      0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0xff, 0x00, 0x01, 0x00, // ff02::1:ff00:100
      0x87, 0x00, // type 135, code 0
      0x4a, 0xef, // checksum
      0x00, 0x00, 0x00, 0x00, // reserved
      0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x00, // target 2001:db8::100
    ]);
    assert.equal(hex(buildNsProbe({ mac: MAC, ip: '2001:db8::100' })), hex(expected));
    assert.equal(hex(buildNsProbe({ mac: MAC, srcIp: '::', ip: '2001:db8::100' })), hex(expected));
  });

  void it('builds a solicitation from a link-local source with the SLLA option', () => {
    // prettier-ignore
    const expected = Buffer.from([
      0x33, 0x33, 0xff, 0x45, 0x67, 0x89, // destination: 33:33 + ff45:6789
      0x02, 0x42, 0xac, 0x11, 0x00, 0x02, // source: our MAC
      0x86, 0xdd,
      0x60, 0x00, 0x00, 0x00,
      0x00, 0x20, // payload length 32
      0x3a, 0xff,
      0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x00, 0x42, 0xac, 0xff, 0xfe, 0x11, 0x00, 0x02, // fe80::42:acff:fe11:2
      0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0xff, 0x45, 0x67, 0x89, // ff02::1:ff45:6789
      0x87, 0x00,
      0x01, 0x1c, // checksum
      0x00, 0x00, 0x00, 0x00,
      0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x23, 0x45, 0x67, 0x89, // 2001:db8::1:2345:6789
      0x01, 0x01, 0x02, 0x42, 0xac, 0x11, 0x00, 0x02, // SLLA option: our MAC
    ]);
    const built = buildNsProbe({
      mac: MAC,
      srcIp: 'fe80::42:acff:fe11:2%veth0',
      ip: '2001:db8::1:2345:6789',
    });
    assert.equal(hex(built), hex(expected));
  });

  void it('rejects bad input', () => {
    assert.throws(() => buildNsProbe({ mac: MAC, ip: 'ff02::1' }), InvalidAddressError);
    assert.throws(() => buildNsProbe({ mac: MAC, ip: '198.51.100.1' }), InvalidAddressError);
    assert.throws(() => buildNsProbe({ mac: MAC, srcIp: 'ff02::2', ip: '2001:db8::1' }), InvalidAddressError);
    assert.throws(() => buildNsProbe({ mac: MAC, srcIp: '::%eth0', ip: '2001:db8::1' }), InvalidAddressError);
    assert.throws(() => buildNsProbe({ mac: 'x', ip: '2001:db8::1' }), InvalidMacError);
  });
});

void describe('parseNaReply', () => {
  void it("returns the owner's MAC from a Linux NA answering our probe (TLLA option)", () => {
    assert.equal(parseNaReply(LINUX_NA, '2001:db8::100'), OWNER);
    assert.equal(parseNaReply(LINUX_NA, '2001:DB8:0::100'), OWNER, 'any spelling of the address');
  });

  void it('prefers the TLLA option to the Ethernet source, and falls back to the source without one', () => {
    const proxied = editedNa((f) => f.set([0x02, 0, 0, 0, 0, 0x07], 80));
    assert.equal(parseNaReply(proxied, '2001:db8::100'), '02:00:00:00:00:07');
    const bare = editedNa((f) => f.writeUInt16BE(24, 18)).subarray(0, 78);
    assert.equal(parseNaReply(bare, '2001:db8::100'), OWNER);
    // The same option-less NA with an unrelated option (nonce, type 14) before the end.
    const withNonce = editedNa((f) => f.set([14, 1, 1, 2, 3, 4, 5, 6], 78));
    assert.equal(parseNaReply(withNonce, '2001:db8::100'), OWNER);
  });

  void it('returns undefined for anything else', () => {
    assert.equal(parseNaReply(LINUX_NA, '2001:db8::101'), undefined, 'another target');
    assert.equal(parseNaReply(LINUX_NA.subarray(0, 77), '2001:db8::100'), undefined, 'truncated');
    assert.equal(parseNaReply(LINUX_ARP_REPLY, '2001:db8::100'), undefined, 'not IPv6');
    assert.equal(
      parseNaReply(buildNsProbe({ mac: MAC, ip: '2001:db8::100' }), '2001:db8::100'),
      undefined,
      'NS',
    );
    const badSum = Buffer.from(LINUX_NA);
    badSum.writeUInt16BE(0x819e, 56);
    assert.equal(parseNaReply(badSum, '2001:db8::100'), undefined, 'bad checksum');
    const cases: [string, (f: Buffer) => void][] = [
      ['hop limit 254', (f) => f.writeUInt8(254, 21)],
      ['code 1', (f) => f.writeUInt8(1, 55)],
      ['next header UDP', (f) => f.writeUInt8(17, 20)],
      ['zero-length option', (f) => f.writeUInt8(0, 79)],
      ['option past the end', (f) => f.writeUInt8(2, 79)],
      ['payload length past the frame', (f) => f.writeUInt16BE(40, 18)],
      ['multicast TLLA', (f) => f.writeUInt8(0x33, 80)],
    ];
    for (const [what, edit] of cases) {
      assert.equal(parseNaReply(editedNa(edit), '2001:db8::100'), undefined, what);
    }
  });
});

void describe('formatMac', () => {
  void it('formats six bytes in lower case', () => {
    assert.equal(formatMac(Buffer.from([0xaa, 0xbb, 0x0c, 0, 0x01, 0xff])), 'aa:bb:0c:00:01:ff');
    assert.throws(() => formatMac(Buffer.alloc(5)), RangeError);
  });
});
