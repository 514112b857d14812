/**
 * Every vipadm command: its words, options and positional arguments, and a pure builder
 * from parsed values to a Command. Help texts live in help.ts under the same paths.
 */
import type { AnnounceSettings__Output } from '@vipd/proto';
import { UsageError } from './errors';
import { POOL_ALIASES, POOL_COMMANDS, type PoolCommand } from './pool-commands';
import { parseGroupFlag, parseRouteFlag, parseRuleFlag, parseVmacFlag } from './route-flags';
import { SERVICE_ALIASES, SERVICE_COMMANDS, type ServiceCommand } from './service-commands';
import type { VipChanges } from './spec';
import { buildSpec } from './spec';
import type { VipSpecInput } from './spec';
import {
  announceSetting,
  trackEntry,
  ANNOUNCE_MODES,
  DEFAULT_ANNOUNCE,
  interfaceName,
  LABEL_RE,
  nodeInterface,
  nodeName,
  nodePriority,
  onEtcdLoss,
  parseInteger,
  SCOPES,
  vipAddress,
  vipName,
  VIP_NAME_RE,
} from './values';

export type Command =
  | { kind: 'help'; topic: string }
  | { kind: 'version' }
  | { kind: 'vip-add'; spec: VipSpecInput; pool?: string; family?: 'ipv4' | 'ipv6' }
  | { kind: 'vip-set'; name: string; changes: VipChanges }
  | { kind: 'vip-list' }
  | { kind: 'vip-get'; name: string }
  | { kind: 'vip-rm'; name: string }
  | { kind: 'vip-move'; name: string; to: string; timeoutMs: number }
  | { kind: 'vip-unpin'; name: string }
  | { kind: 'node-list' }
  | { kind: 'node-drain'; name: string }
  | { kind: 'node-undrain'; name: string }
  | { kind: 'status' }
  | { kind: 'watch'; vip?: string; node?: string }
  | { kind: 'completion'; shell: 'bash' | 'zsh' }
  | { kind: 'config-view' }
  | { kind: 'apply'; file: string; dryRun: boolean; prune: boolean }
  | { kind: 'export' }
  | { kind: 'import-keepalived'; file: string; node?: string }
  | ServiceCommand
  | PoolCommand;

export type OptionSpec = Record<string, { value: boolean; repeat?: boolean }>;

export interface CommandDef {
  options: OptionSpec;
  /** Names of the positional arguments, all required. */
  args: string[];
  /** Runs without the coordinator (no server, token or config file needed). */
  local?: boolean;
  build(args: string[], options: Map<string, string[]>): Command;
}

export const DEFAULT_MOVE_TIMEOUT_MS = 10_000;
/** The coordinator's cap (services/coordinator move.ts). */
export const MAX_MOVE_TIMEOUT_MS = 600_000;

const SPEC_OPTIONS: OptionSpec = {
  address: { value: true },
  interface: { value: true },
  node: { value: true, repeat: true },
  'node-interface': { value: true, repeat: true },
  preempt: { value: false },
  'no-preempt': { value: false },
  'preempt-delay': { value: true },
  'announce-count': { value: true },
  'announce-interval': { value: true },
  'announce-refresh': { value: true },
  'announce-probe': { value: true },
  'announce-second-burst': { value: true },
  'announce-mode': { value: true },
  track: { value: true, repeat: true },
  label: { value: true },
  'no-prefix-route': { value: false },
  'prefix-route': { value: false },
  scope: { value: true },
  broadcast: { value: true },
  route: { value: true, repeat: true },
  rule: { value: true, repeat: true },
  vmac: { value: true },
  group: { value: true },
  'on-etcd-loss': { value: true },
};

/** `vip set` can also clear the tracked checks (an empty list cannot be given as --track). */
const SET_OPTIONS: OptionSpec = {
  ...SPEC_OPTIONS,
  'no-track': { value: false },
  'no-routes': { value: false },
  'no-rules': { value: false },
  'no-group': { value: false },
};

