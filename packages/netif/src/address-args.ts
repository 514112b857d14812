// Pure side of address management: input validation, the ownership mark, and the exact argv
// given to `ip`. Nothing here runs a process.
import { SocketAddress, isIPv4, isIPv6 } from 'node:net';
import { InvalidArgumentError } from './errors';
import type { AddressInfo, Family } from './parse';

/**
 * IFA_PROTO value (kernel >= 5.18) that marks an address as added by vipd. Set only when the
 * installed `ip` can send it (iproute2 >= 6.3); Debian 12's iproute2 6.1 can neither set nor
 * show it, so VIPD_ADDR_METRIC below is the mark that is always present.
 */
export const VIPD_ADDR_PROTO = 0x76;

/**
 * IFA_RT_PRIORITY (`ip addr ... metric N`, kernel >= 4.18, iproute2 >= 4.18) that marks an address
 * as ours, for IPv4 and IPv6 alike. It is a per-address kernel attribute shown by every `ip -json
 * addr`, and it survives refreshes. Its one side effect is that the address's own prefix route (if
 * the kernel makes one) gets this metric: high on purpose, so that such a route loses to the
 * host's ordinary route for the same prefix (metric 0 for IPv4, 256 for IPv6) and never changes
 * how the host routes. 0x7669 is "vi".
 */
export const VIPD_ADDR_METRIC = 0x7669;

/** Suffix of the IPv4 label `<ifname>:vip`, which `ip addr` and ifconfig show. */
export const VIP_LABEL_SUFFIX = ':vip';

const IFNAMSIZ = 16;
const MAX_LIFETIME = 0xfffffffe; // 0xffffffff means forever, which a VIP must never get.

export interface AddressKey {
  readonly ifname: string;
  readonly address: string;
  readonly prefixLen: number;
  readonly family: Family;
}

export interface AddressSpec extends AddressKey {
  /** Kernel valid lifetime in seconds (1..4294967294): the address disappears by itself after it. */
  readonly validLftSec: number;
  /** IPv4 only; default `<ifname>:vip` when that fits in 15 characters, else no label. */
  readonly label?: string;
  /** The kernel adds no prefix route for the address (IFA_F_NOPREFIXROUTE). */
  readonly noPrefixRoute?: boolean;
  /** IPv4 only: rtnetlink scope 0..255 (0 global, 200 site, 253 link, 254 host); default 0. */
  readonly scope?: number;
  /** IPv4 only: the broadcast address (IFA_BROADCAST). */
  readonly broadcast?: string;
}

/**
 * The options after the label of the agent's A and R commands and of `ip address replace`:
 * `noprefixroute`, `scope=N`, `brd=A` (the agent's spelling; see vipd-agent.c). Refused
 * (InvalidArgumentError) when they cannot apply: scope or broadcast on IPv6, a bad value.
 */
export function addressOptions(spec: AddressSpec): {
  noPrefixRoute: boolean;
  scope?: number;
  broadcast?: string;
} {
  const context = { ifname: spec.ifname, address: spec.address };
  const { scope, broadcast } = spec;
  if (scope !== undefined && (spec.family !== 4 || !Number.isInteger(scope) || scope < 0 || scope > 255)) {
    throw new InvalidArgumentError(`scope ${scope}: an integer 0..255, IPv4 only`, context);
  }
  if (broadcast !== undefined && (spec.family !== 4 || !isIPv4(broadcast))) {
    throw new InvalidArgumentError(
      `broadcast ${JSON.stringify(broadcast)}: an IPv4 address, IPv4 only`,
      context,
    );
  }
  return {
    noPrefixRoute: spec.noPrefixRoute === true,
    ...(scope !== undefined && scope !== 0 && { scope }),
    ...(broadcast !== undefined && { broadcast }),
  };
}

/** The agent's option tokens for an add or refresh (see addressOptions). */
export function agentOptionTokens(spec: AddressSpec): string[] {
  const o = addressOptions(spec);
  return [
    ...(o.noPrefixRoute ? ['noprefixroute'] : []),
    ...(o.scope !== undefined ? [`scope=${o.scope}`] : []),
    ...(o.broadcast !== undefined ? [`brd=${o.broadcast}`] : []),
  ];
}

export function validateIfname(ifname: string): void {
  // The kernel's dev_valid_name(): 1..15 bytes, not . or .., no '/', ':' or whitespace.
  if (
    typeof ifname !== 'string' ||
    ifname.length === 0 ||
    Buffer.byteLength(ifname) >= IFNAMSIZ ||
    ifname === '.' ||
    ifname === '..' ||
    /[/:\s]/.test(ifname)
  ) {
    throw new InvalidArgumentError(`invalid interface name ${JSON.stringify(ifname)}`, { ifname });
  }
}

