/** What the three programs' command lines share besides their flags: --version and the exit line. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstLine } from '@vipd/log';

/** The version in the package.json above a built package's dist/ folder (pass `__dirname`). */
export function packageVersion(distDir: string): string {
  const pkg = JSON.parse(readFileSync(join(distDir, '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** Ends the process with `code` after one `<program>: <first line of message>` line on stderr. */
export function exitWith(program: string, code: number, message: string): never {
  process.stderr.write(`${program}: ${firstLine(message)}\n`);
  process.exit(code);
}
