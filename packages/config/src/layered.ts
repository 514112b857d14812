/**
 * The merge stage of a config loader, table-driven and shared by vipd and vip-coordinator:
 * YAML file (`--config FILE`) < environment < flags. Each program brings its own table of
 * settings (paths, env names, flags); argv, env and the file reader are parameters so tests
 * inject them. Every failure is a ConfigError of one line.
 */
import { readFileSync } from 'node:fs';
import { errorLine } from '@vipd/log';
import { ConfigError } from './errors';
import { parseYamlText } from './yaml-text';

/** How a string from the environment or a flag becomes a config value. */
export type SettingKind = 'string' | 'int' | 'bool' | 'list';

/** One setting that can come from the environment or a flag (or both). */
export interface Setting {
  path: readonly string[];
  kind: SettingKind;
  /** `--name`; takes a value (`--name v` or `--name=v`), except a bool, where `--name` alone means true. */
  flag?: string;
  env?: string;
}

/** What a loader is given: the sources, so tests can inject them. */
export interface LayerSources {
  argv: string[];
  env: NodeJS.ProcessEnv;
  /** Reads a file as UTF-8 text; default: the real file system. */
  readFile?: (path: string) => string;
}

export interface MergeInput {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  readFile: (path: string) => string;
  settings: readonly Setting[];
}

/** The flag that names the YAML file. */
export const CONFIG_FLAG = '--config';

/** The default file reader. */
export function readUtf8(path: string): string {
  return readFileSync(path, 'utf8');
}

/**
 * Merges file < env < flags into one plain object (not validated). An empty environment
 * variable counts as unset. Throws ConfigError for an unknown flag, a flag without its value,
 * an unreadable or malformed file, or a value of the wrong kind.
 */
export function mergeLayers(input: MergeInput): { merged: Record<string, unknown>; file?: string } {
  const { file, flags } = parseFlags(input.argv, input.settings);
  const merged = file !== undefined ? readYamlFile(file, input.readFile) : {};
  for (const s of input.settings) {
    const raw = s.env !== undefined ? input.env[s.env] : undefined;
    if (raw !== undefined && raw !== '') setPath(merged, s.path, convertValue(raw, s.kind, s.env ?? ''));
  }
  for (const [flag, raw] of flags) {
    const s = input.settings.find((x) => x.flag === flag);
    if (s) setPath(merged, s.path, convertValue(raw, s.kind, flag));
  }
  return { merged, file };
}

/** Splits argv into the config file and the setting flags, in order. Only known flags are accepted. */
export function parseFlags(
  argv: readonly string[],
  settings: readonly Setting[],
): { file?: string; flags: [string, string][] } {
  const flags: [string, string][] = [];
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const setting = settings.find((s) => s.flag !== undefined && s.flag === name);
    if (name !== CONFIG_FLAG && !setting) {
      throw new ConfigError(`unknown argument ${JSON.stringify(arg)} (see --help)`);
    }
    let value: string;
    if (setting?.kind === 'bool' && inline === undefined) value = 'true';
    else if (inline !== undefined) value = inline;
    else {
      const next = argv[++i];
      if (next === undefined) throw new ConfigError(`${name} needs a value`);
      value = next;
    }
    if (name === CONFIG_FLAG) file = value;
    else flags.push([name, value]);
  }
  return { file, flags };
}

/** Reads a YAML config file whose top level is a mapping; an empty file is `{}`. */
export function readYamlFile(file: string, readFile: (path: string) => string): Record<string, unknown> {
  let text: string;
  try {
    text = readFile(file);
  } catch (err) {
    throw new ConfigError(`cannot read config ${file}: ${errorLine(err)}`, undefined, { cause: err });
  }
  let doc: unknown;
  try {
    // Warnings (unknown tags, ambiguous aliases) would go to stderr as many lines: not here.
    doc = parseYamlText(text);
  } catch (err) {
    throw new ConfigError(`config ${file} is not valid YAML: ${errorLine(err)}`, undefined, { cause: err });
  }
  if (doc === null || doc === undefined) return {};
  if (!isObject(doc)) throw new ConfigError(`config ${file}: the top level must be a mapping`);
  return doc;
}

/** Converts a string to the setting's kind; `source` (the env name or flag) leads the error. */
export function convertValue(raw: string, kind: SettingKind, source: string): unknown {
  switch (kind) {
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

/** Sets `target[path[0]][path[1]]… = value`, replacing anything on the way that is not a mapping. */
export function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let cur = target;
  for (const part of path.slice(0, -1)) {
    if (!isObject(cur[part])) cur[part] = {};
    cur = cur[part] as Record<string, unknown>;
  }
  cur[path[path.length - 1]!] = value;
}

/** A plain mapping (not null, not an array). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
