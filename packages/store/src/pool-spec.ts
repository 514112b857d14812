/**
 * pools/<name>: address pools (MetalLB's IPAddressPool) that `vip add --pool` allocates from.
 * A pool is a list of CIDRs and FIRST-LAST ranges, IPv4 and IPv6; a VIP it gives gets the pool's
 * prefix length for that family. Pure parsing, range arithmetic and the lowest free address, and
 * beside them the transactions (docs/etcd-keys.md):
 * - a pool is created only if absent and only while no key under pools/ changed since the
 *   caller checked it against the other pools (no overlap);
 * - it is deleted only while unchanged and while no key under vips/ changed since the caller
 *   found no VIP in it;
 * - an allocation is the VIP's own create (writeVipSpecTxn: absent, vips/ unchanged since the
 *   read) plus pools/<name> unchanged: two adds that picked the same address cannot both land.
 */
import type { Etcd3, ITxnRequest } from 'etcd3';
import ipaddr from 'ipaddr.js';
import { fromEtcdError, InvalidPoolSpecError } from './errors';
import type { Keys } from './keys';
import { prefixEnd } from './prefix-mirror';
import { serializeVipSpec, type VipSpec, VIP_NAME_RE } from './vip-spec';

export const POOL_NAME_RE = VIP_NAME_RE;

/** Inclusive, as numbers of the family's width. */
export interface AddressRange {
  family: 4 | 6;
  first: bigint;
  last: bigint;
  /** The entry as written in the spec. */
  text: string;
}

export interface PoolSpec {
  name: string;
  /** CIDRs ("198.51.100.16/28") and ranges ("198.51.100.40-198.51.100.49"), as given. */
  addresses: string[];
  /** The prefix length of an IPv4 VIP taken from the pool (default 32). */
  vipPrefix4: number;
  /** The prefix length of an IPv6 VIP taken from the pool (default 128). */
  vipPrefix6: number;
}

const bitsOf = (family: 4 | 6): number => (family === 4 ? 32 : 128);

function toBig(addr: ipaddr.IPv4 | ipaddr.IPv6): bigint {
  return addr.toByteArray().reduce((n, b) => (n << 8n) | BigInt(b), 0n);
}

/** The address `n` of the family, in ipaddr.js's canonical text (as VIP specs store it). */
export function addressText(family: 4 | 6, n: bigint): string {
  const bytes: number[] = [];
  for (let i = 0, v = n; i < bitsOf(family) / 8; i++, v >>= 8n) bytes.unshift(Number(v & 0xffn));
  return ipaddr.fromByteArray(bytes).toString();
}

function parseAddress(text: string): { family: 4 | 6; n: bigint } | undefined {
  if (!ipaddr.isValid(text)) return undefined;
  const addr = ipaddr.parse(text);
  if (addr.kind() === 'ipv4') {
    return ipaddr.IPv4.isValidFourPartDecimal(text) ? { family: 4, n: toBig(addr) } : undefined;
  }
  if ((addr as ipaddr.IPv6).isIPv4MappedAddress()) return undefined;
  return { family: 6, n: toBig(addr) };
}

/**
 * One pool entry. "ADDR/PREFIX" gives every address of the network but IPv4's network and
 * broadcast addresses (prefixes up to /30) and IPv6's subnet-router anycast (the first, prefixes
 * up to /126); "FIRST-LAST" gives both ends and all between.
 */
export function parseRange(text: string): AddressRange | { problem: string } {
  const t = text.trim();
  const quoted = JSON.stringify(text);
  if (t.includes('/')) {
    const [a, len, ...more] = t.split('/');
    const addr = parseAddress(a ?? '');
    const prefix = /^\d{1,3}$/.test(len ?? '') ? Number(len) : NaN;
    if (!addr || more.length > 0 || !(prefix >= 0 && prefix <= bitsOf(addr.family))) {
      return { problem: `${quoted} is not a CIDR (ADDR/PREFIX)` };
    }
    const bits = BigInt(bitsOf(addr.family));
    const hostMask = (1n << (bits - BigInt(prefix))) - 1n;
    if ((addr.n & hostMask) !== 0n) {
      return {
        problem: `${quoted} has host bits set (the network is ${addressText(addr.family, addr.n & ~hostMask)}/${prefix})`,
      };
    }
    let first = addr.n;
    let last = addr.n | hostMask;
    if (addr.family === 4 && prefix <= 30) [first, last] = [first + 1n, last - 1n];
    if (addr.family === 6 && prefix <= 126) first += 1n;
    return { family: addr.family, first, last, text: t };
  }
  const ends = t.split('-');
  if (ends.length !== 2) return { problem: `${quoted}: give ADDR/PREFIX or FIRST-LAST` };
  const [a, b] = ends.map((e) => parseAddress(e.trim()));
  if (!a || !b) return { problem: `${quoted}: FIRST and LAST must be IP addresses` };
  if (a.family !== b.family) return { problem: `${quoted}: FIRST and LAST are of different families` };
  if (a.n > b.n) return { problem: `${quoted}: FIRST is after LAST` };
  return { family: a.family, first: a.n, last: b.n, text: t };
}

