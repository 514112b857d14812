/**
 * The desired state of one VIP, as stored (JSON) at /vipd/<cluster>/vips/<name>: parsing and
 * validation (pure, shared by vipd and the coordinator), the stored form, and the coordinator's
 * guarded writes of it (one transaction each, under the client's own per-call deadline:
 * createEtcdClient's callTimeoutMs, fresh on each attempt).
 */
import { isDeepStrictEqual } from 'node:util';
import type { Etcd3, ITxnRequest } from 'etcd3';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { fromEtcdError, InvalidSpecError } from './errors';
import { IFNAME_RE } from './ifname';
import { checkRoutesAndRules, vipRoute, vipRule, type VipRoute, type VipRule } from './vip-routes';
import type { Keys } from './keys';
import { prefixEnd } from './prefix-mirror';

export const VIP_NAME_RE = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
export const NODE_NAME_RE = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/;
export { IFNAME_RE };

const ifname = z
  .string()
  .regex(IFNAME_RE, 'must be a Linux interface name (1-15 chars, no "/", ":" or spaces)');

const nodeEntry = z
  .object({
    priority: z.number().int().min(1).max(255).default(100),
    interface: ifname.optional(),
  })
  .strict();

const announce = z
  .object({
    count: z.number().int().min(0).max(100).default(3),
    intervalMs: z.number().int().min(1).max(60_000).default(100),
    refreshMs: z.number().int().min(0).max(86_400_000).default(30_000),
    /** How often the holder probes (ARP/NDP) for a second host answering; 0 = never. */
    probeMs: z.number().int().min(0).max(86_400_000).default(10_000),
    /**
     * keepalived's garp_master_delay: a second burst (`count` frames, `intervalMs` apart) this
     * long after the VIP came up, for switches and hosts that missed the first; 0 = none.
     */
    secondBurstDelayMs: z.number().int().min(0).max(3_600_000).default(0),
    /**
     * How the holder makes the network send it the VIP's traffic: arp (gratuitous ARP /
     * unsolicited NA on the link, the default), bgp (a host route through the node's gobgpd,
     * docs/bgp.md), or both.
     */
    mode: z
      .enum(['arp', 'bgp', 'both'], { errorMap: () => ({ message: 'must be arp, bgp or both' }) })
      .default('arp'),
  })
  .strict();

const checkName = z.string().regex(/^[A-Za-z0-9_-]{1,63}$/, 'check names are letters, digits, "-", "_"');

/** keepalived's range for a track_script / track_process weight. */
export const MAX_TRACK_WEIGHT = 253;

const trackWeight = z
  .object({
    check: checkName,
    weight: z
      .number()
      .int('must be a whole number')
      .min(-MAX_TRACK_WEIGHT, `must be between -${MAX_TRACK_WEIGHT} and ${MAX_TRACK_WEIGHT}`)
      .max(MAX_TRACK_WEIGHT, `must be between -${MAX_TRACK_WEIGHT} and ${MAX_TRACK_WEIGHT}`)
      .refine((w) => w !== 0, 'must not be 0 (put the check in track to make the node ineligible instead)'),
  })
  .strict();

