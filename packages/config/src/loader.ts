/**
 * Config in stages: YAML file < environment (VIPD_*) < flags, merged; then the pure
 * validate(). argv, env and the file reader are parameters so tests inject them.
 */
import { hostname } from 'node:os';
import { invalidConfig } from './errors';
import { resolveEtcdPasswordFile } from './etcd-client';
import { type LayerSources, mergeLayers, readUtf8, type Setting } from './layered';
import { type VipdConfig, validateVipdConfig } from './schema';

export { maskSecrets } from './secrets';

/** Every setting that can come from the environment or a flag. Secrets have no flag (ps shows flags). */
export const SETTINGS: Setting[] = [
  { path: ['node', 'name'], kind: 'string', flag: '--node-name', env: 'VIPD_NODE_NAME' },
  { path: ['node', 'listen'], kind: 'string', flag: '--listen', env: 'VIPD_NODE_LISTEN' },
  { path: ['node', 'advertise'], kind: 'string', flag: '--advertise', env: 'VIPD_NODE_ADVERTISE' },
  { path: ['node', 'drained'], kind: 'bool', flag: '--drained', env: 'VIPD_NODE_DRAINED' },
  { path: ['node', 'agentSocket'], kind: 'string', flag: '--agent-socket', env: 'VIPD_NODE_AGENT_SOCKET' },
  {
    path: ['node', 'statusSocket'],
    kind: 'string',
    flag: '--status-socket',
    env: 'VIPD_NODE_STATUS_SOCKET',
  },
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
  { path: ['metrics', 'listen'], kind: 'string', flag: '--metrics-listen', env: 'VIPD_METRICS_LISTEN' },
  { path: ['log', 'level'], kind: 'string', flag: '--log-level', env: 'VIPD_LOG_LEVEL' },
  { path: ['log', 'format'], kind: 'string', flag: '--log-format', env: 'VIPD_LOG_FORMAT' },
  { path: ['log', 'levelNames'], kind: 'bool', flag: '--log-level-names', env: 'VIPD_LOG_LEVEL_NAMES' },
];

export interface LoadInput extends LayerSources {
  defaultNodeName?: string;
}

export interface LoadedConfig {
  config: VipdConfig;
  /** Where the file came from, if any. */
  file?: string;
}

/** Merges file, env and flags, resolves secret files, validates. Throws ConfigError. */
export function loadVipdConfig(input: LoadInput): LoadedConfig {
  const readFile = input.readFile ?? readUtf8;
  const { merged, file } = mergeLayers({ argv: input.argv, env: input.env, readFile, settings: SETTINGS });
  const node = (merged.node ??= {}) as Record<string, unknown>;
  node.name ??= input.defaultNodeName ?? hostname().split('.')[0];
  resolveEtcdPasswordFile(merged, readFile);
  const result = validateVipdConfig(merged);
  if ('problems' in result) throw invalidConfig(result.problems, file);
  return { config: result.config, file };
}
