// Duplicate-owner probe: the holder asks who else answers for its VIP (an ARP probe for IPv4, a
// neighbour solicitation for IPv6) and gets back the MACs that did, its own excluded. Logging,
// counting and yielding are the caller's business.
import type { AnnounceTarget } from './announcer';
import { AnnounceError, InvalidAnnounceOptionsError, ProbeError } from './errors';
import { ETHERTYPE_ARP, ETHERTYPE_IPV6, parseMac } from './frames';
import { sendAndCollect, type NativeSendError, type PacketAddon } from './packet-socket';
import { buildArpProbe, buildNsProbe, formatMac, parseArpReply, parseNaReply } from './probe-frames';

/** Where to probe and for what: the same shape as an announce target. */
export type ProbeTarget = AnnounceTarget;

export interface ProbeOptions {
  /** How long to collect answers after sending the probe (integer, 0..600000). */
  timeoutMs: number;
  /**
   * IPv6 only: the solicitation's source, normally the interface's link-local address. Default
   * '::' (DAD style: no host's neighbour cache learns from it; owners answer to ff02::1).
   */
  srcIp?: string;
  /**
   * Stop collecting after this many received frames of the probe's ethertype, answers or not
   * (integer, 1..65536; default 1024). All IPv6 traffic on the interface counts towards it.
   */
  maxFrames?: number;
}

/** The privileged I/O the probe uses; tests replace it with a fake. */
export type ProbeTransport = Pick<PacketAddon, 'sendAndCollect'>;

export const DEFAULT_PROBE_MAX_FRAMES = 1024;
const MAX_TIMEOUT_MS = 600_000;
const MAX_FRAMES = 65_536;

const kernelTransport: ProbeTransport = {
  sendAndCollect: (ifindex, frame, ethertype, timeoutMs, maxFrames) =>
    sendAndCollect(ifindex, frame, ethertype, timeoutMs, maxFrames),
};

/**
 * Sends one probe for `target.address` out of `target.ifindex` and resolves, after about
 * `opts.timeoutMs`, with the distinct MACs (lower-case, "aa:bb:cc:dd:ee:ff", in order of first
 * answer) that answered for the address, `target.mac` excluded: [] means nobody else holds it.
 * Bad input throws InvalidMacError, InvalidAddressError or InvalidAnnounceOptionsError before
 * anything is sent; a kernel failure rejects with ProbeError.
 */
export async function probeOwners(
  target: ProbeTarget,
  opts: ProbeOptions,
  transport: ProbeTransport = kernelTransport,
): Promise<string[]> {
  if (target.family !== 4 && target.family !== 6) {
    throw new InvalidAnnounceOptionsError('family', `expected 4 or 6, got ${String(target.family)}`);
  }
  if (!Number.isInteger(target.ifindex) || target.ifindex < 1) {
    throw new InvalidAnnounceOptionsError('ifindex', `expected a positive integer, got ${target.ifindex}`);
  }
  checkInteger('timeoutMs', opts.timeoutMs, 0, MAX_TIMEOUT_MS);
  const maxFrames = opts.maxFrames ?? DEFAULT_PROBE_MAX_FRAMES;
  checkInteger('maxFrames', maxFrames, 1, MAX_FRAMES);
  if (target.family === 4 && opts.srcIp !== undefined) {
    throw new InvalidAnnounceOptionsError('srcIp', 'only an IPv6 probe takes a source address');
  }

  const ours = formatMac(parseMac(target.mac));
  const [frame, ethertype, parse] =
    target.family === 4
      ? [buildArpProbe({ mac: target.mac, ip: target.address }), ETHERTYPE_ARP, parseArpReply]
      : [
          buildNsProbe({
            mac: target.mac,
            ip: target.address,
            ...(opts.srcIp === undefined ? {} : { srcIp: opts.srcIp }),
          }),
          ETHERTYPE_IPV6,
          parseNaReply,
        ];

  let received: Buffer[];
  try {
    received = await transport.sendAndCollect(target.ifindex, frame, ethertype, opts.timeoutMs, maxFrames);
  } catch (err) {
    if (err instanceof AnnounceError) throw err;
    const native = err as NativeSendError;
    throw new ProbeError(target.ifname, target.family, err, { errno: native.errno, syscall: native.syscall });
  }

  const owners: string[] = [];
  for (const bytes of received) {
    const mac = parse(bytes, target.address);
    if (mac !== undefined && mac !== ours && !owners.includes(mac)) owners.push(mac);
  }
  return owners;
}

