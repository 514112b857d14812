/**
 * vipadm's config file: named contexts (server, token file, TLS files), like kubectl's
 * kubeconfig. Found at $VIPADM_CONFIG, else $XDG_CONFIG_HOME/vipadm/config.yaml, else
 * ~/.config/vipadm/config.yaml; a missing default file is no error (no contexts).
 *
 *   current-context: prod
 *   contexts:
 *     prod:
 *       server: coord.example:7500
 *       token-file: ~/.config/vipadm/prod.token
 *       tls-ca: /etc/vipd/tls/ca.pem          # or `tls: true` for the system's CAs
 *       tls-cert: /etc/vipd/tls/admin.pem
 *       tls-key: /etc/vipd/tls/admin-key.pem
 *     lab:
 *       server: 198.51.100.2:7500
 *
 * Relative paths are relative to the file's folder; `~/` is the home folder. Parsing is pure
 * (parseConfigFile); readConfigFile does the one read.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parseYamlText } from '@vipd/config';
import type { Env } from './args';
import { UsageError } from './errors';

export interface Context {
  server?: string;
  tokenFile?: string;
  /** `tls: true`: TLS with the system's CAs even without any tls-* file. */
  tls?: boolean;
  tlsCa?: string;
  tlsCert?: string;
  tlsKey?: string;
}

export interface ConfigFile {
  path: string;
  currentContext?: string;
  contexts: Record<string, Context>;
}

const CONTEXT_KEYS: Record<string, keyof Context> = {
  server: 'server',
  'token-file': 'tokenFile',
  tls: 'tls',
  'tls-ca': 'tlsCa',
  'tls-cert': 'tlsCert',
  'tls-key': 'tlsKey',
};
const PATH_KEYS = new Set(['token-file', 'tls-ca', 'tls-cert', 'tls-key']);

/** Where the config file is: the path, and whether the operator named it (then it must exist). */
export function configPath(env: Env): { path: string; explicit: boolean } {
  if (env.VIPADM_CONFIG) return { path: env.VIPADM_CONFIG, explicit: true };
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return { path: join(base, 'vipadm', 'config.yaml'), explicit: false };
}

/** Reads and parses the config file; undefined when the default one does not exist. */
export function readConfigFile(env: Env): ConfigFile | undefined {
  const { path, explicit } = configPath(env);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !explicit) return undefined;
    throw new UsageError(`cannot read the config file ${path} (VIPADM_CONFIG): ${code ?? String(err)}`);
  }
  return parseConfigFile(text, path, env.HOME || homedir());
}

/** Pure: the file's text → contexts, or one UsageError naming the file and the key. */
export function parseConfigFile(text: string, path: string, home: string): ConfigFile {
  const bad = (what: string) => new UsageError(`config file ${path}: ${what}`);
  let doc: unknown;
  try {
    doc = parseYamlText(text);
  } catch (err) {
    throw bad(`not valid YAML (${(err as Error).message.split('\n')[0]})`);
  }
  if (doc === null || doc === undefined) return { path, contexts: {} };
  if (!isObject(doc)) throw bad('must be a mapping with current-context and contexts');
  const contexts: Record<string, Context> = {};
  let currentContext: string | undefined;
  for (const [key, value] of Object.entries(doc)) {
    if (key === 'current-context') {
      if (typeof value !== 'string' || value === '') throw bad('current-context: must be a context name');
      currentContext = value;
    } else if (key === 'contexts') {
      if (!isObject(value)) throw bad('contexts: must be a mapping of names to contexts');
      for (const [name, body] of Object.entries(value))
        contexts[name] = parseContext(name, body, bad, path, home);
    } else {
      throw bad(`unknown key ${JSON.stringify(key)} (known: current-context, contexts)`);
    }
  }
  if (currentContext !== undefined && !contexts[currentContext]) {
    throw bad(`current-context ${JSON.stringify(currentContext)} is not among its contexts`);
  }
  return { path, currentContext, contexts };
}

function parseContext(
  name: string,
  body: unknown,
  bad: (what: string) => UsageError,
  path: string,
  home: string,
): Context {
  if (!isObject(body)) throw bad(`contexts.${name}: must be a mapping (server, token-file, tls-ca, ...)`);
  const context: Context = {};
  for (const [key, value] of Object.entries(body)) {
    const field = CONTEXT_KEYS[key];
    if (field === undefined) {
      throw bad(
        `contexts.${name}: unknown key ${JSON.stringify(key)} (known: ${Object.keys(CONTEXT_KEYS).join(', ')})`,
      );
    }
    if (field === 'tls') {
      if (typeof value !== 'boolean') throw bad(`contexts.${name}.tls: must be true or false`);
      context.tls = value;
      continue;
    }
    if (typeof value !== 'string' || value === '')
      throw bad(`contexts.${name}.${key}: must be a non-empty string`);
    context[field] = PATH_KEYS.has(key) ? filePath(value, path, home) : value;
  }
  return context;
}

/** `~/x` → home/x; relative → beside the config file. */
function filePath(value: string, configFile: string, home: string): string {
  if (value === '~' || value.startsWith('~/')) return join(home, value.slice(1));
  return isAbsolute(value) ? value : resolve(dirname(configFile), value);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
