// Pure parsing of `ip -json link` and `ip -json addr` output (iproute2 6.1 shapes, plus the
// `protocol` key that iproute2 >= 6.3 prints). Anything unexpected becomes an IpOutputParseError
// naming the path of the offending value; unknown extra keys are ignored.
import { IpOutputParseError } from './errors';

export type Family = 4 | 6;
/** Seconds, or 'forever' (the kernel's INFINITY_LIFE_TIME, 0xffffffff). */
export type Lifetime = number | 'forever';

export interface LinkInfo {
  readonly name: string;
  readonly index: number;
  /** Link-layer address; undefined for links without one (tun, wireguard…). */
  readonly mac: string | undefined;
  /** IFF_UP: administratively up. */
  readonly adminUp: boolean;
  /** Carrier (IFF_LOWER_UP). Not operstate, which is UNKNOWN for some drivers that have carrier. */
  readonly operUp: boolean;
  /** The kernel's RFC 2863 operstate as printed: UP, DOWN, LOWERLAYERDOWN, UNKNOWN… */
  readonly operState: string;
  readonly mtu: number;
}

export interface AddressInfo {
  readonly ifname: string;
  readonly ifindex: number;
  /** As `ip` prints it: dotted quad, or RFC 5952 compressed lowercase IPv6. */
  readonly address: string;
  readonly prefixLen: number;
  readonly family: Family;
  /** IPv4 only (IFA_LABEL). */
  readonly label?: string;
  /** IFA_PROTO, shown only by iproute2 >= 6.3. */
  readonly proto?: number;
  /** IFA_RT_PRIORITY (the prefix route's metric); absent when 0. */
  readonly metric?: number;
  readonly validLftSec: Lifetime;
  readonly preferredLftSec: Lifetime;
  /** Address flags printed as JSON booleans: deprecated, dynamic, nodad, tentative, secondary… */
  readonly flags: readonly string[];
}

const FOREVER = 0xffffffff;
// iproute2's built-in names for address protocols (rt_addrprotos may add more; we only need ours).
const ADDR_PROTO_NAMES: Record<string, number> = { unspec: 0, kernel_lo: 1, kernel_ra: 2, kernel_ll: 3 };

type Json = unknown;
type JsonObject = Record<string, Json>;

function fail(message: string, path: string): never {
  throw new IpOutputParseError(message, path);
}

function parseDocument(text: string): Json {
  // `ip -json` prints nothing at all for some empty dumps.
  if (text.trim() === '') return [];
  try {
    return JSON.parse(text) as Json;
  } catch (cause) {
    throw new IpOutputParseError(`not JSON (${(cause as Error).message})`, '', { cause });
  }
}

function asArray(value: Json, path: string): Json[] {
  if (!Array.isArray(value)) fail(`expected an array, got ${describe(value)}`, path);
  return value as Json[];
}

function asObject(value: Json, path: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(`expected an object, got ${describe(value)}`, path);
  }
  return value as JsonObject;
}

function str(obj: JsonObject, key: string, path: string): string {
  const value = obj[key];
  if (typeof value !== 'string') fail(`expected a string, got ${describe(value)}`, `${path}.${key}`);
  return value;
}

function optStr(obj: JsonObject, key: string, path: string): string | undefined {
  return obj[key] === undefined ? undefined : str(obj, key, path);
}

function int(obj: JsonObject, key: string, path: string, max = FOREVER): number {
  const value = obj[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    fail(`expected an integer in 0..${max}, got ${describe(value)}`, `${path}.${key}`);
  }
  return value;
}

function describe(value: Json): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const text = JSON.stringify(value);
  return typeof value === 'object' ? 'an object' : text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function stringList(obj: JsonObject, key: string, path: string): string[] {
  const value = obj[key];
  if (value === undefined) return [];
  return asArray(value, `${path}.${key}`).map((item, i) => {
    if (typeof item !== 'string') fail(`expected a string, got ${describe(item)}`, `${path}.${key}[${i}]`);
    return item;
  });
}

function lifetime(obj: JsonObject, key: string, path: string): Lifetime {
  // Older iproute2 omitted the lifetimes of permanent addresses.
  if (obj[key] === undefined) return 'forever';
  const seconds = int(obj, key, path);
  return seconds === FOREVER ? 'forever' : seconds;
}

/** `"0x76"`, `"118"`, `"kernel_ll"` or a number → the protocol number; undefined if unknown. */
export function parseAddrProto(value: Json, path: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 255) return value;
  if (typeof value === 'string') {
    if (/^(0x[0-9a-f]+|\d+)$/i.test(value)) {
      const n = Number(value);
      if (n <= 255) return n;
    }
    // A name from the admin's rt_addrprotos that we cannot resolve: not ours, not an error.
    return ADDR_PROTO_NAMES[value];
  }
  return fail(`expected an address protocol, got ${describe(value)}`, path);
}

export function parseLinks(text: string): LinkInfo[] {
  return asArray(parseDocument(text), '').map((item, i) => {
    const path = `[${i}]`;
    const obj = asObject(item, path);
    const flags = stringList(obj, 'flags', path);
    return {
      name: str(obj, 'ifname', path),
      index: int(obj, 'ifindex', path),
      mac: optStr(obj, 'address', path),
      adminUp: flags.includes('UP'),
      operUp: flags.includes('LOWER_UP'),
      operState: optStr(obj, 'operstate', path) ?? 'UNKNOWN',
      mtu: int(obj, 'mtu', path),
    };
  });
}

function parseAddrInfo(raw: Json, ifname: string, ifindex: number, path: string): AddressInfo | undefined {
  const obj = asObject(raw, path);
  const familyName = str(obj, 'family', path);
  // Only IP addresses concern us; skip anything else `ip` may list.
  if (familyName !== 'inet' && familyName !== 'inet6') return undefined;
  const family: Family = familyName === 'inet' ? 4 : 6;
  const label = optStr(obj, 'label', path);
  const proto = parseAddrProto(obj.protocol, `${path}.protocol`);
  const metric = obj.metric === undefined ? undefined : int(obj, 'metric', path);
  const flags = Object.keys(obj).filter((key) => obj[key] === true);
  return {
    ifname,
    ifindex,
    address: str(obj, 'local', path),
    prefixLen: int(obj, 'prefixlen', path, family === 4 ? 32 : 128),
    family,
    ...(label === undefined ? {} : { label }),
    ...(proto === undefined ? {} : { proto }),
    ...(metric === undefined ? {} : { metric }),
    validLftSec: lifetime(obj, 'valid_life_time', path),
    preferredLftSec: lifetime(obj, 'preferred_life_time', path),
    flags,
  };
}

export function parseAddresses(text: string): AddressInfo[] {
  const result: AddressInfo[] = [];
  asArray(parseDocument(text), '').forEach((item, i) => {
    const path = `[${i}]`;
    const obj = asObject(item, path);
    const infos = obj.addr_info === undefined ? [] : asArray(obj.addr_info, `${path}.addr_info`);
    // Some iproute2 versions print `{}` for links filtered out by family: nothing to read there.
    if (infos.length === 0) return;
    const ifname = str(obj, 'ifname', path);
    const ifindex = int(obj, 'ifindex', path);
    infos.forEach((raw, j) => {
      const info = parseAddrInfo(raw, ifname, ifindex, `${path}.addr_info[${j}]`);
      if (info !== undefined) result.push(info);
    });
  });
  return result;
}