/** The pool's ranges, IPv4 first, each family in address order. */
export function poolRanges(spec: PoolSpec): AddressRange[] {
  return spec.addresses
    .map((text) => parseRange(text))
    .filter((r): r is AddressRange => !('problem' in r))
    .sort((x, y) => x.family - y.family || (x.first < y.first ? -1 : x.first > y.first ? 1 : 0));
}

/** The first two ranges (one of each list) that share an address, if any. */
export function overlapOf(a: AddressRange[], b: AddressRange[]): [AddressRange, AddressRange] | undefined {
  for (const x of a) {
    for (const y of b) {
      if (x !== y && x.family === y.family && x.first <= y.last && y.first <= x.last) return [x, y];
    }
  }
  return undefined;
}

/** How many addresses the pool holds (a string: an IPv6 pool can hold more than 2^53). */
export function poolSize(spec: PoolSpec): bigint {
  return poolRanges(spec).reduce((n, r) => n + (r.last - r.first + 1n), 0n);
}

/** Whether `address` (any text ipaddr.js reads) is one of the pool's. */
export function poolContains(spec: PoolSpec, address: string): boolean {
  const a = parseAddress(address);
  return (
    a !== undefined && poolRanges(spec).some((r) => r.family === a.family && r.first <= a.n && a.n <= r.last)
  );
}

/**
 * The lowest address of the pool (IPv4 before IPv6, or only `family`) not in `used`, with the
 * pool's prefix length for its family; undefined when every address is used. Steps over the
 * used ones only, so a /64 costs no more than the VIPs in it.
 */
export function lowestFree(
  spec: PoolSpec,
  used: Iterable<string>,
  family?: 4 | 6,
): { address: string; prefixLen: number } | undefined {
  const taken = new Map<4 | 6, bigint[]>([
    [4, []],
    [6, []],
  ]);
  for (const text of used) {
    const a = parseAddress(text);
    if (a) taken.get(a.family)!.push(a.n);
  }
  for (const list of taken.values()) list.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  for (const r of poolRanges(spec)) {
    if (family !== undefined && r.family !== family) continue;
    let candidate = r.first;
    for (const n of taken.get(r.family)!) {
      if (n < candidate) continue;
      if (n > candidate) break;
      candidate += 1n;
    }
    if (candidate <= r.last) {
      return {
        address: addressText(r.family, candidate),
        prefixLen: r.family === 4 ? spec.vipPrefix4 : spec.vipPrefix6,
      };
    }
  }
  return undefined;
}

