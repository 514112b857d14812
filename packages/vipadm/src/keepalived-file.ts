/** `vipadm import-keepalived FILE`: reads the file (or stdin for -) and converts it. */
import { readFileSync } from 'node:fs';
import { UsageError } from './errors';
import { importKeepalived, type ImportResult } from './keepalived-convert';
import { parseKeepalivedConf } from './keepalived-parse';

export function importKeepalivedFile(path: string, node?: string): ImportResult {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const file = path === '-' ? 'stdin' : path;
  return importKeepalived(parseKeepalivedConf(text, file), file, node);
}