/** --announce-* option → AnnounceSettings field and its maximum (the minimum is 1, see announceSetting). */
const ANNOUNCE_OPTIONS: [string, Exclude<keyof AnnounceSettings__Output, 'mode'>, number][] = [
  ['announce-count', 'count', 100],
  ['announce-interval', 'interval_ms', 60_000],
  ['announce-refresh', 'refresh_ms', 86_400_000],
  ['announce-probe', 'probe_ms', 86_400_000],
];

/** The spec options as changes; nothing given gives an empty object. */
function specChanges(options: Map<string, string[]>): VipChanges {
  const one = (name: string) => options.get(name)?.[0];
  const changes: VipChanges = {};
  const address = one('address');
  if (address !== undefined) changes.address = vipAddress(address);
  const iface = one('interface');
  if (iface !== undefined) changes.interface = interfaceName(iface);
  const nodes = options.get('node');
  if (nodes) {
    changes.nodes = {};
    for (const text of nodes) {
      const [name, priority] = nodePriority(text);
      if (changes.nodes[name]) throw new UsageError(`--node ${name} given twice`);
      changes.nodes[name] = priority;
    }
  }
  const overrides = options.get('node-interface');
  if (overrides) changes.nodeInterfaces = Object.fromEntries(overrides.map(nodeInterface));
  if (options.has('preempt') && options.has('no-preempt')) {
    throw new UsageError('give --preempt or --no-preempt, not both');
  }
  if (options.has('preempt')) changes.preempt = true;
  if (options.has('no-preempt')) changes.preempt = false;
  const delay = one('preempt-delay');
  if (delay !== undefined) changes.preemptDelayMs = parseInteger('--preempt-delay', delay, 0, 3_600_000);
  const announce: Partial<AnnounceSettings__Output> = {};
  for (const [option, field, max] of ANNOUNCE_OPTIONS) {
    const text = one(option);
    if (text !== undefined)
      announce[field] = announceSetting(`--${option}`, text, max, DEFAULT_ANNOUNCE[field]);
  }
  const second = one('announce-second-burst');
  // 0 is "none" here, which is also the default: the one announce option that takes it.
  if (second !== undefined)
    announce.second_burst_delay_ms = parseInteger('--announce-second-burst', second, 0, 3_600_000);
  const mode = one('announce-mode');
  if (mode !== undefined) {
    if (!(ANNOUNCE_MODES as readonly string[]).includes(mode))
      throw new UsageError(`bad --announce-mode ${JSON.stringify(mode)}: arp, bgp or both`);
    announce.mode = mode;
  }
  if (Object.keys(announce).length > 0) changes.announce = announce;
  const label = one('label');
  if (label !== undefined) {
    if (label !== '' && !LABEL_RE.test(label)) {
      throw new UsageError(
        `bad --label ${JSON.stringify(label)}: 1-14 letters, digits, ".", "_" or "-" (the part after "IF:"), or "" for the default`,
      );
    }
    changes.label = label;
  }
  if (options.has('no-prefix-route') && options.has('prefix-route')) {
    throw new UsageError('give --no-prefix-route or --prefix-route, not both');
  }
  if (options.has('no-prefix-route')) changes.noPrefixRoute = true;
  if (options.has('prefix-route')) changes.noPrefixRoute = false;
  const scope = one('scope');
  if (scope !== undefined) {
    if (!(SCOPES as readonly string[]).includes(scope)) {
      throw new UsageError(`bad --scope ${JSON.stringify(scope)}: ${SCOPES.join(', ')}`);
    }
    changes.scope = scope;
  }
  const broadcast = one('broadcast');
  if (broadcast !== undefined) changes.broadcast = broadcast;
  const track = options.get('track');
  if (track && options.has('no-track')) throw new UsageError('give --track or --no-track, not both');
  if (options.has('no-track')) {
    changes.track = [];
    changes.trackWeighted = [];
  }
  if (track) {
    const hard: string[] = [];
    const weighted: { check: string; weight: number }[] = [];
    for (const text of track) {
      const { check, weight } = trackEntry(text);
      if (hard.includes(check) || weighted.some((t) => t.check === check)) {
        throw new UsageError(`--track ${check} given twice`);
      }
      if (weight === undefined) hard.push(check);
      else weighted.push({ check, weight });
    }
    changes.track = hard;
    changes.trackWeighted = weighted;
  }
  const onLoss = one('on-etcd-loss');
  if (onLoss !== undefined) changes.onEtcdLoss = onEtcdLoss(onLoss);
  const routes = options.get('route');
  if (routes && options.has('no-routes')) throw new UsageError('give --route or --no-routes, not both');
  if (routes) changes.routes = routes.map(parseRouteFlag);
  if (options.has('no-routes')) changes.routes = [];
  const rules = options.get('rule');
  if (rules && options.has('no-rules')) throw new UsageError('give --rule or --no-rules, not both');
  if (rules) changes.rules = rules.map(parseRuleFlag);
  if (options.has('no-rules')) changes.rules = [];
  const vmac = one('vmac');
  if (vmac !== undefined) changes.vmac = parseVmacFlag(vmac);
  const group = one('group');
  if (group !== undefined && options.has('no-group'))
    throw new UsageError('give --group or --no-group, not both');
  if (group !== undefined) changes.group = parseGroupFlag(group);
  if (options.has('no-group')) changes.group = '';
  return changes;
}