const rawSpec = z
  .object({
    name: z.string().regex(VIP_NAME_RE, 'must be lower-case letters, digits and "-", at most 63 characters'),
    address: z.string(),
    interface: ifname,
    nodes: z
      .record(z.string().regex(NODE_NAME_RE, 'node names are letters, digits, ".", "_" and "-"'), nodeEntry)
      .optional(),
    preempt: z.boolean().default(true),
    preemptDelayMs: z.number().int().min(0).max(3_600_000).default(0),
    announce: announce.default({}),
    /** Names of node health checks (vipd config `checks[]`) this VIP depends on. */
    track: z.array(checkName).default([]),
    /**
     * Checks that change a node's priority instead of its eligibility (keepalived's
     * track_script / track_process with a weight): a negative weight is added while the check
     * is not up on the node, a positive one while it is up (ranking.ts, effectivePriority).
     */
    trackWeighted: z.array(trackWeight).default([]),
    /**
     * failsafe (the default): keep the VIP past the etcd deadline while every peer confirms over
     * heartbeats that none of them reaches etcd or holds it (docs/safety.md); fence: drop at the
     * lease deadline whenever etcd is unreachable.
     */
    onEtcdLoss: z.enum(['fence', 'failsafe']).default('failsafe'),
    /**
     * How the address is added (Pacemaker IPaddr2's options; IPv4 only except noPrefixRoute):
     * the label is the part after `<interface>:` (default `vip`, IPaddr2's iflabel);
     * noPrefixRoute: the kernel adds no prefix route for it; scope (default global); broadcast:
     * an IPv4 address, or "+" for the prefix's own (host bits all ones).
     */
    label: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,14}$/, 'must be 1-14 letters, digits, ".", "_" or "-" (the part after "IF:")')
      .optional(),
    noPrefixRoute: z.boolean().default(false),
    scope: z.enum(['global', 'site', 'link', 'host']).default('global'),
    broadcast: z.string().optional(),
    /**
     * keepalived's virtual_routes and virtual_rules: added by the holder with the address,
     * removed with it, and by its kernel agent's fence (vip-routes.ts).
     */
    routes: z.array(vipRoute).default([]),
    /**
     * keepalived's use_vmac: the VIP sits on a macvlan of its interface with the VRRP MAC
     * 00:00:5e:00:01:<vmac> (IPv6 00:00:5e:00:02:<vmac>), named vmac4.<vmac> / vmac6.<vmac>,
     * which moves with it: a client's neighbour entry never has to change.
     */
    vmac: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be 1..255')
      .max(255, 'must be 1..255')
      .optional(),
    rules: z.array(vipRule).default([]),
    /**
     * keepalived's vrrp_sync_group (Pacemaker's group): VIPs with the same group live on one node
     * and move together; the lowest-named member leads and its leadership decides for all
     * (docs/groups.md).
     */
    group: z
      .string()
      .regex(VIP_NAME_RE, 'must be lower-case letters, digits and "-", at most 63 characters')
      .optional(),
  })
  .strict();

export type NodeEntry = z.infer<typeof nodeEntry>;
export type AnnounceSettings = z.infer<typeof announce>;
export type TrackWeight = z.infer<typeof trackWeight>;

export interface VipSpec {
  name: string;
  /** The address without prefix, in canonical form. */
  address: string;
  prefixLen: number;
  family: 4 | 6;
  /** Default interface; a node entry may override it. */
  interface: string;
  /** Eligible nodes and their priorities; undefined means every node at priority 100. */
  nodes?: Record<string, NodeEntry>;
  preempt: boolean;
  preemptDelayMs: number;
  announce: AnnounceSettings;
  /** Checks that must be up on a node for it to hold this VIP. */
  track: string[];
  /** The address label after `<interface>:` (IPv4); undefined: `vip`. */
  label?: string;
  /** The kernel adds no prefix route for the address. */
  noPrefixRoute: boolean;
  /** The address scope (IPv4; IPv6 addresses take theirs from the address). */
  scope: AddressScope;
  /** IPv4 broadcast address, canonical ("+" resolved); undefined: none. */
  broadcast?: string;
  /** Checks that raise or lower a node's priority (see effectivePriority). */
  trackWeighted: TrackWeight[];
  /** Routes added with the address (canonical prefixes; dev undefined: the VIP's interface). */
  routes: VipRoute[];
  /** Policy rules added with the address. */
  rules: VipRule[];
  /** The virtual MAC's id (1..255): the VIP goes on the macvlan vmac<family>.<id>. */
  vmac?: number;
  onEtcdLoss: 'fence' | 'failsafe';
  /** The VIP group it belongs to (its members live on one node, see groupLead); undefined: none. */
  group?: string;
}

export const DEFAULT_PRIORITY = 100;

