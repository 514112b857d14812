/**
 * `vipd status [--config FILE] [--socket PATH] [-o text|json]`: reads the running daemon's status
 * socket (status-socket.ts) and prints what this node holds, its peers, its deadlines and its
 * kernel agent. keepalived's SIGUSR1 dump, as a command.
 */
import { connect } from 'node:net';
import { ConfigError, DEFAULT_STATUS_SOCKET, loadVipdConfig } from '@vipd/config';
import { formatStatus, parseStatus, socketErrorLine, StatusFormatError } from './status-report';

export const STATUS_USAGE = `Usage: vipd status [--config FILE] [--socket PATH] [-o text|json]

Asks the vipd running on this host what it holds: each VIP it has up (address, interface,
since when, fencing revision), its peers (last beat, what they say they hold), its deadlines
(lease, contact) and its kernel agent (fences). Reads node.statusSocket (default
${DEFAULT_STATUS_SOCKET}, mode 0600: run as root).

Options:
  --config FILE   vipd's config: its node.statusSocket (VIPD_NODE_STATUS_SOCKET also counts)
  --socket PATH   the socket itself (overrides --config)
  -o, --output F  text (default) or json (the daemon's document as it is)
  --help

Exit codes: 0 read, 1 the daemon could not be read (not running, no socket, permission), 2 bad usage.`;

/** What the arguments ask for (pure), or a one-line problem. */
export function parseStatusArgs(
  argv: readonly string[],
): { socket?: string; config?: string; output: 'text' | 'json' } | { problem: string } {
  let socket: string | undefined;
  let config: string | undefined;
  let output: 'text' | 'json' = 'text';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const [flag, inline] =
      arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--socket':
        socket = value();
        if (!socket) return { problem: '--socket needs a path' };
        break;
      case '--config':
        config = value();
        if (!config) return { problem: '--config needs a file' };
        break;
      case '-o':
      case '--output': {
        const v = value();
        if (v !== 'text' && v !== 'json')
          return { problem: `${flag} takes text or json, not ${JSON.stringify(v ?? '')}` };
        output = v;
        break;
      }
      default:
        return { problem: `unknown argument ${JSON.stringify(arg)} (see vipd status --help)` };
    }
  }
  return { socket, config, output };
}

/** Reads the whole document the daemon sends on one connection. */
export function readStatusSocket(path: string, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const s = connect(path);
    const timer = setTimeout(() => {
      s.destroy();
      reject(new Error(`no answer on ${path} within ${timeoutMs} ms: is vipd stuck?`));
    }, timeoutMs);
    s.on('data', (b: Buffer) => chunks.push(b));
    s.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    s.once('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}

/** Runs the command; resolves with the exit code (output and the one-line error written here). */
export async function statusCommand(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${STATUS_USAGE}\n`);
    return 0;
  }
  const args = parseStatusArgs(argv);
  if ('problem' in args) {
    process.stderr.write(`vipd status: ${args.problem}\n`);
    return 2;
  }
  let path = args.socket;
  if (path === undefined && args.config !== undefined) {
    try {
      path = loadVipdConfig({ argv: ['--config', args.config], env }).config.node.statusSocket;
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      process.stderr.write(`vipd status: ${err.message.split('\n')[0] ?? ''}\n`);
      return 2;
    }
  }
  path ??= env.VIPD_NODE_STATUS_SOCKET || DEFAULT_STATUS_SOCKET;
  let text: string;
  try {
    text = await readStatusSocket(path);
  } catch (err) {
    process.stderr.write(`vipd status: ${socketErrorLine(err, path)}\n`);
    return 1;
  }
  try {
    const status = parseStatus(text);
    process.stdout.write(
      args.output === 'json' ? `${JSON.stringify(status, null, 2)}\n` : formatStatus(status),
    );
    return 0;
  } catch (err) {
    if (!(err instanceof StatusFormatError)) throw err;
    process.stderr.write(`vipd status: ${err.message}\n`);
    return 1;
  }
}
