/** Secrets in config: read from a file (never a flag, ps shows flags), masked when printed. */
import { errorLine } from '@vipd/log';
import { ConfigError } from './errors';

/** Reads a secret from a file, trimmed; `what` names the setting in the one-line error. */
export function readSecretFile(path: string, readFile: (path: string) => string, what: string): string {
  try {
    return readFile(path).trim();
  } catch (err) {
    throw new ConfigError(`cannot read ${what} ${path}: ${errorLine(err)}`, undefined, { cause: err });
  }
}

const SECRET_KEY = /^(password|token|tokens|key|secret)$/i;

/** A copy safe to print or log: the value of every key that names a secret is replaced. */
export function maskSecrets<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (k, v: unknown) => (SECRET_KEY.test(k) && v !== undefined ? '[redacted]' : v)),
  ) as T;
}