/** Validates a pool as given (the API's, or the stored JSON parsed); throws InvalidPoolSpecError. */
export function parsePoolSpec(value: unknown, keyName?: string): PoolSpec {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const problems: string[] = [];
  const name = typeof v.name === 'string' ? v.name : (keyName ?? '');
  if (!POOL_NAME_RE.test(name)) {
    problems.push(`name: ${JSON.stringify(name)} must be lower-case letters, digits and "-", at most 63`);
  }
  if (keyName !== undefined && name !== keyName) problems.push(`name: ${name} is stored under ${keyName}`);
  const addresses = Array.isArray(v.addresses) ? v.addresses : undefined;
  if (!addresses || addresses.length === 0 || !addresses.every((a) => typeof a === 'string')) {
    problems.push('addresses: at least one CIDR or FIRST-LAST range');
  } else {
    const ranges: AddressRange[] = [];
    for (const text of addresses as string[]) {
      const r = parseRange(text);
      if ('problem' in r) problems.push(`addresses: ${r.problem}`);
      else ranges.push(r);
    }
    const clash = overlapOf(ranges, ranges);
    if (clash) problems.push(`addresses: ${clash[0].text} overlaps ${clash[1].text}`);
  }
  const prefix = (field: string, max: number): number => {
    const p = v[field];
    if (p === undefined || p === 0) return max;
    if (typeof p !== 'number' || !Number.isInteger(p) || p < 1 || p > max) {
      problems.push(`${field}: ${JSON.stringify(p)} must be 1..${max}`);
    }
    return typeof p === 'number' ? p : max;
  };
  const vipPrefix4 = prefix('vipPrefix4', 32);
  const vipPrefix6 = prefix('vipPrefix6', 128);
  if (problems.length > 0) throw new InvalidPoolSpecError(name, problems);
  return { name, addresses: (addresses as string[]).map((a) => a.trim()), vipPrefix4, vipPrefix6 };
}

export function parsePoolSpecJson(text: string, keyName?: string): PoolSpec {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InvalidPoolSpecError(keyName ?? '?', [`not JSON: ${(err as Error).message}`]);
  }
  return parsePoolSpec(value, keyName);
}

export function serializePoolSpec(spec: PoolSpec): string {
  return JSON.stringify({
    name: spec.name,
    addresses: spec.addresses,
    vipPrefix4: spec.vipPrefix4,
    vipPrefix6: spec.vipPrefix6,
  });
}

/** Key `prefix`'s range: every key under it last changed at `readRevision` or before. */
function unchangedSince(prefix: string, readRevision: string) {
  return {
    key: Buffer.from(prefix),
    range_end: prefixEnd(prefix),
    target: 'Mod' as const,
    result: 'Less' as const,
    mod_revision: (BigInt(readRevision) + 1n).toString(),
  };
}

/** Creates pools/<name> if absent, while no pool changed since `readRevision` (the overlap check). */
export function createPoolTxn(keys: Keys, spec: PoolSpec, readRevision: string): ITxnRequest {
  const key = Buffer.from(keys.pool(spec.name));
  return {
    compare: [
      { key, target: 'Create', result: 'Equal', create_revision: 0 },
      unchangedSince(keys.poolsPrefix, readRevision),
    ],
    success: [{ request_put: { key, value: Buffer.from(serializePoolSpec(spec)) } }],
    failure: [],
  };
}

/** Deletes pools/<name> while unchanged and while no VIP changed since `readRevision` (the in-use check). */
export function deletePoolTxn(
  keys: Keys,
  name: string,
  modRevision: string,
  readRevision: string,
): ITxnRequest {
  const key = Buffer.from(keys.pool(name));
  return {
    compare: [
      { key, target: 'Mod', result: 'Equal', mod_revision: modRevision },
      unchangedSince(keys.vipsPrefix, readRevision),
    ],
    success: [{ request_delete_range: { key } }],
    failure: [],
  };
}

/**
 * Creates vips/<name> with an address taken from a pool: absent, no VIP changed since
 * `readRevision` (when the free address was picked), and the pool unchanged.
 */
export function allocateVipTxn(
  keys: Keys,
  spec: VipSpec,
  pool: { name: string; modRevision: string },
  readRevision: string,
): ITxnRequest {
  const key = Buffer.from(keys.vip(spec.name));
  return {
    compare: [
      { key, target: 'Create', result: 'Equal', create_revision: 0 },
      unchangedSince(keys.vipsPrefix, readRevision),
      {
        key: Buffer.from(keys.pool(pool.name)),
        target: 'Mod',
        result: 'Equal',
        mod_revision: pool.modRevision,
      },
    ],
    success: [{ request_put: { key, value: Buffer.from(serializeVipSpec(spec)) } }],
    failure: [],
  };
}

/** Runs one of the transactions above: `written` false when a guard failed (read again, retry). */
export async function runGuardedTxn(
  client: Etcd3,
  txn: ITxnRequest,
  operation: string,
): Promise<{ written: true; revision: string } | { written: false }> {
  try {
    const res = await client.kv.txn(txn);
    return res.succeeded ? { written: true, revision: String(res.header.revision) } : { written: false };
  } catch (err) {
    throw fromEtcdError(operation, err);
  }
}
