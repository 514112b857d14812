// Pure builders and parsers for duplicate-owner probes: an ARP probe (RFC 5227 §2.1.1) and an IPv6
// neighbour solicitation to the target's solicited-node group (RFC 4861 §4.3, §7.2.2), plus the
// parsers that read the owner's MAC out of the answers. No I/O here.
import ipaddr from 'ipaddr.js';
import { InvalidAddressError } from './errors';
import {
  ETHERTYPE_ARP,
  ETHERTYPE_IPV6,
  IPPROTO_ICMPV6,
  icmpv6Checksum,
  parseIpv4,
  parseIpv6,
  parseMac,
} from './frames';

export const ICMPV6_NEIGHBOR_SOLICITATION = 135;
const ICMPV6_NEIGHBOR_ADVERTISEMENT = 136;
const ARP_REQUEST = 1;
const ARP_REPLY = 2;
const ETHERNET_HEADER = 14;
const ARP_LENGTH = 28;
const IPV6_HEADER = 40;
const ND_HEADER = 24; // type, code, checksum, flags/reserved, target
const OPTION_SOURCE_LINK_LAYER_ADDRESS = 1;
const OPTION_TARGET_LINK_LAYER_ADDRESS = 2;
const MIN_ETHERNET_FRAME = 60;
const BROADCAST_MAC = Buffer.alloc(6, 0xff);
const UNSPECIFIED = Buffer.alloc(16);

export interface ArpProbeInput {
  /** Our MAC, "aa:bb:cc:dd:ee:ff". */
  mac: string;
  /** The IPv4 address whose owners are wanted. */
  ip: string;
}

export interface NsProbeInput {
  /** Our MAC, "aa:bb:cc:dd:ee:ff". */
  mac: string;
  /**
   * IPv6 source: normally the interface's link-local address (a zone suffix is ignored), or '::'
   * (the default) for a DAD-style probe that carries no source link-layer option, so no neighbour
   * cache learns anything from it and owners answer to ff02::1.
   */
  srcIp?: string;
  /** The IPv6 address whose owners are wanted (the NS target). */
  ip: string;
}