export type AddressScope = 'global' | 'site' | 'link' | 'host';
/** rtnetlink's values for the scope names (`ip addr ... scope NAME`). */
export const SCOPE_VALUES: Record<AddressScope, number> = { global: 0, site: 200, link: 253, host: 254 };
/** Linux interface names and labels: at most 15 bytes. */
const MAX_LABEL_BYTES = 15;

/** The full IPv4 label on `ifname`: `<ifname>:<suffix>` (default suffix `vip`). */
export function labelOn(spec: Pick<VipSpec, 'label'>, ifname: string): string {
  return `${ifname}:${spec.label ?? 'vip'}`;
}

/** Parses `ADDR/PREFIX` and refuses what cannot be a host address. Returns problems, or the parts. */
export function parseVipAddress(
  cidr: string,
): { address: string; prefixLen: number; family: 4 | 6 } | { problem: string } {
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(cidr);
  } catch {
    return { problem: `address ${JSON.stringify(cidr)} is not ADDRESS/PREFIX (e.g. 198.51.100.100/24)` };
  }
  const [addr, prefixLen] = parsed;
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
    return { problem: `address ${cidr} is IPv4-mapped; give the IPv4 address` };
  }
  const range = addr.range();
  if (['unspecified', 'multicast', 'loopback', 'broadcast', 'linkLocal'].includes(range)) {
    return { problem: `address ${cidr} is a ${range} address and cannot be a VIP` };
  }
  if (addr.kind() === 'ipv4') {
    if (prefixLen < 31) {
      const network = ipaddr.IPv4.networkAddressFromCIDR(cidr).toString();
      const broadcast = ipaddr.IPv4.broadcastAddressFromCIDR(cidr).toString();
      if (addr.toString() === network) return { problem: `address ${cidr} is the network address` };
      if (addr.toString() === broadcast) return { problem: `address ${cidr} is the broadcast address` };
    }
    return { address: addr.toString(), prefixLen, family: 4 };
  }
  return { address: addr.toString(), prefixLen, family: 6 };
}

/**
 * Validates a spec value. `keyName` is the name in the etcd key; the value's name must match.
 * Throws InvalidSpecError listing every problem found.
 */
