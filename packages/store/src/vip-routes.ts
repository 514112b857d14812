/**
 * The routes and rules that come with a VIP (keepalived's virtual_routes and virtual_rules): the
 * holder adds them with the address and removes them with it, and its kernel agent's fence
 * removes them too. Schema and the checks zod cannot make (families, prefixes), pure.
 */
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { IFNAME_RE } from './ifname';

/** The main routing table, `ip route`'s default. */
export const MAIN_TABLE = 254;
const U32_MAX = 0xffffffff;
/** Per VIP, at most this many routes and this many rules. */
export const MAX_VIP_ROUTES = 32;

const table = z
  .number()
  .int('must be a whole number')
  .min(1, `must be 1..${U32_MAX} (253 default, 254 main, 255 local)`)
  .max(U32_MAX, `must be 1..${U32_MAX}`);

export const vipRoute = z
  .object({
    /** Destination prefix, host bits zero; "default" for 0.0.0.0/0 or ::/0. */
    to: z.string(),
    /** Gateway; need not be in the VIP's subnet (the kernel refuses one it cannot reach). */
    via: z.string().optional(),
    /** Interface; default the VIP's own on the node. */
    dev: z.string().regex(IFNAME_RE, 'must be a Linux interface name').optional(),
    table: table.default(MAIN_TABLE),
    metric: z.number().int('must be a whole number').min(0).max(U32_MAX).default(0),
  })
  .strict();

export const vipRule = z
  .object({
    from: z.string().optional(),
    to: z.string().optional(),
    table,
    /** 1..4294967295; left out: the kernel picks one. */
    priority: z.number().int('must be a whole number').min(1).max(U32_MAX).optional(),
  })
  .strict();

export type VipRoute = z.infer<typeof vipRoute>;
export type VipRule = z.infer<typeof vipRule>;

/** A prefix of the family, host bits zero, canonical; or a problem. */
function prefix(text: string, family: 4 | 6, what: string): { value: string } | { problem: string } {
  if (text === 'default') return { value: family === 4 ? '0.0.0.0/0' : '::/0' };
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(text);
  } catch {
    return { problem: `${what}: ${JSON.stringify(text)} is not a prefix (ADDR/LEN)` };
  }
  const [addr, len] = parsed;
  const f = addr.kind() === 'ipv4' ? 4 : 6;
  if (f !== family) return { problem: `${what}: ${text} is IPv${f}, the VIP IPv${family}` };
  const network =
    f === 4 ? ipaddr.IPv4.networkAddressFromCIDR(text) : ipaddr.IPv6.networkAddressFromCIDR(text);
  if (network.toString() !== addr.toString()) {
    return { problem: `${what}: ${text} has host bits set; did you mean ${network.toString()}/${len}?` };
  }
  return { value: `${addr.toString()}/${len}` };
}

/**
 * The routes and rules in canonical form (prefixes, gateway), with the problems found: wrong
 * family, malformed or non-network prefixes, a rule with neither from nor to, duplicates.
 */
export function checkRoutesAndRules(
  routes: readonly VipRoute[],
  rules: readonly VipRule[],
  family: 4 | 6,
): { routes: VipRoute[]; rules: VipRule[]; problems: string[] } {
  const problems: string[] = [];
  const outRoutes: VipRoute[] = [];
  const outRules: VipRule[] = [];
  const seen = new Set<string>();
  routes.forEach((r, i) => {
    const to = prefix(r.to, family, `routes.${i}.to`);
    if ('problem' in to) problems.push(to.problem);
    let via: string | undefined;
    if (r.via !== undefined) {
      if (!ipaddr.isValid(r.via) || ipaddr.parse(r.via).kind() !== (family === 4 ? 'ipv4' : 'ipv6')) {
        problems.push(`routes.${i}.via: ${JSON.stringify(r.via)} is not an IPv${family} address`);
      } else via = ipaddr.parse(r.via).toString();
    }
    if ('value' in to) {
      const key = `${to.value} ${r.table} ${r.metric}`;
      if (seen.has(key))
        problems.push(`routes.${i}: ${to.value} table ${r.table} metric ${r.metric} given twice`);
      seen.add(key);
      outRoutes.push({ ...r, to: to.value, ...(via !== undefined && { via }) });
    }
  });
  const seenRules = new Set<string>();
  rules.forEach((r, i) => {
    if (r.from === undefined && r.to === undefined) problems.push(`rules.${i}: needs a from or a to`);
    const from = r.from === undefined ? undefined : prefix(r.from, family, `rules.${i}.from`);
    const to = r.to === undefined ? undefined : prefix(r.to, family, `rules.${i}.to`);
    for (const p of [from, to]) if (p && 'problem' in p) problems.push(p.problem);
    const rule: VipRule = {
      ...r,
      ...(from && 'value' in from && { from: from.value }),
      ...(to && 'value' in to && { to: to.value }),
    };
    const key = JSON.stringify(rule);
    if (seenRules.has(key)) problems.push(`rules.${i}: given twice`);
    seenRules.add(key);
    outRules.push(rule);
  });
  if (routes.length > MAX_VIP_ROUTES) problems.push(`routes: at most ${MAX_VIP_ROUTES}`);
  if (rules.length > MAX_VIP_ROUTES) problems.push(`rules: at most ${MAX_VIP_ROUTES}`);
  return { routes: outRoutes, rules: outRules, problems };
}