/** Formats six bytes as "aa:bb:cc:dd:ee:ff" (lower case). */
export function formatMac(bytes: Buffer): string {
  if (bytes.length !== 6) throw new RangeError(`formatMac: expected 6 bytes, got ${bytes.length}`);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/**
 * An ARP probe as a full Ethernet frame: broadcast, op 1 (request), sender MAC ours, sender IP
 * 0.0.0.0 (so no host updates its cache from it), target MAC zero, target IP the probed address.
 * Padded to 60 bytes.
 */
export function buildArpProbe(input: ArpProbeInput): Buffer {
  const mac = parseMac(input.mac);
  const ip = parseIpv4(input.ip);
  const frame = Buffer.alloc(MIN_ETHERNET_FRAME); // zero-filled: sender IP, target MAC, padding
  BROADCAST_MAC.copy(frame, 0);
  mac.copy(frame, 6);
  frame.writeUInt16BE(ETHERTYPE_ARP, 12);
  frame.writeUInt16BE(1, 14); // hardware type: Ethernet
  frame.writeUInt16BE(0x0800, 16); // protocol type: IPv4
  frame.writeUInt8(6, 18);
  frame.writeUInt8(4, 19);
  frame.writeUInt16BE(ARP_REQUEST, 20);
  mac.copy(frame, 22); // sender hardware address (sender protocol address stays 0.0.0.0)
  ip.copy(frame, 38); // target protocol address
  return frame;
}

/**
 * The sender MAC of an Ethernet/IPv4 ARP reply or request whose sender IP is `ip` (RFC 5227 §2.1.1
 * counts both as a conflict), lower-case and colon-separated; undefined for any other frame, and
 * for a sender MAC that is all-zero or multicast.
 */
export function parseArpReply(frame: Buffer, ip: string): string | undefined {
  const wanted = parseIpv4(ip);
  if (frame.length < ETHERNET_HEADER + ARP_LENGTH) return undefined;
  if (frame.readUInt16BE(12) !== ETHERTYPE_ARP) return undefined;
  const arp = frame.subarray(ETHERNET_HEADER, ETHERNET_HEADER + ARP_LENGTH);
  if (arp.readUInt16BE(0) !== 1 || arp.readUInt16BE(2) !== 0x0800) return undefined;
  if (arp.readUInt8(4) !== 6 || arp.readUInt8(5) !== 4) return undefined;
  const op = arp.readUInt16BE(6);
  if (op !== ARP_REQUEST && op !== ARP_REPLY) return undefined;
  if (!arp.subarray(14, 18).equals(wanted)) return undefined;
  return ownerMac(arp.subarray(8, 14));
}

/** The solicited-node multicast address of `ip`: ff02::1:ff plus its low 24 bits (RFC 4291 §2.7.1). */
export function solicitedNodeAddress(ip: Buffer): Buffer {
  const group = Buffer.from(ipaddr.IPv6.parse('ff02::1:ff00:0').toByteArray());
  ip.copy(group, 13, 13, 16);
  return group;
}

/**
 * A neighbour solicitation for `ip` as a full Ethernet frame: to its solicited-node group
 * (ff02::1:ffXX:XXXX, 33:33:ff:XX:XX:XX), hop limit 255, checksum set, with a Source Link-Layer
 * Address option carrying our MAC unless the source is '::' (RFC 4861 §4.3 forbids it there).
 */
export function buildNsProbe(input: NsProbeInput): Buffer {
  const mac = parseMac(input.mac);
  const target = parseIpv6(input.ip);
  const srcText = input.srcIp ?? '::';
  const unspecified = ipaddr.IPv6.isValid(srcText) && ipaddr.IPv6.parse(srcText).range() === 'unspecified';
  if (unspecified && srcText.includes('%')) {
    throw new InvalidAddressError(srcText, 6, 'the unspecified source takes no zone');
  }
  const src = unspecified ? UNSPECIFIED : parseIpv6(srcText, { allowZone: true });
  const dst = solicitedNodeAddress(target);

  const message = Buffer.alloc(ND_HEADER + (unspecified ? 0 : 8));
  message.writeUInt8(ICMPV6_NEIGHBOR_SOLICITATION, 0);
  target.copy(message, 8); // code, checksum and reserved stay zero until the checksum below
  if (!unspecified) {
    message.writeUInt8(OPTION_SOURCE_LINK_LAYER_ADDRESS, ND_HEADER);
    message.writeUInt8(1, ND_HEADER + 1); // option length in units of 8 bytes
    mac.copy(message, ND_HEADER + 2);
  }
  message.writeUInt16BE(icmpv6Checksum(src, dst, message), 2);

  const frame = Buffer.alloc(ETHERNET_HEADER + IPV6_HEADER + message.length);
  frame.writeUInt16BE(0x3333, 0);
  dst.copy(frame, 2, 12, 16); // 33:33 plus the group's low 32 bits: 33:33:ff:XX:XX:XX
  mac.copy(frame, 6);
  frame.writeUInt16BE(ETHERTYPE_IPV6, 12);
  const ip = ETHERNET_HEADER;
  frame.writeUInt32BE(0x60000000, ip); // version 6, traffic class 0, flow label 0
  frame.writeUInt16BE(message.length, ip + 4);
  frame.writeUInt8(IPPROTO_ICMPV6, ip + 6);
  frame.writeUInt8(255, ip + 7); // hop limit: RFC 4861 receivers drop anything else
  src.copy(frame, ip + 8);
  dst.copy(frame, ip + 24);
  message.copy(frame, ip + IPV6_HEADER);
  return frame;
}

/**
 * The owner's MAC if `frame` is a valid neighbour advertisement (Ethernet, IPv6 with ICMPv6 as the
 * next header, hop limit 255, code 0, correct checksum) for target `ip`: taken from its Target
 * Link-Layer Address option, else from the Ethernet source. Lower-case and colon-separated;
 * undefined for any other frame, for malformed options, and for an all-zero or multicast MAC.
 */
export function parseNaReply(frame: Buffer, ip: string): string | undefined {
  const wanted = parseIpv6(ip);
  if (frame.length < ETHERNET_HEADER + IPV6_HEADER + ND_HEADER) return undefined;
  if (frame.readUInt16BE(12) !== ETHERTYPE_IPV6) return undefined;
  const header = frame.subarray(ETHERNET_HEADER, ETHERNET_HEADER + IPV6_HEADER);
  if (header.readUInt8(0) >> 4 !== 6) return undefined;
  if (header.readUInt8(6) !== IPPROTO_ICMPV6 || header.readUInt8(7) !== 255) return undefined;
  const payloadLength = header.readUInt16BE(4);
  const start = ETHERNET_HEADER + IPV6_HEADER;
  if (payloadLength < ND_HEADER || start + payloadLength > frame.length) return undefined;
  const message = frame.subarray(start, start + payloadLength);
  if (message.readUInt8(0) !== ICMPV6_NEIGHBOR_ADVERTISEMENT || message.readUInt8(1) !== 0) return undefined;
  if (!message.subarray(8, 24).equals(wanted)) return undefined;
  const checksum = icmpv6Checksum(header.subarray(8, 24), header.subarray(24, 40), message);
  if (checksum !== message.readUInt16BE(2)) return undefined;

  let tlla: Buffer | undefined;
  for (let at = ND_HEADER; at < message.length;) {
    if (at + 2 > message.length) return undefined;
    const length = message.readUInt8(at + 1) * 8;
    if (length === 0 || at + length > message.length) return undefined; // RFC 4861 §7.1.2: discard
    if (message.readUInt8(at) === OPTION_TARGET_LINK_LAYER_ADDRESS && length >= 8 && tlla === undefined) {
      tlla = message.subarray(at + 2, at + 8);
    }
    at += length;
  }
  return ownerMac(tlla ?? frame.subarray(6, 12));
}

function ownerMac(bytes: Buffer): string | undefined {
  if (((bytes[0] ?? 0) & 0x01) !== 0 || bytes.every((b) => b === 0)) return undefined;
  return formatMac(bytes);
}