/** Validate an address key and return it with the address in the form `ip` prints. */
export function normalizeKey<T extends AddressKey>(key: T): T {
  validateIfname(key.ifname);
  const { address, family, prefixLen } = key;
  const context = { ifname: key.ifname, address: String(address) };
  if (family !== 4 && family !== 6) {
    throw new InvalidArgumentError(`family must be 4 or 6, got ${String(family)}`, context);
  }
  const valid = family === 4 ? isIPv4(address) : isIPv6(address) && !address.includes('%');
  if (!valid) {
    throw new InvalidArgumentError(`${JSON.stringify(address)} is not an IPv${family} address`, context);
  }
  const max = family === 4 ? 32 : 128;
  if (!Number.isInteger(prefixLen) || prefixLen < 0 || prefixLen > max) {
    throw new InvalidArgumentError(
      `prefix length must be an integer in 0..${max}, got ${prefixLen}`,
      context,
    );
  }
  // inet_ntop form, the same as `ip` prints: lowercase, RFC 5952 compression.
  const canonical = family === 4 ? address : new SocketAddress({ address, family: 'ipv6' }).address;
  return { ...key, address: canonical };
}

/** The label an IPv4 VIP gets, or undefined when `<ifname>:vip` would not fit in 15 characters. */
export function defaultLabel(ifname: string): string | undefined {
  const label = `${ifname}${VIP_LABEL_SUFFIX}`;
  return Buffer.byteLength(label) < IFNAMSIZ ? label : undefined;
}

/** The IPv4 label an add gives the address (undefined for IPv6, or when none fits). */
export function resolveLabel(spec: AddressSpec): string | undefined {
  if (spec.family !== 4) return undefined; // The kernel ignores IFA_LABEL for IPv6.
  if (spec.label === undefined) return defaultLabel(spec.ifname);
  if (spec.label.length === 0 || Buffer.byteLength(spec.label) >= IFNAMSIZ || /\s/.test(spec.label)) {
    throw new InvalidArgumentError(`invalid address label ${JSON.stringify(spec.label)} (1..15 chars)`, {
      ifname: spec.ifname,
      address: spec.address,
    });
  }
  return spec.label;
}

/** The spec's valid lifetime, checked: an integer in 1..4294967294 (never "forever"). */
export function validateLifetime(spec: AddressSpec): number {
  const { validLftSec } = spec;
  if (!Number.isInteger(validLftSec) || validLftSec < 1 || validLftSec > MAX_LIFETIME) {
    throw new InvalidArgumentError(
      `validLftSec must be an integer in 1..${MAX_LIFETIME}, got ${validLftSec}`,
      {
        ifname: spec.ifname,
        address: spec.address,
      },
    );
  }
  return validLftSec;
}

/**
 * argv (after `ip`) that adds the address or, when present, resets its lifetimes and mark:
 * `address replace A/P dev IF valid_lft N preferred_lft 0 metric M [label L | nodad] [proto 0x76]`.
 * preferred_lft 0 makes it deprecated at once, so the kernel never picks it as a source address.
 */
export function buildReplaceArgs(input: AddressSpec, withProto: boolean): string[] {
  const spec = normalizeKey(input);
  const validLftSec = validateLifetime(spec);
  const label = resolveLabel(spec);
  const args = ['address', 'replace', `${spec.address}/${spec.prefixLen}`, 'dev', spec.ifname];
  args.push('valid_lft', String(validLftSec), 'preferred_lft', '0', 'metric', String(VIPD_ADDR_METRIC));
  if (label !== undefined) args.push('label', label);
  const o = addressOptions(spec);
  if (o.noPrefixRoute) args.push('noprefixroute');
  if (o.scope !== undefined) args.push('scope', String(o.scope));
  if (o.broadcast !== undefined) args.push('broadcast', o.broadcast);
  // No duplicate address detection: a VIP must answer at once, and a DAD failure (the old holder
  // still answering) would leave it unusable rather than contested.
  if (spec.family === 6) args.push('nodad');
  if (withProto) args.push('proto', `0x${VIPD_ADDR_PROTO.toString(16)}`);
  return args;
}

export function buildDeleteArgs(input: AddressKey): string[] {
  const key = normalizeKey(input);
  return ['address', 'del', `${key.address}/${key.prefixLen}`, 'dev', key.ifname];
}

/** True when the address carries vipd's mark (IFA_PROTO where visible, else the metric). */
export function isOwned(info: AddressInfo): boolean {
  return info.proto === VIPD_ADDR_PROTO || info.metric === VIPD_ADDR_METRIC;
}
