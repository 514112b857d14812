// Pure builders for the frames that announce a VIP: a gratuitous ARP request (IPv4) and an
// unsolicited neighbour advertisement (IPv6, RFC 4861 §4.4 and §7.2.6). No I/O here.
import ipaddr from 'ipaddr.js';
import { InvalidAddressError, InvalidMacError } from './errors';

export const ETHERTYPE_ARP = 0x0806;
export const ETHERTYPE_IPV6 = 0x86dd;
export const IPPROTO_ICMPV6 = 58;
export const ICMPV6_NEIGHBOR_ADVERTISEMENT = 136;

/** Minimum Ethernet frame without the FCS; shorter frames are padded with zeros. */
export const MIN_ETHERNET_FRAME = 60;
/** Length of the ICMPv6 neighbour advertisement built here (header, target, one TLLA option). */
export const NA_LENGTH = 32;

const ETHERNET_HEADER = 14;
const IPV6_HEADER = 40;
const NA_FLAG_OVERRIDE = 0x20; // first byte of the flags word: R=0x80, S=0x40, O=0x20
const OPTION_TARGET_LINK_LAYER_ADDRESS = 2;
const ALL_NODES = Buffer.from(ipaddr.IPv6.parse('ff02::1').toByteArray());
const ALL_NODES_MAC = Buffer.from([0x33, 0x33, 0x00, 0x00, 0x00, 0x01]);
const BROADCAST_MAC = Buffer.alloc(6, 0xff);

export interface ArpInput {
  /** Our MAC, "aa:bb:cc:dd:ee:ff". */
  mac: string;
  /** The IPv4 address being announced. */
  ip: string;
}

export interface NaInput {
  /** Our MAC, "aa:bb:cc:dd:ee:ff"; sent in the Target Link-Layer Address option. */
  mac: string;
  /** The IPv6 address being announced (the NA target). */
  ip: string;
}

export interface NaFrameInput extends NaInput {
  /** IPv6 source address, normally the interface's link-local address (a zone suffix is ignored). */
  srcIp: string;
}

/** Parses "aa:bb:cc:dd:ee:ff" (either case) into six bytes. Rejects multicast and all-zero MACs. */
export function parseMac(mac: string): Buffer {
  if (!/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(mac)) {
    throw new InvalidMacError(mac, 'expected six colon-separated hex octets like aa:bb:cc:dd:ee:ff');
  }
  const bytes = Buffer.from(mac.split(':').map((octet) => parseInt(octet, 16)));
  if (((bytes[0] ?? 0) & 0x01) !== 0) throw new InvalidMacError(mac, 'a multicast MAC cannot own an address');
  if (bytes.every((b) => b === 0)) throw new InvalidMacError(mac, 'the all-zero MAC cannot own an address');
  return bytes;
}

/** Parses a dotted-quad unicast IPv4 address into four bytes. */
export function parseIpv4(ip: string): Buffer {
  if (!ipaddr.IPv4.isValidFourPartDecimal(ip)) {
    throw new InvalidAddressError(ip, 4, 'expected a dotted quad like 198.51.100.10, without a prefix');
  }
  const parsed = ipaddr.IPv4.parse(ip);
  const range = parsed.range();
  if (range === 'unspecified' || range === 'broadcast' || range === 'multicast') {
    throw new InvalidAddressError(ip, 4, `a ${range} address cannot be announced`);
  }
  return Buffer.from(parsed.toByteArray());
}

/** Parses a unicast IPv6 address into sixteen bytes; a zone ("%eth0") is rejected unless allowed. */
export function parseIpv6(ip: string, options: { allowZone?: boolean } = {}): Buffer {
  if (ip.includes('/') || !ipaddr.IPv6.isValid(ip)) {
    throw new InvalidAddressError(ip, 6, 'expected an IPv6 address like 2001:db8::10, without a prefix');
  }
  const parsed = ipaddr.IPv6.parse(ip);
  if (parsed.zoneId !== undefined && options.allowZone !== true) {
    throw new InvalidAddressError(ip, 6, 'a zone suffix is not allowed here');
  }
  const range = parsed.range();
  if (range === 'unspecified' || range === 'multicast' || range === 'ipv4Mapped') {
    throw new InvalidAddressError(ip, 6, `a ${range} address cannot be used here`);
  }
  return Buffer.from(parsed.toByteArray());
}

/**
 * A gratuitous ARP request as a full Ethernet frame: broadcast, op 1, sender and target IP both
 * the announced address, target MAC zero (RFC 5227 §3 "ARP Announcement"). Padded to 60 bytes so
 * it is a valid minimum-size frame on any driver, not only on those that pad by themselves.
 */
