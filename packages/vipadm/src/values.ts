/** Pure checks of single command-line values; each failure is a one-line UsageError. */
import { UsageError } from './errors';

/** As the store validates them (packages/store vip-spec.ts); the coordinator has the last word. */
export const VIP_NAME_RE = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
export const NODE_NAME_RE = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/;
export const IFNAME_RE = /^[A-Za-z0-9_.-][A-Za-z0-9_.@-]{0,14}$/;
/** Names of vipd health checks (`checks[]`), as the store validates `track` entries. */
export const CHECK_NAME_RE = /^[A-Za-z0-9_-]{1,63}$/;

export const DEFAULT_PRIORITY = 100;
/** README defaults, sent whole when any --announce-* option is given. */
export const DEFAULT_ANNOUNCE = {
  count: 3,
  interval_ms: 100,
  refresh_ms: 30_000,
  probe_ms: 10_000,
  second_burst_delay_ms: 0,
};
/** announce.mode when unset ('' in admin.proto). */
export const DEFAULT_ANNOUNCE_MODE = 'arp';

/** announce.mode (docs/bgp.md): ARP/NA on the link, a BGP host route, or both. */
export const ANNOUNCE_MODES = ['arp', 'bgp', 'both'] as const;

/** Address scopes a VIP may have (IPv4); '' in admin.proto means global. */
export const SCOPES = ['global', 'site', 'link', 'host'] as const;
/**
 * `--broadcast +`: the broadcast address of an IPv4 ADDR/PREFIX (host bits all ones), as the
 * coordinator stores it; undefined when there is none (IPv6, /31, /32, not an address).
 */
export function prefixBroadcast(cidr: string): string | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 30) return undefined;
  const ip = octets.reduce((acc, o) => acc * 256 + o, 0);
  const host = 2 ** (32 - prefix) - 1;
  const b = ip - (ip % (host + 1)) + host;
  return [24, 16, 8, 0].map((shift) => Math.floor(b / 2 ** shift) % 256).join('.');
}

/** The label part after "IF:" (IPaddr2's iflabel). */
export const LABEL_RE = /^[A-Za-z0-9_.-]{1,14}$/;

/** What the VIP's holder does when it cannot reach etcd; '' in admin.proto means "failsafe". */
export const ON_ETCD_LOSS = ['fence', 'failsafe'] as const;
export type OnEtcdLoss = (typeof ON_ETCD_LOSS)[number];
export const DEFAULT_ON_ETCD_LOSS: OnEtcdLoss = 'failsafe';

/** A whole decimal number within [min, max], or a UsageError naming the option. */
export function parseInteger(what: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text))
    throw new UsageError(`${what} must be a whole number, got ${JSON.stringify(text)}`);
  const n = Number(text);
  if (n < min || n > max) throw new UsageError(`${what} must be between ${min} and ${max}, got ${text}`);
  return n;
}

/**
 * An announce setting: 1..max. proto3 cannot tell 0 from unset and the coordinator reads 0 as
 * "the default", so 0 is refused (with the reason) rather than silently becoming the default.
 */
export function announceSetting(option: string, text: string, max: number, fallback: number): number {
  if (/^0+$/.test(text)) {
    throw new UsageError(
      `${option} must be between 1 and ${max}, got ${text}: the coordinator reads 0 as "the default" ` +
        `(${fallback}), so leave ${option} out for the default`,
    );
  }
  return parseInteger(option, text, 1, max);
}

/** `--track CHECK`: the name of one of the nodes' health checks. */
/** keepalived's range for a weight, as @vipd/store's spec takes it. */
export const MAX_TRACK_WEIGHT = 253;

/**
 * One --track value: `CHECK` (the VIP needs it up) or `CHECK:WEIGHT` (keepalived's weight: the
 * node's priority changes by WEIGHT, -253..253 and not 0, instead of the node leaving).
 */
export function trackEntry(text: string): { check: string; weight?: number } {
  const colon = text.indexOf(':');
  if (colon < 0) return { check: checkName(text) };
  const check = checkName(text.slice(0, colon));
  const w = text.slice(colon + 1);
  const weight = /^[+-]?\d{1,4}$/.test(w) ? Number(w) : NaN;
  if (!Number.isInteger(weight) || weight === 0 || Math.abs(weight) > MAX_TRACK_WEIGHT) {
    throw new UsageError(
      `bad --track ${text}: the weight must be a whole number from -${MAX_TRACK_WEIGHT} to ${MAX_TRACK_WEIGHT}, not 0 (CHECK:WEIGHT, e.g. ${check}:-20)`,
    );
  }
  return { check, weight };
}

export function checkName(text: string): string {
  if (!CHECK_NAME_RE.test(text)) {
    throw new UsageError(
      `bad --track check name ${JSON.stringify(text)}: letters, digits, "-" and "_", at most 63 characters`,
    );
  }
  return text;
}

/** `--on-etcd-loss fence|failsafe`. */
export function onEtcdLoss(text: string): OnEtcdLoss {
  const mode = ON_ETCD_LOSS.find((m) => m === text);
  if (mode === undefined) {
    throw new UsageError(`--on-etcd-loss must be fence or failsafe, got ${JSON.stringify(text)}`);
  }
  return mode;
}

export function vipName(text: string): string {
  if (!VIP_NAME_RE.test(text)) {
    throw new UsageError(
      `bad VIP name ${JSON.stringify(text)}: lower-case letters, digits and "-", at most 63 characters`,
    );
  }
  return text;
}

export function nodeName(text: string, what = 'node name'): string {
  if (!NODE_NAME_RE.test(text)) {
    throw new UsageError(`bad ${what} ${JSON.stringify(text)}: letters, digits, ".", "_" and "-"`);
  }
  return text;
}

export function interfaceName(text: string, what = '--interface'): string {
  if (!IFNAME_RE.test(text)) {
    throw new UsageError(`${what} must be a Linux interface name (1-15 chars), got ${JSON.stringify(text)}`);
  }
  return text;
}

/** `ADDR/PREFIX` in shape only (IPv4 or IPv6); the coordinator checks the rest. */
export function vipAddress(text: string): string {
  const m = /^([0-9a-fA-F:.]+)\/(\d{1,3})$/.exec(text);
  const family = m && (m[1]!.includes(':') ? 6 : /^\d{1,3}(\.\d{1,3}){3}$/.test(m[1]!) ? 4 : 0);
  if (!m || !family || Number(m[2]) > (family === 4 ? 32 : 128)) {
    throw new UsageError(
      `--address must be ADDRESS/PREFIX (e.g. 198.51.100.100/24), got ${JSON.stringify(text)}`,
    );
  }
  return text;
}

/** `--node NODE[=PRIORITY]` → [node, priority]; no priority means 100. */
export function nodePriority(text: string): [string, number] {
  const eq = text.indexOf('=');
  const name = nodeName(eq === -1 ? text : text.slice(0, eq), '--node name');
  const priority =
    eq === -1 ? DEFAULT_PRIORITY : parseInteger(`--node ${name} priority`, text.slice(eq + 1), 1, 255);
  return [name, priority];
}

/** `--node-interface NODE=IF` → [node, interface]. */
export function nodeInterface(text: string): [string, string] {
  const eq = text.indexOf('=');
  if (eq === -1) throw new UsageError(`--node-interface must be NODE=INTERFACE, got ${JSON.stringify(text)}`);
  return [
    nodeName(text.slice(0, eq), '--node-interface node'),
    interfaceName(text.slice(eq + 1), '--node-interface'),
  ];
}
