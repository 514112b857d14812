// Pure side of the routes and rules that come with a VIP (keepalived's virtual_routes and
// virtual_rules): validation and the kernel agent's command lines (route-add, route-del,
// rule-add, rule-del; see native/vipd-agent.c). Nothing here runs a process.
import { isIP } from 'node:net';
import { InvalidArgumentError } from './errors';
import type { Family } from './parse';

/** The main table (`ip route`'s default). */
export const MAIN_TABLE = 254;
const U32_MAX = 0xffffffff;

export interface RouteSpec {
  readonly family: Family;
  /** Destination `<addr>/<plen>`, host bits zero. */
  readonly to: string;
  /** Gateway address, same family. A route needs a dev or a via, or both. */
  readonly via?: string;
  readonly dev?: string;
  /** 1..4294967295; default main (254). */
  readonly table?: number;
  /** 0..4294967295; default 0. */
  readonly metric?: number;
}

export interface RuleSpec {
  readonly family: Family;
  /** Source prefix `<addr>/<plen>`; a rule needs from or to (or both). */
  readonly from?: string;
  readonly to?: string;
  /** 1..4294967295. */
  readonly table: number;
  /** 1..4294967295; undefined: the kernel picks (just above the last rule). */
  readonly priority?: number;
}

function cidr(text: string, family: Family, what: string): string {
  const [addr, plen, ...rest] = text.split('/');
  const max = family === 4 ? 32 : 128;
  if (
    rest.length > 0 ||
    addr === undefined ||
    plen === undefined ||
    isIP(addr) !== family ||
    !/^\d{1,3}$/.test(plen) ||
    Number(plen) > max
  ) {
    throw new InvalidArgumentError(`${what} ${JSON.stringify(text)} is not an IPv${family} prefix`, {
      address: text,
    });
  }
  return `${addr}/${Number(plen)}`;
}

function u32(v: number | undefined, fallback: number, min: number, what: string): number {
  const n = v ?? fallback;
  if (!Number.isInteger(n) || n < min || n > U32_MAX) {
    throw new InvalidArgumentError(`${what} ${String(v)} is out of range (${min}..${U32_MAX})`, {});
  }
  return n;
}

/** The agent's route-add line without id and epoch: `<to> <dev|-> <via|-> <table> <metric>`. */
export function routeArgs(r: RouteSpec): string {
  const to = cidr(r.to, r.family, 'route destination');
  if (r.via !== undefined && isIP(r.via) !== r.family) {
    throw new InvalidArgumentError(
      `route gateway ${JSON.stringify(r.via)} is not an IPv${r.family} address`,
      {
        address: r.to,
      },
    );
  }
  if (r.dev !== undefined && !/^[A-Za-z0-9_.-][A-Za-z0-9_.@-]{0,14}$/.test(r.dev)) {
    throw new InvalidArgumentError(`route dev ${JSON.stringify(r.dev)} is not an interface name`, {
      address: r.to,
    });
  }
  if (r.via === undefined && r.dev === undefined) {
    throw new InvalidArgumentError(`route ${to} needs a dev or a via`, { address: r.to });
  }
  const table = u32(r.table, MAIN_TABLE, 1, 'route table');
  const metric = u32(r.metric, 0, 0, 'route metric');
  return `${to} ${r.dev ?? '-'} ${r.via ?? '-'} ${table} ${metric}`;
}

/** The agent's rule-add line without id and epoch: `<from|-> <to|-> <table> <priority>`. */
export function ruleArgs(r: RuleSpec): string {
  if (r.from === undefined && r.to === undefined) {
    throw new InvalidArgumentError('a rule needs a from or a to', {});
  }
  const from = r.from === undefined ? '-' : cidr(r.from, r.family, 'rule from');
  const to = r.to === undefined ? '-' : cidr(r.to, r.family, 'rule to');
  const table = u32(r.table, MAIN_TABLE, 1, 'rule table');
  const priority = u32(r.priority, 0, 0, 'rule priority');
  return `${from} ${to} ${table} ${priority}`;
}

/** How a route reads in logs and errors: `ip route`'s words. */
export function describeRoute(r: RouteSpec): string {
  return [
    r.to,
    ...(r.via !== undefined ? ['via', r.via] : []),
    ...(r.dev !== undefined ? ['dev', r.dev] : []),
    ...(r.table !== undefined && r.table !== MAIN_TABLE ? ['table', String(r.table)] : []),
    ...(r.metric ? ['metric', String(r.metric)] : []),
  ].join(' ');
}

/** How a rule reads in logs and errors: `ip rule`'s words. */
export function describeRule(r: RuleSpec): string {
  return [
    ...(r.priority !== undefined ? [`${r.priority}:`] : []),
    'from',
    r.from ?? 'all',
    ...(r.to !== undefined ? ['to', r.to] : []),
    'lookup',
    String(r.table),
  ].join(' ');
}
