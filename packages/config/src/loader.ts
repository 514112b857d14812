/**
 * Config in stages: YAML file < environment (VIPD_*) < flags, merged; then the pure
 * validate(). argv, env and the file reader are parameters so tests inject them.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from './errors';
import { type VipdConfig, validateVipdConfig } from './schema';

type Kind = 'string' | 'int' | 'list' | 'bool';

interface Setting {
  path: string[];
  kind: Kind;
  flag?: string;
  env?: string;
}

/** Every setting that can come from the environment or a flag. Secrets have no flag (ps shows flags). */
export const SETTINGS: Setting[] = [
  { path: ['node', 'name'], kind: 'string', flag: '--node-name', env: 'VIPD_NODE_NAME' },
  { path: ['node', 'listen'], kind: 'string', flag: '--listen', env: 'VIPD_NODE_LISTEN' },
  { path: ['node', 'advertise'], kind: 'string', flag: '--advertise', env: 'VIPD_NODE_ADVERTISE' },
  { path: ['node', 'drained'], kind: 'bool', flag: '--drained', env: 'VIPD_NODE_DRAINED' },
  { path: ['cluster'], kind: 'string', flag: '--cluster', env: 'VIPD_CLUSTER' },
  { path: ['etcd', 'endpoints'], kind: 'list', flag: '--etcd-endpoints', env: 'VIPD_ETCD_ENDPOINTS' },
  { path: ['etcd', 'auth', 'username'], kind: 'string', env: 'VIPD_ETCD_USERNAME' },
  { path: ['etcd', 'auth', 'password'], kind: 'string', env: 'VIPD_ETCD_PASSWORD' },
  { path: ['lease', 'ttlSeconds'], kind: 'int', flag: '--lease-ttl', env: 'VIPD_LEASE_TTL_SECONDS' },
  {
    path: ['heartbeat', 'intervalMs'],
    kind: 'int',
    flag: '--heartbeat-interval',
    env: 'VIPD_HEARTBEAT_INTERVAL_MS',
  },
  { path: ['log', 'level'], kind: 'string', flag: '--log-level', env: 'VIPD_LOG_LEVEL' },
  { path: ['log', 'format'], kind: 'string', flag: '--log-format', env: 'VIPD_LOG_FORMAT' },
];

export interface LoadInput {
  argv: string[];
  env: NodeJS.ProcessEnv;
  readFile?: (path: string) => string;
  defaultNodeName?: string;
}

export interface LoadedConfig {
  config: VipdConfig;
  /** Where the file came from, if any. */
  file?: string;
}

/** Merges file, env and flags, resolves secret files, validates. Throws ConfigError. */
export function loadVipdConfig(input: LoadInput): LoadedConfig {
  const readFile = input.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  const { file, flags } = parseFlags(input.argv);
  let merged: Record<string, unknown> = {};
  if (file !== undefined) merged = readYaml(file, readFile);
  for (const s of SETTINGS) {
    const raw = s.env !== undefined ? input.env[s.env] : undefined;
    if (raw !== undefined && raw !== '') setPath(merged, s.path, convert(raw, s, s.env ?? ''));
  }
  for (const [flag, raw] of flags) {
    const s = SETTINGS.find((x) => x.flag === flag);
    if (s) setPath(merged, s.path, convert(raw, s, flag));
  }
  const node = (merged.node ??= {}) as Record<string, unknown>;
  node.name ??= input.defaultNodeName ?? hostname().split('.')[0];
  const auth = (merged.etcd as Record<string, unknown> | undefined)?.auth as
    Record<string, unknown> | undefined;
  if (auth && typeof auth.passwordFile === 'string' && auth.password === undefined) {
    auth.password = readSecretFile(auth.passwordFile, readFile);
    delete auth.passwordFile;
  }
  const result = validateVipdConfig(merged);
  if ('problems' in result) {
    const where = file !== undefined ? ` (${file})` : '';
    throw new ConfigError(`invalid config${where}: ${result.problems.join('; ')}`, result.problems);
  }
  return { config: result.config, file };
}

/** A copy safe to print or log: every secret replaced. */
export function maskSecrets<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (k, v: unknown) =>
      /^(password|token|key|secret)$/i.test(k) && typeof v === 'string' ? '[redacted]' : v,
    ),
  ) as T;
}

const BOOL_FLAGS = new Set(SETTINGS.filter((s) => s.kind === 'bool').map((s) => s.flag));

function parseFlags(argv: string[]): { file?: string; flags: [string, string][] } {
  const flags: [string, string][] = [];
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const known = name === '--config' || SETTINGS.some((s) => s.flag === name);
    if (!known) throw new ConfigError(`unknown argument ${JSON.stringify(arg)} (see --help)`);
    let value: string;
    if (BOOL_FLAGS.has(name) && inline === undefined) value = 'true';
    else if (inline !== undefined) value = inline;
    else {
      const next = argv[++i];
      if (next === undefined) throw new ConfigError(`${name} needs a value`);
      value = next;
    }
    if (name === '--config') file = value;
    else flags.push([name, value]);
  }
  return { file, flags };
}

function readYaml(file: string, readFile: (p: string) => string): Record<string, unknown> {
  let text: string;
  try {
    text = readFile(file);
  } catch (err) {
    throw new ConfigError(`cannot read config ${file}: ${(err as Error).message}`, undefined, { cause: err });
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    const first = (err as Error).message.split('\n')[0];
    throw new ConfigError(`config ${file} is not valid YAML: ${first}`, undefined, { cause: err });
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new ConfigError(`config ${file}: the top level must be a mapping`);
  }
  return doc as Record<string, unknown>;
}

function readSecretFile(path: string, readFile: (p: string) => string): string {
  try {
    return readFile(path).trim();
  } catch (err) {
    throw new ConfigError(`cannot read etcd.auth.passwordFile ${path}: ${(err as Error).message}`);
  }
}

function convert(raw: string, s: Setting, source: string): unknown {
  switch (s.kind) {
    case 'int': {
      if (!/^-?\d+$/.test(raw.trim()))
        throw new ConfigError(`${source}: ${JSON.stringify(raw)} is not a whole number`);
      return Number(raw);
    }
    case 'bool': {
      if (!/^(true|false|1|0|yes|no)$/i.test(raw))
        throw new ConfigError(`${source}: ${JSON.stringify(raw)} is not true/false`);
      return /^(true|1|yes)$/i.test(raw);
    }
    case 'list':
      return raw
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x.length > 0);
    default:
      return raw;
  }
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let cur = target;
  for (const part of path.slice(0, -1)) {
    const next = cur[part];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) cur[part] = {};
    cur = cur[part] as Record<string, unknown>;
  }
  cur[path[path.length - 1]!] = value;
}