export function buildGratuitousArp(input: ArpInput): Buffer {
  const mac = parseMac(input.mac);
  const ip = parseIpv4(input.ip);
  const frame = Buffer.alloc(MIN_ETHERNET_FRAME); // zero-filled: padding and target MAC
  BROADCAST_MAC.copy(frame, 0);
  mac.copy(frame, 6);
  frame.writeUInt16BE(ETHERTYPE_ARP, 12);
  frame.writeUInt16BE(1, 14); // hardware type: Ethernet
  frame.writeUInt16BE(0x0800, 16); // protocol type: IPv4
  frame.writeUInt8(6, 18); // hardware address length
  frame.writeUInt8(4, 19); // protocol address length
  frame.writeUInt16BE(1, 20); // operation: request
  mac.copy(frame, 22); // sender hardware address
  ip.copy(frame, 28); // sender protocol address
  ip.copy(frame, 38); // target protocol address (target hardware address stays zero)
  return frame;
}

/**
 * The ICMPv6 part of an unsolicited neighbour advertisement: type 136, code 0, checksum 0 (a raw
 * ICMPv6 socket has the kernel fill it in), Override set, Solicited and Router clear, the target
 * address and a Target Link-Layer Address option carrying our MAC.
 */
export function buildUnsolicitedNa(input: NaInput): Buffer {
  const mac = parseMac(input.mac);
  const target = parseIpv6(input.ip);
  const message = Buffer.alloc(NA_LENGTH);
  message.writeUInt8(ICMPV6_NEIGHBOR_ADVERTISEMENT, 0);
  message.writeUInt8(0, 1); // code
  message.writeUInt16BE(0, 2); // checksum, filled in by the kernel or by buildUnsolicitedNaFrame
  message.writeUInt8(NA_FLAG_OVERRIDE, 4); // R=0 S=0 O=1, then 29 reserved bits
  target.copy(message, 8);
  message.writeUInt8(OPTION_TARGET_LINK_LAYER_ADDRESS, 24);
  message.writeUInt8(1, 25); // option length in units of 8 bytes
  mac.copy(message, 26);
  return message;
}

/**
 * The ICMPv6 checksum (RFC 4443 §2.3): one's complement sum over the IPv6 pseudo-header (source,
 * destination, upper-layer length, next header 58) and the message with its checksum field zeroed.
 * `src` and `dst` are 16-byte addresses or address strings.
 */
export function icmpv6Checksum(src: Buffer | string, dst: Buffer | string, icmpBody: Buffer): number {
  const srcBytes = typeof src === 'string' ? parseIpv6Any(src) : src;
  const dstBytes = typeof dst === 'string' ? parseIpv6Any(dst) : dst;
  if (srcBytes.length !== 16 || dstBytes.length !== 16) {
    throw new RangeError('icmpv6Checksum: addresses must be 16 bytes');
  }
  const body = Buffer.from(icmpBody); // a copy: the caller's checksum field is left alone
  if (body.length >= 4) body.writeUInt16BE(0, 2);
  const pseudo = Buffer.alloc(40);
  srcBytes.copy(pseudo, 0);
  dstBytes.copy(pseudo, 16);
  pseudo.writeUInt32BE(body.length, 32);
  pseudo.writeUInt8(IPPROTO_ICMPV6, 39);
  let sum = onesComplementSum(pseudo, 0);
  sum = onesComplementSum(body, sum);
  return ~sum & 0xffff;
}

/**
 * A complete Ethernet + IPv6 + ICMPv6 unsolicited NA, for sending through an AF_PACKET socket:
 * to 33:33:00:00:00:01 / ff02::1, hop limit 255 (RFC 4861 requires it), with the checksum set.
 */
export function buildUnsolicitedNaFrame(input: NaFrameInput): Buffer {
  const mac = parseMac(input.mac);
  const src = parseIpv6(input.srcIp, { allowZone: true });
  const message = buildUnsolicitedNa(input);
  message.writeUInt16BE(icmpv6Checksum(src, ALL_NODES, message), 2);

  const frame = Buffer.alloc(ETHERNET_HEADER + IPV6_HEADER + message.length);
  ALL_NODES_MAC.copy(frame, 0);
  mac.copy(frame, 6);
  frame.writeUInt16BE(ETHERTYPE_IPV6, 12);
  const ip = ETHERNET_HEADER;
  frame.writeUInt32BE(0x60000000, ip); // version 6, traffic class 0, flow label 0
  frame.writeUInt16BE(message.length, ip + 4); // payload length
  frame.writeUInt8(IPPROTO_ICMPV6, ip + 6); // next header
  frame.writeUInt8(255, ip + 7); // hop limit
  src.copy(frame, ip + 8);
  ALL_NODES.copy(frame, ip + 24);
  message.copy(frame, ip + IPV6_HEADER);
  return frame;
}

function parseIpv6Any(ip: string): Buffer {
  if (!ipaddr.IPv6.isValid(ip)) throw new InvalidAddressError(ip, 6, 'not an IPv6 address');
  return Buffer.from(ipaddr.IPv6.parse(ip).toByteArray());
}

function onesComplementSum(data: Buffer, initial: number): number {
  let sum = initial;
  for (let i = 0; i + 1 < data.length; i += 2) sum += data.readUInt16BE(i);
  if (data.length % 2 === 1) sum += (data[data.length - 1] ?? 0) << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}
