/**
 * The coordinator's configuration, built from @vipd/config's pieces: YAML file <
 * VIPD_COORDINATOR_* environment < flags, merged; then a pure validate(). argv, env and the
 * file reader are parameters so tests inject them. Every problem is one line.
 */
import {
  etcdClientProblems,
  etcdClientSchema,
  hostPort,
  invalidConfig,
  type LayerSources,
  logSchema,
  maskSecrets,
  metricsListenProblem,
  metricsSchema,
  mergeLayers,
  readUtf8,
  resolveEtcdPasswordFile,
  type Setting,
  zodProblems,
} from '@vipd/config';
import { isValidClusterName } from '@vipd/store';
import { z } from 'zod';
import { CERT_ROLES } from './cert-role';
import {
  loadTokens,
  realTokenFiles,
  type TokenDigest,
  tokenEntrySchema,
  type TokenFileAccess,
} from './tokens';

export { ConfigError, maskSecrets } from '@vipd/config';

/** Admin API TLS: the server's cert and key; the private CA that client certificates need. */
export const adminTlsSchema = z
  .object({
    ca: z.string().min(1).optional(),
    cert: z.string().min(1),
    key: z.string().min(1),
    /** Refuse clients without a certificate from `ca` (default true; needs `ca`). */
    requireClientCert: z.boolean().default(true),
    /** Roles for client certificates by subject CN, besides a `vipd-role:ROLE` URI SAN. */
    clientRoles: z.record(z.enum(CERT_ROLES)).default({}),
  })
  .strict()
  .refine((t) => !t.requireClientCert || t.ca !== undefined, {
    message: 'ca is required while requireClientCert is true',
    path: ['ca'],
  });

export const coordinatorConfigSchema = z
  .object({
    listen: hostPort.default('0.0.0.0:7500'),
    cluster: z
      .string()
      .refine(isValidClusterName, 'lower-case letters, digits and "-", at most 63 characters')
      .default('default'),
    etcd: etcdClientSchema({
      callTimeoutMs: 2000,
      endpointsRequiredHint: 'etcd.endpoints, VIPD_COORDINATOR_ETCD_ENDPOINTS or --etcd-endpoints',
    }),
    tls: adminTlsSchema.optional(),
    auth: z
      .object({
        /** Reads without a credential: refused (`none`, the default) or allowed (`viewer`). Writes never. */
        anonymous: z.enum(['none', 'viewer']).default('none'),
        tokens: z.array(tokenEntrySchema).max(1000).default([]),
      })
      .strict()
      .default({}),
    /** grpc.reflection: on by default (the schema is public; grpcurl needs it). */
    reflection: z.boolean().default(true),
    /** Prometheus GET /metrics (docs/metrics.md); off unless `listen` is set. */
    metrics: metricsSchema,
    log: logSchema,
  })
  .strict();

export type CoordinatorConfig = z.output<typeof coordinatorConfigSchema>;

/** Pure: shape, defaults and cross-field rules. */
export function validateCoordinatorConfig(
  raw: unknown,
): { config: CoordinatorConfig } | { problems: string[] } {
  const res = coordinatorConfigSchema.safeParse(raw);
  if (!res.success) return { problems: zodProblems(res.error) };
  const c = res.data;
  const problems = [
    ...etcdClientProblems(c.etcd),
    ...metricsListenProblem(c.metrics.listen, c.listen, 'listen'),
  ];
  return problems.length ? { problems } : { config: c };
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
  {
    path: ['metrics', 'listen'],
    kind: 'string',
    flag: '--metrics-listen',
    env: 'VIPD_COORDINATOR_METRICS_LISTEN',
  },
  { path: ['log', 'level'], kind: 'string', flag: '--log-level', env: 'VIPD_COORDINATOR_LOG_LEVEL' },
  { path: ['log', 'format'], kind: 'string', flag: '--log-format', env: 'VIPD_COORDINATOR_LOG_FORMAT' },
  {
    path: ['log', 'levelNames'],
    kind: 'bool',
    flag: '--log-level-names',
    env: 'VIPD_COORDINATOR_LOG_LEVEL_NAMES',
  },
];

export interface LoadInput extends LayerSources {
  /** Permission bits of a token file (st_mode); default: the real file system. */
  fileMode?: (path: string) => number;
}

export interface LoadedCoordinatorConfig {
  config: CoordinatorConfig;
  file?: string;
  /** auth.tokens, read from their files: names, roles and digests (never the tokens). */
  tokens: TokenDigest[];
}

/**
 * Merges file, env and flags, resolves the password file, validates, reads the token files.
 * Throws ConfigError.
 */
export function loadCoordinatorConfig(input: LoadInput): LoadedCoordinatorConfig {
  const readFile = input.readFile ?? readUtf8;
  const { merged, file } = mergeLayers({ argv: input.argv, env: input.env, readFile, settings: SETTINGS });
  resolveEtcdPasswordFile(merged, readFile);
  const result = validateCoordinatorConfig(merged);
  if ('problems' in result) throw invalidConfig(result.problems, file);
  const files: TokenFileAccess = input.fileMode
    ? { readFile, mode: input.fileMode }
    : realTokenFiles(readFile);
  return { config: result.config, file, tokens: loadTokens(result.config.auth.tokens, files) };
}

/** The config as --check-config prints it: secrets masked; token entries show name, role, file. */
export function printableConfig(config: CoordinatorConfig): unknown {
  return { ...maskSecrets(config), auth: config.auth };
}
