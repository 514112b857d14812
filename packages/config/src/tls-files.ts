/**
 * TLS material named in a config (etcd.tls, heartbeat.tls, the coordinator's tls, vipadm's
 * --tls-* files): read once at start and checked before anything listens or dials, so a
 * missing file, a key that is not a key, or a key that does not belong to its certificate is
 * one ConfigError line naming the setting, not a handshake failure later.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { errorLine } from '@vipd/log';
import { ConfigError } from './errors';

/** Paths as the config gives them. */
export interface TlsPaths {
  ca?: string;
  cert?: string;
  key?: string;
}

/** File contents (PEM), as grpc-js and etcd3 take them. */
export interface TlsFiles {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

export interface TlsNames {
  /** How the operator names each file in messages, e.g. `heartbeat.tls.` or `--tls-`. */
  prefix: string;
}

type Field = keyof TlsPaths;

/** The OpenSSL error text without its `error:0480006C:PEM routines::` code prefix. */
function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code !== undefined && /^E[A-Z]+$/.test(code)) return code; // ENOENT, EACCES, EISDIR…
  return errorLine(err)
    .replace(/^error:[0-9A-F]+:[^:]*::?/, '')
    .trim();
}

/** Pure check of PEM contents; returns the problems as one-line strings. */
export function tlsProblems(files: TlsFiles, paths: TlsPaths, names: TlsNames): string[] {
  const problems: string[] = [];
  const at = (f: Field): string => `${names.prefix}${f} ${paths[f] ?? ''}`.trim();
  let cert: X509Certificate | undefined;
  if (files.ca) {
    try {
      new X509Certificate(files.ca);
    } catch (err) {
      problems.push(`${at('ca')}: not a PEM certificate (${reason(err)})`);
    }
  }
  if (files.cert) {
    try {
      cert = new X509Certificate(files.cert);
    } catch (err) {
      problems.push(`${at('cert')}: not a PEM certificate (${reason(err)})`);
    }
  }
  if (files.key) {
    try {
      const key = createPrivateKey(files.key);
      if (cert && !cert.checkPrivateKey(key)) {
        problems.push(`${at('key')} does not belong to ${at('cert')}`);
      }
    } catch (err) {
      problems.push(`${at('key')}: not an unencrypted PEM private key (${reason(err)})`);
    }
  }
  return problems;
}

/** Why a PEM certificate is not valid at `nowMs` (expired, not yet valid), or undefined. */
export function certificateValidityProblem(pem: Buffer | undefined, nowMs: number): string | undefined {
  if (!pem) return undefined;
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem);
  } catch {
    return undefined; // tlsProblems reports it
  }
  const from = new Date(cert.validFrom);
  const to = new Date(cert.validTo);
  if (nowMs > to.getTime()) return `certificate expired on ${to.toISOString()}`;
  if (nowMs < from.getTime()) return `certificate not valid before ${from.toISOString()}`;
  return undefined;
}

/**
 * Node warns once per process (DEP0123) when a TLS client sets the server name to an IP
 * address, which grpc-js does for every IP target (grpc/grpc-node#1919). Verification of IP
 * SANs is unaffected; the warning would only break one-line output. Drops that warning alone.
 */
export function quietIpServernameWarning(): void {
  const emit = process.emitWarning.bind(process) as (...args: unknown[]) => void;
  const quiet = (...args: unknown[]): void => {
    const [, typeOrOptions, code] = args;
    const named =
      code === 'DEP0123' ||
      (typeof typeOrOptions === 'object' && (typeOrOptions as { code?: string } | null)?.code === 'DEP0123');
    if (!named) emit(...args);
  };
  process.emitWarning = quiet as typeof process.emitWarning;
}

/**
 * Reads the files that are given and checks them (tlsProblems). Throws one ConfigError line
 * naming the setting and path for the first problem. Never includes file contents.
 */
export function readTlsFiles(
  paths: TlsPaths,
  names: TlsNames,
  readFile: (path: string) => Buffer = readFileSync,
): TlsFiles {
  const files: TlsFiles = {};
  for (const f of ['ca', 'cert', 'key'] as const) {
    const path = paths[f];
    if (path === undefined) continue;
    try {
      files[f] = readFile(path);
    } catch (err) {
      throw new ConfigError(`cannot read ${names.prefix}${f} ${path}: ${reason(err)}`, undefined, {
        cause: err,
      });
    }
  }
  const problems = tlsProblems(files, paths, names);
  if (problems.length > 0) throw new ConfigError(problems.join('; '), problems);
  return files;
}

/** A section that must have all three files (heartbeat.tls, the coordinator's tls). */
export interface MutualTlsFiles {
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

export function readMutualTlsFiles(
  paths: { ca: string; cert: string; key: string },
  names: TlsNames,
  readFile?: (path: string) => Buffer,
): MutualTlsFiles {
  const f = readTlsFiles(paths, names, readFile);
  // readTlsFiles returns every file it was given a path for.
  return { ca: f.ca!, cert: f.cert!, key: f.key! };
}
