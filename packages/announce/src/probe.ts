// Duplicate-owner probe: the holder asks who else answers for its VIP (an ARP probe for IPv4, a
// neighbour solicitation for IPv6) and gets back the MACs that did, its own excluded. Logging,
// counting and yielding are the caller's business.
import type { AnnounceTarget } from './announcer';
import { AnnounceError, InvalidAnnounceOptionsError, ProbeError } from './errors';
import { ETHERTYPE_ARP, ETHERTYPE_IPV6, parseMac } from './frames';
import { sendAndCollect, type NativeSendError } from './packet-socket';
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
export interface ProbeTransport {
  sendAndCollect(
    ifindex: number,
    frame: Buffer,
    ethertype: number,
    timeoutMs: number,
    maxFrames: number,
  ): Promise<Buffer[]>;
}

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

function checkInteger(field: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidAnnounceOptionsError(field, `expected an integer in ${min}..${max}, got ${value}`);
  }
}
