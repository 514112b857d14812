/**
 * Admin API tokens from files (`auth.tokens: [{name, role, file}]`). A token file holds one
 * token (surrounding whitespace trimmed). The coordinator refuses to start, with one line,
 * when a file is missing, unreadable, empty, not one token of 16–4096 visible ASCII
 * characters, readable or writable by "other" users (mode & 0o007), or holds the same token
 * as another entry. Only the SHA-256 digest is kept: the token itself is never stored,
 * printed or logged.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { ConfigError } from '@vipd/config';
import { errorLine } from '@vipd/log';
import { z } from 'zod';

export const ROLES = ['viewer', 'operator'] as const;
export type Role = (typeof ROLES)[number];

export const TOKEN_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
export const MIN_TOKEN_LENGTH = 16;
export const MAX_TOKEN_LENGTH = 4096;
/** Visible ASCII only: a valid HTTP/2 header value with no spaces. */
const TOKEN_RE = /^[\x21-\x7e]+$/;

export const tokenEntrySchema = z
  .object({
    name: z.string().regex(TOKEN_NAME_RE, 'letters, digits, ".", "_", "@", "-"; at most 64 characters'),
    role: z.enum(ROLES),
    file: z.string().min(1),
  })
  .strict();

export type TokenEntry = z.output<typeof tokenEntrySchema>;

/** A token as the authorizer holds it: its name, role and SHA-256 digest. */
export interface TokenDigest {
  name: string;
  role: Role;
  digest: Buffer;
}

export function tokenDigest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** How token files are read; tests inject both. */
export interface TokenFileAccess {
  readFile(path: string): string;
  /** The file's permission bits (st_mode). */
  mode(path: string): number;
}

export const realTokenFiles = (readFile: (path: string) => string): TokenFileAccess => ({
  readFile,
  mode: (path) => statSync(path).mode,
});

/** Reads and checks every token file; throws ConfigError naming the entry and the file. */
export function loadTokens(entries: readonly TokenEntry[], files: TokenFileAccess): TokenDigest[] {
  const out: TokenDigest[] = [];
  const names = new Set<string>();
  for (const [i, e] of entries.entries()) {
    const where = `auth.tokens[${i}] (${e.name}): ${e.file}`;
    if (names.has(e.name)) throw new ConfigError(`auth.tokens[${i}]: name ${e.name} given twice`);
    names.add(e.name);
    let text: string;
    let mode: number;
    try {
      mode = files.mode(e.file);
      text = files.readFile(e.file);
    } catch (err) {
      throw new ConfigError(`cannot read token file ${where}: ${errorLine(err)}`, undefined, { cause: err });
    }
    if ((mode & 0o007) !== 0) {
      const octal = (mode & 0o777).toString(8).padStart(3, '0');
      throw new ConfigError(`token file ${where} is accessible by other users (mode ${octal}); chmod 600 it`);
    }
    const token = text.trim();
    if (token === '') throw new ConfigError(`token file ${where} is empty`);
    if (!TOKEN_RE.test(token)) {
      throw new ConfigError(`token file ${where} must hold one token of visible ASCII characters, no spaces`);
    }
    if (token.length < MIN_TOKEN_LENGTH || token.length > MAX_TOKEN_LENGTH) {
      throw new ConfigError(
        `token file ${where}: the token must be ${MIN_TOKEN_LENGTH}–${MAX_TOKEN_LENGTH} characters (e.g. openssl rand -hex 32)`,
      );
    }
    const digest = tokenDigest(token);
    const same = out.find((t) => t.digest.equals(digest));
    if (same) throw new ConfigError(`token file ${where} holds the same token as ${same.name}`);
    out.push({ name: e.name, role: e.role, digest });
  }
  return out;
}
