/**
 * vipadm as a function of argv, env and output streams: parses, prints help or the version,
 * or connects and runs the command. Every failure is one `vipadm: <message>` line on stderr
 * and exit code 1 or 2 (0 when all went well).
 */
import { packageVersion } from '@vipd/config';
import { oneLine } from '@vipd/log';
import { parseArgs, tokenLabel, type Env, type Invocation } from './args';
import { AdminClient, channelCredentials, resolveToken } from './client';
import { bashCompletion, zshCompletion } from './completion';
import { readConfigFile } from './config-file';
import { CliError, UsageError } from './errors';
import { helpText } from './help';
import { importKeepalivedFile } from './keepalived-file';
import * as json from './json';
import { render, runCommand } from './run';
import * as table from './table';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Never show the token, whatever message it ends up in. */
function redact(text: string, token: string | undefined): string {
  return token && token.length >= 4 ? text.split(token).join('***') : text;
}

export async function main(argv: string[], env: Env, io: Io, interrupted: Promise<void>): Promise<number> {
  let token: string | undefined;
  let client: AdminClient | undefined;
  try {
    const { global, command }: Invocation = parseArgs(argv, env, () => readConfigFile(env));
    if (command.kind === 'help') {
      io.stdout(`${helpText(command.topic)}\n`);
      return 0;
    }
    if (command.kind === 'version') {
      io.stdout(`vipadm ${packageVersion(__dirname)}\n`);
      return 0;
    }
    if (command.kind === 'completion') {
      io.stdout(command.shell === 'bash' ? bashCompletion() : zshCompletion());
      return 0;
    }
    if (command.kind === 'import-keepalived') {
      const result = importKeepalivedFile(command.file, command.node);
      io.stdout(result.yaml);
      for (const line of result.dropped) io.stderr(`vipadm: not carried: ${oneLine(line)}\n`);
      return 0;
    }
    if (command.kind === 'config-view') {
      io.stdout(render(global.output, json.configJson(global), table.configText(global)));
      return 0;
    }
    token = resolveToken(global.token);
    if (global.token?.from === 'flag') {
      io.stderr(
        'vipadm: warning: --token shows in ps and shell history; use VIPADM_TOKEN or --token-file F\n',
      );
    }
    const tlsMode = !global.tls ? 'off' : global.tls.cert !== undefined ? 'mutual' : 'server';
    const label = global.token && tokenLabel(global.token);
    client = new AdminClient(global.server, channelCredentials(global.tls), token, tlsMode, label);
    const notice = (text: string) => io.stderr(`vipadm: ${redact(oneLine(text), token)}\n`);
    await runCommand(command, { global, client, write: io.stdout, notice, interrupted });
    return 0;
  } catch (err) {
    const known = err instanceof UsageError || err instanceof CliError;
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`vipadm: ${redact(oneLine(known ? message : `internal error: ${message}`), token)}\n`);
    return err instanceof UsageError ? 2 : 1;
  } finally {
    client?.close();
  }
}
