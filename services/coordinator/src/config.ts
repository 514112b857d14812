/**
 * The coordinator's configuration, in the style of @vipd/config: YAML file <
 * VIPD_COORDINATOR_* environment < flags, merged; then a pure validate(). argv, env and the
 * file reader are parameters so tests inject them. Every problem is one line.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { isValidClusterName } from '@vipd/store';

const hostPort = z
  .string()
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'must be HOST:PORT (IPv6 as [ADDR]:PORT)')
  .refine((v) => Number(v.slice(v.lastIndexOf(':') + 1)) <= 65535, 'port must be at most 65535');

const endpoint = z
  .string()
  .regex(/^https?:\/\/[^\s/]+(:\d+)?\/?$/, 'must be http(s)://HOST:PORT, e.g. http://127.0.0.1:2379');

const ENDPOINTS_REQUIRED = 'required (etcd.endpoints, VIPD_COORDINATOR_ETCD_ENDPOINTS or --etcd-endpoints)';

/** Sections the contract names but a later issue implements: refused rather than ignored. */
const notYet = (what: string) =>
  z.unknown().refine((v) => v === undefined, `${what}: not supported yet (a later release); remove it`);

export const coordinatorConfigSchema = z
  .object({
    listen: hostPort.default('0.0.0.0:7500'),
    cluster: z
      .string()
      .refine(isValidClusterName, 'lower-case letters, digits and "-", at most 63 characters')
      .default('default'),
    etcd: z
      .object(
        {
          endpoints: z
            .array(endpoint, { required_error: ENDPOINTS_REQUIRED })
            .min(1, 'at least one endpoint'),
          dialTimeoutMs: z.number().int().min(100).max(60_000).default(2000),
          callTimeoutMs: z.number().int().min(50).max(60_000).default(2000),
          tls: z
            .object({ ca: z.string().min(1), cert: z.string().optional(), key: z.string().optional() })
            .strict()
            .optional(),
          auth: z
            .object({
              username: z.string().min(1),
              /** Only from a file or VIPD_COORDINATOR_ETCD_PASSWORD, never a flag. */
              password: z.string().optional(),
              passwordFile: z.string().optional(),
            })
            .strict()
            .optional(),
        },
        { required_error: `endpoints: ${ENDPOINTS_REQUIRED}` },
      )
      .strict(),
    tls: notYet('serving the admin API over TLS'),
    auth: notYet('auth.tokens'),
    log: z
      .object({
        level: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
        format: z.enum(['json', 'pretty', 'auto']).default('auto'),
      })
      .strict()
      .default({}),
  })
  .strict();

export type CoordinatorConfig = Omit<z.output<typeof coordinatorConfigSchema>, 'tls' | 'auth'>;

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [message],
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Pure: shape, defaults and cross-field rules. */
export function validateCoordinatorConfig(
  raw: unknown,
): { config: CoordinatorConfig } | { problems: string[] } {
  const res = coordinatorConfigSchema.safeParse(raw);
  if (!res.success) {
    return {
      problems: res.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'config'}: ${i.message}`),
    };
  }
  const { tls: _tls, auth: _auth, ...c } = res.data;
  const problems: string[] = [];
  if (c.etcd.auth && c.etcd.auth.password !== undefined && c.etcd.auth.passwordFile !== undefined) {
    problems.push('etcd.auth: give password or passwordFile, not both');
  }
  if (c.etcd.tls && (c.etcd.tls.cert === undefined) !== (c.etcd.tls.key === undefined)) {
    problems.push('etcd.tls: cert and key go together');
  }
  return problems.length ? { problems } : { config: c };
}

type Kind = 'string' | 'list';

interface Setting {
  path: string[];
  kind: Kind;
  flag?: string;
  env: string;
}

/** Every setting that can come from the environment or a flag. Secrets have no flag (ps shows flags). */
export const SETTINGS: Setting[] = [
  { path: ['listen'], kind: 'string', flag: '--listen', env: 'VIPD_COORDINATOR_LISTEN' },
  { path: ['cluster'], kind: 'string', flag: '--cluster', env: 'VIPD_COORDINATOR_CLUSTER' },
  {
    path: ['etcd', 'endpoints'],
    kind: 'list',
    flag: '--etcd-endpoints',
    env: 'VIPD_COORDINATOR_ETCD_ENDPOINTS',
  },
  { path: ['etcd', 'auth', 'username'], kind: 'string', env: 'VIPD_COORDINATOR_ETCD_USERNAME' },
  { path: ['etcd', 'auth', 'password'], kind: 'string', env: 'VIPD_COORDINATOR_ETCD_PASSWORD' },
  { path: ['log', 'level'], kind: 'string', flag: '--log-level', env: 'VIPD_COORDINATOR_LOG_LEVEL' },
  { path: ['log', 'format'], kind: 'string', flag: '--log-format', env: 'VIPD_COORDINATOR_LOG_FORMAT' },
];

export interface LoadInput {
  argv: string[];
  env: NodeJS.ProcessEnv;
  readFile?: (path: string) => string;
}

/** Merges file, env and flags, resolves the password file, validates. Throws ConfigError. */
export function loadCoordinatorConfig(input: LoadInput): { config: CoordinatorConfig; file?: string } {
  const readFile = input.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  const { file, flags } = parseFlags(input.argv);
  const merged: Record<string, unknown> = file !== undefined ? readYaml(file, readFile) : {};
  for (const s of SETTINGS) {
    const raw = input.env[s.env];
    if (raw !== undefined && raw !== '') setPath(merged, s.path, convert(raw, s));
  }
  for (const [flag, raw] of flags) {
    const s = SETTINGS.find((x) => x.flag === flag);
    if (s) setPath(merged, s.path, convert(raw, s));
  }
  const etcd = merged.etcd;
  const auth = isObject(etcd) && isObject(etcd.auth) ? etcd.auth : undefined;
  if (auth && typeof auth.passwordFile === 'string' && auth.password === undefined) {
    try {
      auth.password = readFile(auth.passwordFile).trim();
    } catch (err) {
      throw new ConfigError(`cannot read etcd.auth.passwordFile ${auth.passwordFile}: ${firstLine(err)}`);
    }
    delete auth.passwordFile;
  }
  const result = validateCoordinatorConfig(merged);
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
      /^(password|token|tokens|key|secret)$/i.test(k) && v !== undefined ? '[redacted]' : v,
    ),
  ) as T;
}

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
    let value = inline;
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined) throw new ConfigError(`${name} needs a value`);
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
    throw new ConfigError(`cannot read config ${file}: ${firstLine(err)}`);
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new ConfigError(`config ${file} is not valid YAML: ${firstLine(err)}`);
  }
  if (doc === null || doc === undefined) return {};
  if (!isObject(doc)) throw new ConfigError(`config ${file}: the top level must be a mapping`);
  return doc;
}

function convert(raw: string, s: Setting): unknown {
  if (s.kind === 'list') {
    return raw
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x.length > 0);
  }
  return raw;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let cur = target;
  for (const part of path.slice(0, -1)) {
    const next = cur[part];
    if (!isObject(next)) cur[part] = {};
    cur = cur[part] as Record<string, unknown>;
  }
  cur[path[path.length - 1]!] = value;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}