export function parseVipSpec(raw: unknown, keyName?: string): VipSpec {
  const label = keyName ?? (isRecord(raw) && typeof raw.name === 'string' ? raw.name : '?');
  const result = rawSpec.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map(
      (i) => (i.path.length ? `${i.path.join('.')}: ` : '') + i.message,
    );
    throw new InvalidSpecError(label, problems);
  }
  const spec = result.data;
  const problems: string[] = [];
  if (keyName !== undefined && spec.name !== keyName) {
    problems.push(`name ${JSON.stringify(spec.name)} does not match its key ${JSON.stringify(keyName)}`);
  }
  const addr = parseVipAddress(spec.address);
  if ('problem' in addr) problems.push(addr.problem);
  if (spec.nodes !== undefined && Object.keys(spec.nodes).length === 0) {
    problems.push('nodes: empty; leave it out to allow every node');
  }
  let broadcast: string | undefined;
  let routing: { routes: VipRoute[]; rules: VipRule[] } = { routes: [], rules: [] };
  if (!('problem' in addr)) {
    const checked = checkRoutesAndRules(spec.routes, spec.rules, addr.family);
    problems.push(...checked.problems);
    routing = checked;
    const v6 = addr.family === 6;
    if (v6 && spec.label !== undefined) problems.push('label: IPv6 addresses carry no label');
    if (v6 && spec.scope !== 'global')
      problems.push(`scope: IPv6 addresses take their scope from the address; leave it global`);
    if (v6 && spec.broadcast !== undefined) problems.push('broadcast: IPv6 has no broadcast address');
    if (!v6 && spec.label !== undefined) {
      // With a virtual MAC the address (and its label) is on the macvlan.
      const ifnames = new Set(
        spec.vmac !== undefined
          ? [`vmac4.${spec.vmac}`]
          : [spec.interface, ...Object.values(spec.nodes ?? {}).flatMap((e) => e.interface ?? [])],
      );
      for (const ifname of ifnames) {
        const full = `${ifname}:${spec.label}`;
        if (Buffer.byteLength(full) > MAX_LABEL_BYTES) {
          problems.push(`label: ${full} is longer than ${MAX_LABEL_BYTES} characters; shorten the label`);
        }
      }
    }
    if (!v6 && spec.broadcast !== undefined) {
      if (spec.broadcast === '+') {
        if (addr.prefixLen >= 31)
          problems.push(`broadcast: a /${addr.prefixLen} has no broadcast address; leave "+" out`);
        else broadcast = ipaddr.IPv4.broadcastAddressFromCIDR(spec.address).toString();
      } else if (ipaddr.IPv4.isValidFourPartDecimal(spec.broadcast)) {
        broadcast = ipaddr.IPv4.parse(spec.broadcast).toString();
      } else {
        problems.push(`broadcast: ${JSON.stringify(spec.broadcast)} is not an IPv4 address or "+"`);
      }
    }
  }
  const weighted = new Set<string>();
  for (const { check } of spec.trackWeighted) {
    if (weighted.has(check)) problems.push(`trackWeighted: check ${check} given twice`);
    else if (spec.track.includes(check))
      problems.push(`trackWeighted: check ${check} is also in track; give it once`);
    weighted.add(check);
  }
  if (problems.length || 'problem' in addr) throw new InvalidSpecError(label, problems);
  return {
    name: spec.name,
    address: addr.address,
    prefixLen: addr.prefixLen,
    family: addr.family,
    interface: spec.interface,
    nodes: spec.nodes,
    preempt: spec.preempt,
    preemptDelayMs: spec.preemptDelayMs,
    announce: spec.announce,
    track: spec.track,
    trackWeighted: spec.trackWeighted,
    onEtcdLoss: spec.onEtcdLoss,
    ...(spec.label !== undefined && { label: spec.label }),
    noPrefixRoute: spec.noPrefixRoute,
    scope: spec.scope,
    ...(broadcast !== undefined && { broadcast }),
    routes: routing.routes,
    rules: routing.rules,
    ...(spec.vmac !== undefined && { vmac: spec.vmac }),
    ...(spec.group !== undefined && { group: spec.group }),
  };
}

/** Parses the JSON text of a spec value. */
export function parseVipSpecJson(text: string, keyName?: string): VipSpec {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new InvalidSpecError(keyName ?? '?', [`not JSON: ${(err as Error).message}`]);
  }
  return parseVipSpec(raw, keyName);
}

/**
 * The top-level fields of a stored spec value, unvalidated: what a writer that cannot express
 * every field (one older than the value) keeps when it replaces the spec. {} when the value is
 * not a JSON object.
 */
export function storedSpecFields(value: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(value);
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? { ...(v as Record<string, unknown>) }
      : {};
  } catch {
    return {};
  }
}

/**
 * The spec as stored: the inverse of parseVipSpec. Fields newer than the first release are left
 * out while at their defaults, so that a daemon older than them (its schema is strict) still
 * reads every spec that does not use them, in a rolling upgrade.
 */
export function serializeVipSpec(spec: VipSpec): string {
  const {
    address,
    prefixLen,
    family: _family,
    trackWeighted,
    noPrefixRoute,
    scope,
    routes,
    rules,
    ...rest
  } = spec;
  const { secondBurstDelayMs, mode, ...announce } = rest.announce;
  return JSON.stringify({
    ...rest,
    announce: {
      ...announce,
      ...(secondBurstDelayMs > 0 && { secondBurstDelayMs }),
      ...(mode !== 'arp' && { mode }),
    },
    ...(trackWeighted.length > 0 && { trackWeighted }),
    ...(noPrefixRoute && { noPrefixRoute }),
    ...(scope !== 'global' && { scope }),
    ...(routes.length > 0 && { routes }),
    ...(rules.length > 0 && { rules }),
    address: `${address}/${prefixLen}`,
  });
}