/**
 * probeOwners for many addresses of one interface and family at once: every probe goes out
 * through one socket, the answers are collected once for `opts.timeoutMs`, and each address gets
 * the MACs (its own interface's excluded) that answered for it. A taker proves with it that the
 * addresses it is about to add are free on the wire. `maxFrames` defaults to 4 per address.
 */
export async function probeOwnersMany(
  targets: readonly ProbeTarget[],
  opts: ProbeOptions,
  transport: ProbeTransport = kernelTransport,
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const first = targets[0];
  if (!first) return out;
  if (targets.some((t) => t.ifindex !== first.ifindex || t.family !== first.family || t.mac !== first.mac)) {
    throw new InvalidAnnounceOptionsError(
      'targets',
      'probe many addresses of one interface and family at a time',
    );
  }
  if (targets.length === 1) {
    out.set(first.address, await probeOwners(first, opts, transport));
    return out;
  }
  checkInteger('timeoutMs', opts.timeoutMs, 0, MAX_TIMEOUT_MS);
  const maxFrames = Math.min(
    MAX_FRAMES,
    opts.maxFrames ?? Math.max(DEFAULT_PROBE_MAX_FRAMES, 4 * targets.length),
  );
  checkInteger('maxFrames', maxFrames, 1, MAX_FRAMES);
  const ours = formatMac(parseMac(first.mac));
  const v4 = first.family === 4;
  const frames = targets.map((t) =>
    v4
      ? buildArpProbe({ mac: t.mac, ip: t.address })
      : buildNsProbe({
          mac: t.mac,
          ip: t.address,
          ...(opts.srcIp === undefined ? {} : { srcIp: opts.srcIp }),
        }),
  );
  // Every answer names the address it is for: look it up instead of trying every target.
  const byKey = new Map<string, ProbeTarget>();
  for (const t of targets) {
    out.set(t.address, []);
    byKey.set(addressKey(frames[targets.indexOf(t)]!, v4, true), t);
  }
  let received: Buffer[];
  try {
    received = await transport.sendAndCollect(
      first.ifindex,
      frames,
      v4 ? ETHERTYPE_ARP : ETHERTYPE_IPV6,
      opts.timeoutMs,
      maxFrames,
    );
  } catch (err) {
    if (err instanceof AnnounceError) throw err;
    const native = err as NativeSendError;
    throw new ProbeError(first.ifname, first.family, err, { errno: native.errno, syscall: native.syscall });
  }
  for (const bytes of received) {
    const target = byKey.get(addressKey(bytes, v4, false));
    if (!target) continue;
    const mac = (v4 ? parseArpReply : parseNaReply)(bytes, target.address);
    const owners = out.get(target.address)!;
    if (mac !== undefined && mac !== ours && !owners.includes(mac)) owners.push(mac);
  }
  return out;
}

/**
 * Where a frame names the address it is about, as a lookup key: in our probe, the ARP target
 * protocol address or the NS target; in an answer, the ARP sender protocol address or the NA
 * target. Both are checked in full by parseArpReply / parseNaReply afterwards.
 */
function addressKey(frame: Buffer, v4: boolean, probe: boolean): string {
  // Ethernet header 14; ARP: sender IP at 14 + 14, target IP at 14 + 24; IPv6 header 40, then
  // the ND target at 8 into the ICMPv6 message.
  if (v4) return frame.subarray(probe ? 38 : 28, probe ? 42 : 32).toString('hex');
  return frame.subarray(62, 78).toString('hex');
}

function checkInteger(field: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidAnnounceOptionsError(field, `expected an integer in ${min}..${max}, got ${value}`);
  }
}
