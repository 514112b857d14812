/**
 * The `service` commands (virtual services, docs/services.md): their options and pure builders
 * from parsed values to a ServiceCommand. Running them is service-run.ts; help is service-help.ts.
 * The coordinator validates every spec again (the same code vipd runs); what is checked here is
 * what can be told from the command line alone, as a usage error (exit 2).
 */
import type { ServiceCheck, ServiceSpec } from '@vipd/proto';
import type { CommandDef, OptionSpec } from './commands';
import { UsageError } from './errors';
import { parseInteger, vipName } from './values';

export interface BackendArg {
  address: string;
  port: number;
  weight?: number;
}

/** The spec fields a command gives; the check's fields are merged into the current check by `set`. */
export type ServiceChanges = Omit<ServiceSpec, 'name' | 'check' | 'backends'> & {
  backends?: BackendArg[];
  check?: ServiceCheck;
};

export type ServiceCommand =
  | { kind: 'service-add'; name: string; changes: ServiceChanges }
  | { kind: 'service-set'; name: string; changes: ServiceChanges }
  | { kind: 'service-list' }
  | { kind: 'service-get'; name: string }
  | { kind: 'service-rm'; name: string }
  | {
      kind: 'service-backend';
      action: 'add' | 'rm' | 'drain' | 'weight';
      name: string;
      backend: BackendArg;
    };

export const MAX_WEIGHT = 1000;
const SCHEDULERS = ['rr', 'wrr', 'sh', 'random'];

export const SERVICE_OPTIONS: OptionSpec = {
  vip: { value: true },
  port: { value: true },
  protocol: { value: true },
  scheduler: { value: true },
  mode: { value: true },
  snat: { value: false },
  'no-snat': { value: false },
  backend: { value: true, repeat: true },
  check: { value: true },
  'check-arg': { value: true, repeat: true },
  'check-interval': { value: true },
  'check-timeout': { value: true },
  'check-rise': { value: true },
  'check-fall': { value: true },
  'check-status': { value: true },
  'check-body': { value: true },
  'check-port': { value: true },
  sorry: { value: true },
  'no-sorry': { value: false },
  quorum: { value: true },
};

/** `ADDR:PORT` or `[V6]:PORT`, optionally `=WEIGHT`; the coordinator checks the address fully. */
export function backendArg(text: string, what = '--backend', weighted = true): BackendArg {
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|(\d{1,3}(?:\.\d{1,3}){3})):(\d{1,5})(?:=(\d{1,5}))?$/.exec(text);
  if (m === null || (!weighted && m[4] !== undefined)) {
    throw new UsageError(
      `${what} must be ADDR:PORT${weighted ? '[=WEIGHT]' : ''} (IPv6 as [ADDR]:PORT), got ${JSON.stringify(text)}`,
    );
  }
  const port = Number(m[3]);
  if (port < 1 || port > 65_535) throw new UsageError(`${what} ${text}: port must be 1-65535`);
  const weight = m[4] === undefined ? undefined : Number(m[4]);
  if (weight !== undefined && weight > MAX_WEIGHT) {
    throw new UsageError(`${what} ${text}: weight must be 0-${MAX_WEIGHT}`);
  }
  return { address: (m[1] ?? m[2])!, port, ...(weight !== undefined && { weight }) };
}

const targetKey = (b: { address: string; port: number }) => `${b.address.toLowerCase()}:${b.port}`;

function oneOf(option: string, text: string, allowed: readonly string[]): string {
  if (!allowed.includes(text)) {
    throw new UsageError(`--${option} must be ${allowed.join(', ')}; got ${JSON.stringify(text)}`);
  }
  return text;
}

/** `tcp`, `none`, `http`, `http:/PATH` or `exec:COMMAND` (arguments with --check-arg). */
function checkType(text: string): ServiceCheck {
  if (text === 'tcp' || text === 'none' || text === 'http') return { type: text };
  if (text.startsWith('http:/') && !/\s/.test(text)) return { type: 'http', path: text.slice(5) };
  if (text.startsWith('exec:') && text.length > 5) return { type: 'exec', argv: [text.slice(5)] };
  throw new UsageError(
    `--check must be tcp, http, http:/PATH, exec:COMMAND or none; got ${JSON.stringify(text)}`,
  );
}