/** What a spec write expects of the key itself: absent, or unchanged since it was read. */
export type SpecWriteGuard = { create: true } | { modRevision: string };

/**
 * One spec write: vips/<name> created if absent or replaced only if unchanged since read
 * (`guard`), and only while no key under vips/ changed after `readRevision`, the revision the
 * caller validated the spec against the other VIPs at: a VIP created or changed meanwhile
 * (perhaps with the same address) fails it, and the caller reads and validates again.
 */
export function writeVipSpecTxn(
  keys: Keys,
  spec: VipSpec,
  guard: SpecWriteGuard,
  readRevision: string,
): ITxnRequest {
  const key = Buffer.from(keys.vip(spec.name));
  return {
    compare: [
      'create' in guard
        ? { key, target: 'Create', result: 'Equal', create_revision: 0 }
        : { key, target: 'Mod', result: 'Equal', mod_revision: guard.modRevision },
      {
        key: Buffer.from(keys.vipsPrefix),
        range_end: prefixEnd(keys.vipsPrefix),
        target: 'Mod',
        result: 'Less',
        mod_revision: (BigInt(readRevision) + 1n).toString(),
      },
    ],
    success: [{ request_put: { key, value: Buffer.from(serializeVipSpec(spec)) } }],
    failure: [],
  };
}

/** Writes a spec (writeVipSpecTxn). `written` false when a guard failed: read again, retry. */
export async function writeVipSpec(
  client: Etcd3,
  keys: Keys,
  spec: VipSpec,
  guard: SpecWriteGuard,
  readRevision: string,
): Promise<{ written: true; revision: string } | { written: false }> {
  try {
    const res = await client.kv.txn(writeVipSpecTxn(keys, spec, guard, readRevision));
    return res.succeeded ? { written: true, revision: String(res.header.revision) } : { written: false };
  } catch (err) {
    throw fromEtcdError(`write vip ${spec.name}`, err);
  }
}

/** Deletes vips/<name> and its pins/<name> together (docs/etcd-keys.md). */
export function deleteVipSpecTxn(keys: Keys, name: string): ITxnRequest {
  return {
    compare: [],
    success: [
      { request_delete_range: { key: Buffer.from(keys.vip(name)) } },
      { request_delete_range: { key: Buffer.from(keys.pin(name)) } },
    ],
    failure: [],
  };
}

/** Deletes a VIP (deleteVipSpecTxn). `deleted` false when vips/<name> was not there. */
export async function deleteVipSpec(
  client: Etcd3,
  keys: Keys,
  name: string,
): Promise<{ deleted: true; revision: string } | { deleted: false }> {
  try {
    const res = await client.kv.txn(deleteVipSpecTxn(keys, name));
    const deleted = Number(res.responses[0]?.response_delete_range?.deleted ?? 0);
    return deleted === 0 ? { deleted: false } : { deleted: true, revision: String(res.header.revision) };
  } catch (err) {
    throw fromEtcdError(`delete vip ${name}`, err);
  }
}

/** The interface this VIP uses on `node`. */
export function interfaceFor(spec: VipSpec, node: string): string {
  return spec.nodes?.[node]?.interface ?? spec.interface;
}

/**
 * Whether `after` puts something else in `node`'s kernel than `before`: the address, its
 * interface, virtual MAC, label, scope, broadcast or prefix route, or the routes and rules that
 * go with it. A holder takes the old shape down and adds the new one; anything else (priorities,
 * announcements, checks) changes nothing in the kernel.
 */
export function kernelShapeChanged(before: VipSpec, after: VipSpec, node: string): boolean {
  const shape = (s: VipSpec) => [
    s.address,
    s.prefixLen,
    interfaceFor(s, node),
    s.vmac,
    s.label,
    s.scope,
    s.broadcast,
    s.noPrefixRoute,
    s.routes,
    s.rules,
  ];
  return !isDeepStrictEqual(shape(before), shape(after));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}
