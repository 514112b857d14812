/**
 * The command line, parsed purely: argv, env and the config file's contexts in, an Invocation
 * out, or a UsageError (exit 2) whose message is one line. No I/O here: main reads the config
 * file (only when a command needs it) and the token file.
 *
 * Precedence, for each setting: flag > environment (VIPADM_*) > the context > default.
 */
import type { ConfigFile, Context } from './config-file';
import { GROUPS, resolveCommand, type Command, type OptionSpec } from './commands';
import { UsageError } from './errors';
import { HELP } from './help';
import { parseInteger } from './values';

export const OUTPUT_FORMATS = ['table', 'wide', 'json', 'yaml'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Where a token comes from; `via` names the flag, variable or context (never the token itself). */
export type TokenSource =
  { from: 'flag' | 'env'; value: string; via: string } | { from: 'file'; path: string; via: string };

/** `--token-file /x`, `VIPADM_TOKEN`, …: where the token came from, for messages. */
export function tokenLabel(token: TokenSource): string {
  return token.from === 'file' ? `${token.via} ${token.path}` : token.via;
}

export interface GlobalOptions {
  /** HOST:PORT (or unix:PATH) of the coordinator. */
  server: string;
  /** Where the token comes from; `flag` earns a warning because it shows in `ps`. */
  token?: TokenSource;
  /** The config file context in use, if any. */
  context?: string;
  /** The config file read, if any (for `config view`). */
  configFile?: string;
  /** Set when TLS is asked for (`--tls` or any `--tls-*` file). */
  tls?: { ca?: string; cert?: string; key?: string };
  output: OutputFormat;
  /** Deadline of every unary call; `vip move` adds its own wait to it. */
  callTimeoutMs: number;
}

export interface Invocation {
  global: GlobalOptions;
  command: Command;
}

export type Env = Record<string, string | undefined>;

export const DEFAULT_SERVER = 'localhost:7500';
export const DEFAULT_CALL_TIMEOUT_MS = 10_000;

const GLOBAL_OPTIONS: OptionSpec = {
  server: { value: true },
  context: { value: true },
  token: { value: true },
  'token-file': { value: true },
  tls: { value: false },
  'tls-ca': { value: true },
  'tls-cert': { value: true },
  'tls-key': { value: true },
  output: { value: true },
  'call-timeout': { value: true },
  help: { value: false },
  version: { value: false },
};
const SHORT: Record<string, string> = { o: 'output', h: 'help', f: 'file' };

/** Option values by long name; repeatable options keep every value in order. */
export type ParsedOptions = Map<string, string[]>;

/** The global options' names (for completion). */
export const GLOBAL_OPTION_NAMES = Object.keys(GLOBAL_OPTIONS);

/**
 * Parses argv (without `node` and the script). Throws UsageError. readConfig is called only
 * when a command that talks to the coordinator was given.
 */
export function parseArgs(
  argv: readonly string[],
  env: Env = {},
  readConfig: () => ConfigFile | undefined = () => undefined,
): Invocation {
  const positionals: string[] = [];
  const options: ParsedOptions = new Map();
  let firstError: string | undefined;
  const fail = (message: string) => {
    firstError ??= message;
  };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    let name: string;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq === -1 ? undefined : arg.slice(eq + 1);
    } else {
      const long = SHORT[arg[1]!];
      if (long === undefined) {
        fail(`unknown option ${arg}`);
        continue;
      }
      name = long;
      inline = arg.length > 2 ? arg.slice(2).replace(/^=/, '') : undefined;
    }
    const spec = GLOBAL_OPTIONS[name] ?? resolveCommand(positionals)?.def.options[name];
    if (spec === undefined) {
      const where = resolveCommand(positionals)?.path;
      fail(`unknown option --${name}${where ? ` for "${where}"` : ''}`);
      continue;
    }
    let value = 'true';
    if (spec.value) {
      if (inline !== undefined) value = inline;
      else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) value = argv[++i]!;
      else {
        fail(`--${name} needs a value`);
        continue;
      }
    } else if (inline !== undefined) {
      fail(`--${name} takes no value`);
      continue;
    }
    const seen = options.get(name);
    if (seen && !spec.repeat) fail(`--${name} given twice`);
    options.set(name, [...(seen ?? []), value]);
  }

  const resolved = resolveCommand(positionals);
  if (options.has('help') || positionals[0] === 'help') {
    const topic = positionals[0] === 'help' ? positionals.slice(1) : positionals;
    const known = helpTopic(topic);
    // `vipadm frob --help` is a typo, not a request for the top-level help.
    if (known === undefined) throw new UsageError(unknownCommand(topic));
    return { global: defaultGlobal(), command: { kind: 'help', topic: known } };
  }
  if (options.has('version') || positionals[0] === 'version') {
    return { global: defaultGlobal(), command: { kind: 'version' } };
  }
  if (firstError !== undefined) throw new UsageError(firstError);
  if (positionals.length === 0) throw new UsageError('no command given (see vipadm --help)');
  if (resolved === undefined) throw new UsageError(unknownCommand(positionals));

  const args = positionals.slice(resolved.path.split(' ').length);
  const { def, path } = resolved;
  const global = def.local ? defaultGlobal() : parseGlobal(options, env, readConfig);
  if (args.length < def.args.length) {
    throw new UsageError(`"${path}" needs ${def.args[args.length]} (see vipadm ${path} --help)`);
  }
  if (args.length > def.args.length) {
    throw new UsageError(`"${path}": unexpected argument ${JSON.stringify(args[def.args.length])}`);
  }
  return { global, command: def.build(args, options) };
}

