// What an earlier run of vipd can leave in the kernel besides addresses when its kernel agent died
// with it (a SIGKILL of the whole unit): routes and rules of vipd's protocol (0x76, see
// native/vipd-agent.c) and virtual-MAC macvlans. Read through `ip -json`; the parsers are pure.
// Only what carries vipd's mark is listed: a route or rule of another protocol, or a macvlan whose
// name and MAC are not both a virtual MAC's (`vmac4.ID` with 00:00:5e:00:01:ID, `vmac6.ID` with
// 00:00:5e:00:02:ID), is never anyone's business here.
import { VIPD_ADDR_PROTO } from './address-args';
import { runIp, runIpParsed, type NetifOptions } from './ip-runner';
import type { Family } from './parse';
import { IpOutputParseError, NetifError } from './errors';
import { describeRoute, describeRule, MAIN_TABLE, type RouteSpec, type RuleSpec } from './route-args';
import { vmacAddress } from './vmac';

/** A virtual-MAC macvlan found on the host. */
export interface VmacLink {
  readonly name: string;
  /** The interface it sits on (undefined when `ip` does not say). */
  readonly parent: string | undefined;
  readonly mac: string;
}

// iproute2's names for the reserved tables (rt_tables may name more; those come as numbers then).
const TABLE_NAMES: Record<string, number> = { main: MAIN_TABLE, default: 253, local: 255 };

function rows(text: string, what: string): Record<string, unknown>[] {
  if (text.trim() === '') return [];
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (cause) {
    throw new IpOutputParseError(`${what}: not JSON (${(cause as Error).message})`, '', { cause });
  }
  if (!Array.isArray(doc)) throw new IpOutputParseError(`${what}: expected an array`, '');
  return doc.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null);
}

function table(value: unknown): number | undefined {
  if (value === undefined) return MAIN_TABLE;
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  return TABLE_NAMES[value];
}

/** `ip` prints a host route without its length and the default route as "default". */
function prefix(value: unknown, family: Family, len?: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (value === 'default' || value === 'all') return family === 4 ? '0.0.0.0/0' : '::/0';
  if (value.includes('/')) return value;
  const plen = typeof len === 'number' ? len : family === 4 ? 32 : 128;
  return `${value}/${plen}`;
}

function isOurs(protocol: unknown): boolean {
  return String(protocol) === String(VIPD_ADDR_PROTO) || String(protocol) === '0x76';
}

/**
 * Routes from `ip -N -json route show table all proto 0x76` (already filtered by the kernel's
 * dump). Only plain unicast routes with a dev or a gateway: the agent installs no other kind.
 */
export function parseOwnedRoutes(text: string, family: Family): RouteSpec[] {
  const out: RouteSpec[] = [];
  for (const r of rows(text, 'ip route')) {
    if (r.type !== undefined && r.type !== 'unicast') continue;
    if (r.nexthops !== undefined) continue;
    const to = prefix(r.dst, family);
    const t = table(r.table);
    const dev = typeof r.dev === 'string' ? r.dev : undefined;
    const via = typeof r.gateway === 'string' ? r.gateway : undefined;
    if (to === undefined || t === undefined || (dev === undefined && via === undefined)) continue;
    out.push({
      family,
      to,
      table: t,
      metric: typeof r.metric === 'number' ? r.metric : 0,
      ...(dev !== undefined && { dev }),
      ...(via !== undefined && { via }),
    });
  }
  return out;
}

/** Rules of vipd's protocol from `ip -N -json rule show` (the protocol is checked here too). */
export function parseOwnedRules(text: string, family: Family): RuleSpec[] {
  const out: RuleSpec[] = [];
  for (const r of rows(text, 'ip rule')) {
    if (!isOurs(r.protocol)) continue;
    const t = table(r.table);
    const from = r.src === undefined || r.src === 'all' ? undefined : prefix(r.src, family, r.srclen);
    const to = r.dst === undefined || r.dst === 'all' ? undefined : prefix(r.dst, family, r.dstlen);
    if (t === undefined || (from === undefined && to === undefined)) continue;
    out.push({
      family,
      table: t,
      ...(typeof r.priority === 'number' && { priority: r.priority }),
      ...(from !== undefined && { from }),
      ...(to !== undefined && { to }),
    });
  }
  return out;
}

/** Virtual-MAC macvlans from `ip -json -details link show type macvlan`: name and MAC both vipd's. */
export function parseVmacLinks(text: string): VmacLink[] {
  const out: VmacLink[] = [];
  for (const r of rows(text, 'ip link')) {
    const name = r.ifname;
    const m = typeof name === 'string' ? /^vmac([46])\.(\d{1,3})$/.exec(name) : null;
    if (!m || typeof name !== 'string') continue;
    const id = Number(m[2]);
    if (id < 1 || id > 255) continue;
    const kind = (r.linkinfo as { info_kind?: unknown } | undefined)?.info_kind;
    if (kind !== undefined && kind !== 'macvlan') continue;
    const mac = typeof r.address === 'string' ? r.address.toLowerCase() : '';
    if (mac !== vmacAddress(m[1] === '4' ? 4 : 6, id)) continue;
    out.push({ name, parent: typeof r.link === 'string' ? r.link : undefined, mac });
  }
  return out;
}

