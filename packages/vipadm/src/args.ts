/**
 * The command line, parsed purely: argv and env in, an Invocation out, or a UsageError
 * (exit 2) whose message is one line. No I/O here: the token file is read by main.
 */
import { GROUPS, resolveCommand, type Command, type OptionSpec } from './commands';
import { UsageError } from './errors';
import { parseInteger } from './values';

export type OutputFormat = 'table' | 'json';

export interface GlobalOptions {
  /** HOST:PORT (or unix:PATH) of the coordinator. */
  server: string;
  /** Where the token comes from; `flag` earns a warning because it shows in `ps`. */
  token?: { from: 'flag' | 'env'; value: string } | { from: 'file'; path: string };
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
const SHORT: Record<string, string> = { o: 'output', h: 'help' };

/** Option values by long name; repeatable options keep every value in order. */
export type ParsedOptions = Map<string, string[]>;

/** Parses argv (without `node` and the script). Throws UsageError. */
export function parseArgs(argv: readonly string[], env: Env = {}): Invocation {
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
    return { global: defaultGlobal(), command: { kind: 'help', topic: helpTopic(topic) } };
  }
  if (options.has('version') || positionals[0] === 'version') {
    return { global: defaultGlobal(), command: { kind: 'version' } };
  }
  if (firstError !== undefined) throw new UsageError(firstError);
  if (positionals.length === 0) throw new UsageError('no command given (see vipadm --help)');
  if (resolved === undefined) throw new UsageError(unknownCommand(positionals));

  const global = parseGlobal(options, env);
  const args = positionals.slice(resolved.path.split(' ').length);
  const { def, path } = resolved;
  if (args.length < def.args.length) {
    throw new UsageError(`"${path}" needs ${def.args[args.length]} (see vipadm ${path} --help)`);
  }
  if (args.length > def.args.length) {
    throw new UsageError(`"${path}": unexpected argument ${JSON.stringify(args[def.args.length])}`);
  }
  return { global, command: def.build(args, options) };
}

function parseGlobal(options: ParsedOptions, env: Env): GlobalOptions {
  const one = (name: string) => options.get(name)?.[0];
  const server = one('server') ?? nonEmpty(env.VIPADM_SERVER) ?? DEFAULT_SERVER;
  if (!/^(unix:.+|(\[[0-9a-fA-F:.]+\]|[^\s:/[\]]+):\d{1,5})$/.test(server)) {
    throw new UsageError(`--server must be HOST:PORT (or unix:PATH), got ${JSON.stringify(server)}`);
  }
  const output = one('output') ?? nonEmpty(env.VIPADM_OUTPUT) ?? 'table';
  if (output !== 'table' && output !== 'json') {
    throw new UsageError(`-o must be table or json, got ${JSON.stringify(output)}`);
  }
  let token: GlobalOptions['token'];
  const tokenFlag = one('token');
  const tokenFile = one('token-file');
  if (tokenFlag !== undefined && tokenFile !== undefined) {
    throw new UsageError('give --token or --token-file, not both');
  }
  if (tokenFile !== undefined) token = { from: 'file', path: tokenFile };
  else if (tokenFlag !== undefined) token = { from: 'flag', value: tokenFlag };
  else if (nonEmpty(env.VIPADM_TOKEN) !== undefined) token = { from: 'env', value: env.VIPADM_TOKEN! };
  if (token && token.from !== 'file' && token.value.trim() === '') throw new UsageError('the token is empty');

  let tls: GlobalOptions['tls'];
  const [ca, cert, key] = [one('tls-ca'), one('tls-cert'), one('tls-key')];
  if (options.has('tls') || ca !== undefined || cert !== undefined || key !== undefined) {
    if ((cert === undefined) !== (key === undefined)) {
      throw new UsageError('--tls-cert and --tls-key go together');
    }
    tls = { ca, cert, key };
  }
  const timeout = one('call-timeout');
  const callTimeoutMs =
    timeout === undefined ? DEFAULT_CALL_TIMEOUT_MS : parseInteger('--call-timeout', timeout, 1, 3_600_000);
  return { server, token, tls, output, callTimeoutMs };
}

function defaultGlobal(): GlobalOptions {
  return { server: DEFAULT_SERVER, output: 'table', callTimeoutMs: DEFAULT_CALL_TIMEOUT_MS };
}

/** The help topic the words name, as far as they are known ('' is the top level). */
function helpTopic(words: string[]): string {
  const resolved = resolveCommand(words);
  if (resolved) return resolved.path;
  if (words[0] !== undefined && GROUPS.includes(words[0])) return words[0];
  return '';
}

function unknownCommand(positionals: string[]): string {
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