/** The options given, as changes; nothing given gives an empty object. */
export function serviceChanges(options: Map<string, string[]>): ServiceChanges {
  const one = (name: string) => options.get(name)?.[0];
  const int = (name: string, min: number, max: number): number | undefined => {
    const text = one(name);
    return text === undefined ? undefined : parseInteger(`--${name}`, text, min, max);
  };
  const both = (a: string, b: string) => {
    if (options.has(a) && options.has(b)) throw new UsageError(`give --${a} or --${b}, not both`);
  };
  const changes: ServiceChanges = {};
  const vip = one('vip');
  if (vip !== undefined) changes.vip = vipName(vip);
  const port = int('port', 1, 65_535);
  if (port !== undefined) changes.port = port;
  const protocol = one('protocol');
  if (protocol !== undefined) changes.protocol = oneOf('protocol', protocol, ['tcp', 'udp']);
  const scheduler = one('scheduler');
  if (scheduler !== undefined) changes.scheduler = oneOf('scheduler', scheduler, SCHEDULERS);
  const mode = one('mode');
  if (mode !== undefined) changes.mode = oneOf('mode', mode, ['nat', 'dr']);
  both('snat', 'no-snat');
  if (options.has('snat')) changes.snat = true;
  if (options.has('no-snat')) changes.snat = false;
  const backends = options.get('backend');
  if (backends) {
    const seen = new Set<string>();
    changes.backends = backends.map((text) => {
      const b = backendArg(text);
      if (seen.has(targetKey(b))) throw new UsageError(`--backend ${b.address}:${b.port} given twice`);
      seen.add(targetKey(b));
      return b;
    });
  }
  both('sorry', 'no-sorry');
  const sorry = one('sorry');
  if (sorry !== undefined) {
    const t = backendArg(sorry, '--sorry', false);
    changes.sorry = t.address.includes(':') ? `[${t.address}]:${t.port}` : `${t.address}:${t.port}`;
  }
  if (options.has('no-sorry')) changes.sorry = '';
  const quorum = int('quorum', 0, 256);
  if (quorum !== undefined) changes.quorum = quorum;
  const check: ServiceCheck = {};
  const type = one('check');
  if (type !== undefined) Object.assign(check, checkType(type));
  const args = options.get('check-arg');
  if (args) {
    if (check.type !== 'exec') throw new UsageError('--check-arg goes with --check exec:COMMAND');
    check.argv = [...check.argv!, ...args];
  }
  const numbers: [string, keyof ServiceCheck, number, number][] = [
    ['check-interval', 'interval_ms', 50, 3_600_000],
    ['check-timeout', 'timeout_ms', 10, 3_600_000],
    ['check-rise', 'rise', 1, 100],
    ['check-fall', 'fall', 1, 100],
    ['check-status', 'expect_status', 100, 599],
    ['check-port', 'port', 1, 65_535],
  ];
  for (const [option, field, min, max] of numbers) {
    const value = int(option, min, max);
    if (value !== undefined) (check as Record<string, unknown>)[field] = value;
  }
  const body = one('check-body');
  if (body !== undefined) check.expect_body = body;
  if (Object.keys(check).length > 0) changes.check = check;
  return changes;
}

function serviceName(text: string): string {
  if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(text)) {
    throw new UsageError(
      `bad service name ${JSON.stringify(text)}: lower-case letters, digits and "-", at most 63 characters`,
    );
  }
  return text;
}

const none: OptionSpec = {};

function backendCommand(action: 'add' | 'rm' | 'drain'): CommandDef {
  return {
    options: none,
    args: ['NAME', action === 'add' ? 'ADDR:PORT[=WEIGHT]' : 'ADDR:PORT'],
    build: ([name, target]) => ({
      kind: 'service-backend',
      action,
      name: serviceName(name!),
      backend: backendArg(target!, 'the backend', action === 'add'),
    }),
  };
}

export const SERVICE_COMMANDS: Record<string, CommandDef> = {
  'service add': {
    options: SERVICE_OPTIONS,
    args: ['NAME'],
    build: ([name], options) => {
      if (!options.has('vip')) throw new UsageError('"service add" needs --vip VIPNAME');
      if (!options.has('port')) throw new UsageError('"service add" needs --port PORT');
      if (!options.has('backend'))
        throw new UsageError('"service add" needs --backend ADDR:PORT (at least one)');
      return { kind: 'service-add', name: serviceName(name!), changes: serviceChanges(options) };
    },
  },
  'service set': {
    options: SERVICE_OPTIONS,
    args: ['NAME'],
    build: ([name], options) => {
      const changes = serviceChanges(options);
      if (Object.keys(changes).length === 0) {
        throw new UsageError('"service set" needs at least one change (see vipadm service set --help)');
      }
      return { kind: 'service-set', name: serviceName(name!), changes };
    },
  },
  'service list': { options: none, args: [], build: () => ({ kind: 'service-list' }) },
  'service get': {
    options: none,
    args: ['NAME'],
    build: ([name]) => ({ kind: 'service-get', name: serviceName(name!) }),
  },
  'service rm': {
    options: none,
    args: ['NAME'],
    build: ([name]) => ({ kind: 'service-rm', name: serviceName(name!) }),
  },
  'service backend add': backendCommand('add'),
  'service backend rm': backendCommand('rm'),
  'service backend drain': backendCommand('drain'),
  'service backend weight': {
    options: none,
    args: ['NAME', 'ADDR:PORT', 'WEIGHT'],
    build: ([name, target, weight]) => ({
      kind: 'service-backend',
      action: 'weight',
      name: serviceName(name!),
      backend: {
        ...backendArg(target!, 'the backend', false),
        weight: parseInteger('WEIGHT', weight!, 0, MAX_WEIGHT),
      },
    }),
  },
};

export const SERVICE_ALIASES: Record<string, string> = {
  'service ls': 'service list',
  'service show': 'service get',
  'service delete': 'service rm',
  'service remove': 'service rm',
};

export function isServiceCommand(command: { kind: string }): command is ServiceCommand {
  return command.kind.startsWith('service-');
}