function parseGlobal(
  options: ParsedOptions,
  env: Env,
  readConfig: () => ConfigFile | undefined,
): GlobalOptions {
  const one = (name: string) => options.get(name)?.[0];
  const { name: contextName, context, file: configFile } = selectContext(one('context'), env, readConfig);
  const server = one('server') ?? nonEmpty(env.VIPADM_SERVER) ?? context.server ?? DEFAULT_SERVER;
  if (!/^(unix:.+|(\[[0-9a-fA-F:.]+\]|[^\s:/[\]]+):\d{1,5})$/.test(server)) {
    throw new UsageError(`--server must be HOST:PORT (or unix:PATH), got ${JSON.stringify(server)}`);
  }
  const output = one('output') ?? nonEmpty(env.VIPADM_OUTPUT) ?? 'table';
  if (!(OUTPUT_FORMATS as readonly string[]).includes(output)) {
    throw new UsageError(`-o must be ${OUTPUT_FORMATS.join(', ')}, got ${JSON.stringify(output)}`);
  }
  const token = tokenSource(one('token'), one('token-file'), env, contextName, context);

  let tls: GlobalOptions['tls'];
  const file = (flag: string, variable: string, fromContext: string | undefined) =>
    one(flag) ?? nonEmpty(env[variable]) ?? fromContext;
  const ca = file('tls-ca', 'VIPADM_TLS_CA', context.tlsCa);
  const cert = file('tls-cert', 'VIPADM_TLS_CERT', context.tlsCert);
  const key = file('tls-key', 'VIPADM_TLS_KEY', context.tlsKey);
  if (options.has('tls') || context.tls || ca !== undefined || cert !== undefined || key !== undefined) {
    if ((cert === undefined) !== (key === undefined)) {
      throw new UsageError(
        '--tls-cert and --tls-key go together (also as VIPADM_TLS_CERT and VIPADM_TLS_KEY)',
      );
    }
    tls = { ca, cert, key };
  }
  const timeout = one('call-timeout');
  const callTimeoutMs =
    timeout === undefined ? DEFAULT_CALL_TIMEOUT_MS : parseInteger('--call-timeout', timeout, 1, 3_600_000);
  return {
    server,
    token,
    tls,
    output: output as OutputFormat,
    callTimeoutMs,
    context: contextName,
    configFile,
  };
}

