/**
 * `--route` and `--rule` (keepalived's virtual_routes and virtual_rules) in `ip route` / `ip rule`
 * words, and how `vip get` shows them back in the same words. Pure: the syntax and the numbers
 * are checked here, one line each; prefixes and families by the coordinator (parseVipSpec).
 */
import type { VipRoute__Output, VipRule__Output } from '@vipd/proto';
import { UsageError } from './errors';

const U32_MAX = 0xffffffff;

function number(flag: string, word: string, text: string | undefined, min: number): number {
  if (text === undefined || !/^\d{1,10}$/.test(text) || Number(text) < min || Number(text) > U32_MAX) {
    throw new UsageError(
      `bad ${flag}: ${word} takes a number ${min}..${U32_MAX}, got ${JSON.stringify(text ?? '')}`,
    );
  }
  return Number(text);
}

/** Pairs of `word value` after the first word (routes) or from the start (rules). */
function pairs(flag: string, words: string[], allowed: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < words.length; i += 2) {
    const word = words[i]!;
    if (!allowed.includes(word)) {
      throw new UsageError(`bad ${flag}: unknown word ${JSON.stringify(word)} (${allowed.join(', ')})`);
    }
    if (out.has(word)) throw new UsageError(`bad ${flag}: ${word} given twice`);
    const value = words[i + 1];
    if (value === undefined) throw new UsageError(`bad ${flag}: ${word} needs a value`);
    out.set(word, value);
  }
  return out;
}

/** `--route 'TO [via GW] [dev IF] [table N] [metric N]'` (TO: ADDR/PREFIX or default). */
export function parseRouteFlag(text: string): VipRoute__Output {
  const [to, ...rest] = text.trim().split(/\s+/);
  if (!to || to === 'via' || to === 'dev') {
    throw new UsageError(
      `bad --route ${JSON.stringify(text)}: it starts with the destination (ADDR/PREFIX or default)`,
    );
  }
  const p = pairs('--route', rest, ['via', 'dev', 'table', 'metric']);
  return {
    to,
    via: p.get('via') ?? '',
    dev: p.get('dev') ?? '',
    table: p.has('table') ? number('--route', 'table', p.get('table'), 1) : 0,
    metric: p.has('metric') ? number('--route', 'metric', p.get('metric'), 0) : 0,
  };
}

/** `--rule '[from PREFIX] [to PREFIX] table N [priority N]'`. */
export function parseRuleFlag(text: string): VipRule__Output {
  const p = pairs('--rule', text.trim().split(/\s+/).filter(Boolean), ['from', 'to', 'table', 'priority']);
  if (!p.has('from') && !p.has('to'))
    throw new UsageError(`bad --rule ${JSON.stringify(text)}: give from or to`);
  if (!p.has('table')) throw new UsageError(`bad --rule ${JSON.stringify(text)}: give a table`);
  return {
    from: p.get('from') ?? '',
    to: p.get('to') ?? '',
    table: number('--rule', 'table', p.get('table'), 1),
    priority: p.has('priority') ? number('--rule', 'priority', p.get('priority'), 1) : 0,
  };
}

/** A route as `vip get` shows it: the words --route takes. */
export function routeText(r: VipRoute__Output): string {
  return [
    r.to,
    ...(r.via ? ['via', r.via] : []),
    ...(r.dev ? ['dev', r.dev] : []),
    ...(r.table && r.table !== 254 ? ['table', String(r.table)] : []),
    ...(r.metric ? ['metric', String(r.metric)] : []),
  ].join(' ');
}

/** A rule as `vip get` shows it: the words --rule takes. */
export function ruleText(r: VipRule__Output): string {
  return [
    ...(r.from ? ['from', r.from] : []),
    ...(r.to ? ['to', r.to] : []),
    'table',
    String(r.table),
    ...(r.priority ? ['priority', String(r.priority)] : []),
  ].join(' ');
}

/** `--group NAME`: a VIP group's name (lower-case letters, digits and "-", as a VIP's). */
export function parseGroupFlag(text: string): string {
  if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(text)) {
    throw new UsageError(
      `bad --group ${JSON.stringify(text)}: lower-case letters, digits and "-", at most 63 characters`,
    );
  }
  return text;
}

/** `--vmac ID`: 1..255, or 0 (`vip set`: none). */
export function parseVmacFlag(text: string): number {
  if (!/^\d{1,3}$/.test(text) || Number(text) > 255) {
    throw new UsageError(`bad --vmac ${JSON.stringify(text)}: an id 1..255 (0: none)`);
  }
  return Number(text);
}