/** A host without that family (IPv6 disabled at boot) has none of it. */
async function withoutFamily<T>(listing: Promise<T[]>): Promise<T[]> {
  try {
    return await listing;
  } catch (err) {
    if (err instanceof NetifError && /Address family not supported/i.test(err.stderr ?? '')) return [];
    throw err;
  }
}

/** Every route of vipd's protocol in every table, both families. */
export async function listOwnedRoutes(options: NetifOptions = {}): Promise<RouteSpec[]> {
  const proto = `0x${VIPD_ADDR_PROTO.toString(16)}`;
  const out: RouteSpec[] = [];
  for (const family of [4, 6] as const) {
    const args = [`-${family}`, '-json', 'route', 'show', 'table', 'all', 'proto', proto];
    out.push(...(await withoutFamily(runIpParsed(args, (t) => parseOwnedRoutes(t, family), options))));
  }
  return out;
}

/** Every policy rule of vipd's protocol, both families. */
export async function listOwnedRules(options: NetifOptions = {}): Promise<RuleSpec[]> {
  const out: RuleSpec[] = [];
  for (const family of [4, 6] as const) {
    const args = [`-${family}`, '-json', 'rule', 'show'];
    out.push(...(await withoutFamily(runIpParsed(args, (t) => parseOwnedRules(t, family), options))));
  }
  return out;
}

/** Every virtual-MAC macvlan (see parseVmacLinks). */
export function listVmacLinks(options: NetifOptions = {}): Promise<VmacLink[]> {
  return runIpParsed(['-json', '-details', 'link', 'show', 'type', 'macvlan'], parseVmacLinks, options);
}

/** What removeOwnedRouting or removeVmacLinks did with one leftover. */
export interface LeftoverRemoval {
  readonly kind: 'route' | 'rule' | 'virtual MAC';
  /** How it reads in logs: `ip`'s words. */
  readonly text: string;
  readonly error?: NetifError;
}

async function removeEach(
  jobs: { kind: LeftoverRemoval['kind']; text: string; args: string[] }[],
  options: NetifOptions,
): Promise<LeftoverRemoval[]> {
  const out: LeftoverRemoval[] = [];
  for (const { kind, text, args } of jobs) {
    try {
      await runIp(args, options);
      out.push({ kind, text });
    } catch (error) {
      if (!(error instanceof NetifError)) throw error;
      out.push({ kind, text, error });
    }
  }
  return out;
}

/**
 * Without the kernel agent (`vipd --cleanup`, after vipd died): removes every route and rule of
 * vipd's protocol by `ip`, one at a time, going on past a failure. The kernel matches the
 * protocol: nothing of another protocol goes.
 */
export async function removeOwnedRouting(options: NetifOptions = {}): Promise<LeftoverRemoval[]> {
  const proto = `0x${VIPD_ADDR_PROTO.toString(16)}`;
  const routes = (await listOwnedRoutes(options)).map((r) => ({
    kind: 'route' as const,
    text: describeRoute(r),
    args: [
      `-${r.family}`,
      'route',
      'del',
      r.to,
      ...(r.via !== undefined ? ['via', r.via] : []),
      ...(r.dev !== undefined ? ['dev', r.dev] : []),
      'table',
      String(r.table ?? MAIN_TABLE),
      'metric',
      String(r.metric ?? 0),
      'proto',
      proto,
    ],
  }));
  const rules = (await listOwnedRules(options)).map((r) => ({
    kind: 'rule' as const,
    text: describeRule(r),
    args: [
      `-${r.family}`,
      'rule',
      'del',
      ...(r.from !== undefined ? ['from', r.from] : []),
      ...(r.to !== undefined ? ['to', r.to] : []),
      'table',
      String(r.table),
      ...(r.priority !== undefined ? ['priority', String(r.priority)] : []),
      'protocol',
      proto,
    ],
  }));
  return removeEach([...routes, ...rules], options);
}

/** Without the kernel agent: deletes every virtual-MAC macvlan (see parseVmacLinks) by `ip`. */
export async function removeVmacLinks(options: NetifOptions = {}): Promise<LeftoverRemoval[]> {
  const links = await listVmacLinks(options);
  return removeEach(
    links.map((v) => ({
      kind: 'virtual MAC' as const,
      text: `${v.name} (${v.mac})${v.parent !== undefined ? ` on ${v.parent}` : ''}`,
      args: ['link', 'del', 'dev', v.name],
    })),
    options,
  );
}