const none: OptionSpec = {};

export const COMMANDS: Record<string, CommandDef> = {
  'vip add': {
    options: { ...SPEC_OPTIONS, pool: { value: true }, family: { value: true } },
    args: ['NAME'],
    build: ([name], options) => {
      const pool = options.get('pool')?.[0];
      const family = options.get('family')?.[0];
      if (pool !== undefined && options.has('address')) {
        throw new UsageError('"vip add" takes --address or --pool, not both');
      }
      if (pool === undefined && !options.has('address')) {
        throw new UsageError('"vip add" needs --address ADDR/PREFIX (or --pool POOL)');
      }
      if (family !== undefined && pool === undefined) throw new UsageError('--family goes with --pool');
      if (family !== undefined && family !== 'ipv4' && family !== 'ipv6') {
        throw new UsageError(`bad --family ${JSON.stringify(family)}: ipv4 or ipv6`);
      }
      if (!options.has('interface')) throw new UsageError('"vip add" needs --interface IF');
      const spec = buildSpec(vipName(name!), specChanges(options));
      if (pool === undefined) return { kind: 'vip-add', spec };
      if (!VIP_NAME_RE.test(pool))
        throw new UsageError(`bad --pool ${JSON.stringify(pool)}: not a pool name`);
      return { kind: 'vip-add', spec, pool, ...(family !== undefined && { family }) };
    },
  },
  'vip set': {
    options: SET_OPTIONS,
    args: ['NAME'],
    build: ([name], options) => {
      const changes = specChanges(options);
      if (Object.keys(changes).length === 0) {
        throw new UsageError('"vip set" needs at least one change (see vipadm vip set --help)');
      }
      return { kind: 'vip-set', name: vipName(name!), changes };
    },
  },
  'vip list': { options: none, args: [], build: () => ({ kind: 'vip-list' }) },
  'vip get': {
    options: none,
    args: ['NAME'],
    build: ([name]) => ({ kind: 'vip-get', name: vipName(name!) }),
  },
  'vip rm': { options: none, args: ['NAME'], build: ([name]) => ({ kind: 'vip-rm', name: vipName(name!) }) },
  'vip move': {
    options: { to: { value: true }, timeout: { value: true } },
    args: ['NAME'],
    build: ([name], options) => {
      const to = options.get('to')?.[0];
      if (to === undefined) throw new UsageError('"vip move" needs --to NODE');
      const timeout = options.get('timeout')?.[0];
      const timeoutMs =
        timeout === undefined
          ? DEFAULT_MOVE_TIMEOUT_MS
          : parseInteger('--timeout', timeout, 1, MAX_MOVE_TIMEOUT_MS);
      return { kind: 'vip-move', name: vipName(name!), to: nodeName(to, '--to node'), timeoutMs };
    },
  },
  'vip unpin': {
    options: none,
    args: ['NAME'],
    build: ([name]) => ({ kind: 'vip-unpin', name: vipName(name!) }),
  },
  'node list': { options: none, args: [], build: () => ({ kind: 'node-list' }) },
  'node drain': {
    options: none,
    args: ['NODE'],
    build: ([name]) => ({ kind: 'node-drain', name: nodeName(name!) }),
  },
  'node undrain': {
    options: none,
    args: ['NODE'],
    build: ([name]) => ({ kind: 'node-undrain', name: nodeName(name!) }),
  },
  status: { options: none, args: [], build: () => ({ kind: 'status' }) },
  watch: {
    options: { vip: { value: true }, node: { value: true } },
    args: [],
    build: (_args, options) => {
      const vip = options.get('vip')?.[0];
      const node = options.get('node')?.[0];
      return {
        kind: 'watch',
        ...(vip !== undefined && { vip: vipName(vip) }),
        ...(node !== undefined && { node: nodeName(node) }),
      };
    },
  },
  'config view': { options: none, args: [], build: () => ({ kind: 'config-view' }) },
  apply: {
    options: { file: { value: true }, 'dry-run': { value: false }, prune: { value: false } },
    args: [],
    build: (_args, options) => {
      const file = options.get('file')?.[0];
      if (file === undefined)
        throw new UsageError('"apply" needs -f FILE (what vipadm export writes; - for stdin)');
      return { kind: 'apply', file, dryRun: options.has('dry-run'), prune: options.has('prune') };
    },
  },
  export: { options: none, args: [], build: () => ({ kind: 'export' }) },
  'import-keepalived': {
    options: { node: { value: true } },
    args: ['FILE'],
    local: true,
    build: ([file], options) => {
      const node = options.get('node')?.[0];
      return {
        kind: 'import-keepalived',
        file: file!,
        ...(node !== undefined && { node: nodeName(node, '--node') }),
      };
    },
  },
  completion: {
    options: none,
    args: ['SHELL'],
    local: true,
    build: ([shell]) => {
      if (shell !== 'bash' && shell !== 'zsh') {
        throw new UsageError(`completion: SHELL must be bash or zsh, got ${JSON.stringify(shell)}`);
      }
      return { kind: 'completion', shell };
    },
  },
  ...SERVICE_COMMANDS,
  ...POOL_COMMANDS,
};

/** Other words for the same command. */
const ALIASES: Record<string, string> = {
  'vip ls': 'vip list',
  'vip delete': 'vip rm',
  'vip remove': 'vip rm',
  'vip show': 'vip get',
  'node ls': 'node list',
  ...SERVICE_ALIASES,
  ...POOL_ALIASES,
};

/** First words that need a second one. */
export const GROUPS = ['vip', 'node', 'config', 'service', 'pool'];

/** The command the leading words name (longest match), with its canonical path. */
export function resolveCommand(words: readonly string[]): { path: string; def: CommandDef } | undefined {
  const candidates = GROUPS.includes(words[0] ?? '')
    ? [words.slice(0, 3).join(' '), words.slice(0, 2).join(' ')]
    : [words[0] ?? ''];
  for (const typed of candidates) {
    const path = ALIASES[typed] ?? typed;
    const def = COMMANDS[path];
    if (def) return { path, def };
  }
  return undefined;
}