/** The context --context or VIPADM_CONTEXT names, else the file's current-context, else none. */
function selectContext(
  flag: string | undefined,
  env: Env,
  readConfig: () => ConfigFile | undefined,
): { name?: string; context: Context; file?: string } {
  const asked = flag ?? nonEmpty(env.VIPADM_CONTEXT);
  const file = readConfig();
  const name = asked ?? file?.currentContext;
  if (name === undefined) return { context: {}, file: file?.path };
  if (!file) {
    throw new UsageError(`no config file, so no context ${JSON.stringify(name)} (see vipadm help config)`);
  }
  const context = file.contexts[name];
  if (!context) {
    const known = Object.keys(file.contexts).join(', ') || 'none';
    throw new UsageError(`no context ${JSON.stringify(name)} in ${file.path} (it has: ${known})`);
  }
  return { name, context, file: file.path };
}

/** --token-file | --token, else VIPADM_TOKEN_FILE | VIPADM_TOKEN, else the context's token-file. */
function tokenSource(
  flag: string | undefined,
  flagFile: string | undefined,
  env: Env,
  contextName: string | undefined,
  context: Context,
): TokenSource | undefined {
  if (flag !== undefined && flagFile !== undefined)
    throw new UsageError('give --token or --token-file, not both');
  let token: TokenSource | undefined;
  if (flagFile !== undefined) token = { from: 'file', path: flagFile, via: '--token-file' };
  else if (flag !== undefined) token = { from: 'flag', value: flag, via: '--token' };
  else {
    const envFile = nonEmpty(env.VIPADM_TOKEN_FILE);
    const envToken = nonEmpty(env.VIPADM_TOKEN);
    if (envFile !== undefined && envToken !== undefined) {
      throw new UsageError('VIPADM_TOKEN and VIPADM_TOKEN_FILE are both set; unset one');
    }
    if (envFile !== undefined) token = { from: 'file', path: envFile, via: 'VIPADM_TOKEN_FILE' };
    else if (envToken !== undefined) token = { from: 'env', value: envToken, via: 'VIPADM_TOKEN' };
    else if (context.tokenFile !== undefined) {
      token = {
        from: 'file',
        path: context.tokenFile,
        via: `the token-file of context ${contextName ?? ''}`,
      };
    }
  }
  if (token && token.from !== 'file' && token.value.trim() === '') throw new UsageError('the token is empty');
  return token;
}

function defaultGlobal(): GlobalOptions {
  return { server: DEFAULT_SERVER, output: 'table', callTimeoutMs: DEFAULT_CALL_TIMEOUT_MS };
}

/** The help topic the words name ('' is the top level); undefined for an unknown command. */
function helpTopic(words: string[]): string | undefined {
  if (words.length === 0) return '';
  const resolved = resolveCommand(words);
  if (resolved) return resolved.path;
  if (words.length === 1 && (GROUPS.includes(words[0]!) || HELP[words[0]!] !== undefined)) return words[0];
  return undefined;
}

export function unknownCommand(positionals: string[]): string {
  const [first, second] = positionals;
  if (first !== undefined && GROUPS.includes(first)) {
    if (second === undefined) return `"${first}" needs a subcommand (see vipadm ${first} --help)`;
    return `unknown command "${first} ${second}" (see vipadm ${first} --help)`;
  }
  return `unknown command "${first}" (see vipadm --help)`;
}

/** argv with the value of every `--token` replaced by `***` (for the process title). */
export function redactTokenArgs(argv: readonly string[]): string[] {
  return argv.map((arg, i) => {
    if (arg.startsWith('--token=')) return '--token=***';
    return argv[i - 1] === '--token' ? '***' : arg;
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
