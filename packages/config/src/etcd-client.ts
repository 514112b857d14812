/**
 * The `etcd:` section both vipd and vip-coordinator read: endpoints, timeouts, TLS files and
 * auth. Shape (a schema factory, since defaults differ), cross-field rules, and the merge-stage
 * step that turns `auth.passwordFile` into `auth.password`.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { isObject } from './layered';
import { readSecretFile } from './secrets';
import { readTlsFiles } from './tls-files';

const endpoint = z
  .string()
  .regex(/^https?:\/\/[^\s/]+(:\d+)?\/?$/, 'must be http(s)://HOST:PORT, e.g. http://127.0.0.1:2379');

export interface EtcdClientSchemaOptions {
  /** Default for `callTimeoutMs` (vipd 1000, the coordinator 2000). */
  callTimeoutMs: number;
  /** When given, a missing `etcd` or `etcd.endpoints` is reported as `required (<hint>)`. */
  endpointsRequiredHint?: string;
}

/** The `etcd:` schema. */
export function etcdClientSchema(options: EtcdClientSchemaOptions) {
  const hint = options.endpointsRequiredHint;
  const required = hint !== undefined ? `required (${hint})` : undefined;
  const whenMissing = (message: string | undefined) =>
    message !== undefined ? { required_error: message } : undefined;
  return z
    .object(
      {
        endpoints: z.array(endpoint, whenMissing(required)).min(1, 'at least one endpoint'),
        dialTimeoutMs: z.number().int().min(100).max(60_000).default(2000),
        callTimeoutMs: z.number().int().min(50).max(60_000).default(options.callTimeoutMs),
        /**
         * Never above the lowest `--max-txn-ops` of any etcd member: bulk transactions (leader
         * keys, takeover marks) are sized to fit it (docs/etcd.md).
         */
        maxTxnOps: z.number().int().min(3).max(100_000).default(128),
        tls: z
          .object({ ca: z.string().min(1), cert: z.string().optional(), key: z.string().optional() })
          .strict()
          .optional(),
        auth: z
          .object({
            username: z.string().min(1),
            /** Only from a file or the environment, never a flag. */
            password: z.string().optional(),
            passwordFile: z.string().optional(),
          })
          .strict()
          .optional(),
      },
      whenMissing(required && `endpoints: ${required}`),
    )
    .strict();
}

export type EtcdClientConfig = z.output<ReturnType<typeof etcdClientSchema>>;

/** Pure: the rules across fields of `etcd:` that the schema cannot say. */
export function etcdClientProblems(etcd: EtcdClientConfig): string[] {
  const problems: string[] = [];
  if (etcd.auth && etcd.auth.password !== undefined && etcd.auth.passwordFile !== undefined) {
    problems.push('etcd.auth: give password or passwordFile, not both');
  }
  if (etcd.tls && (etcd.tls.cert === undefined) !== (etcd.tls.key === undefined)) {
    problems.push('etcd.tls: cert and key go together');
  }
  return problems;
}

/**
 * Merge stage: when the merged config has `etcd.auth.passwordFile` and no password, reads the
 * file into `etcd.auth.password` and drops `passwordFile`. Changes `merged` in place.
 */
export function resolveEtcdPasswordFile(
  merged: Record<string, unknown>,
  readFile: (path: string) => string,
): void {
  const etcd = merged.etcd;
  const auth = isObject(etcd) && isObject(etcd.auth) ? etcd.auth : undefined;
  if (auth && typeof auth.passwordFile === 'string' && auth.password === undefined) {
    auth.password = readSecretFile(auth.passwordFile, readFile, 'etcd.auth.passwordFile');
    delete auth.passwordFile;
  }
}

/** TLS material for the etcd client, read from the configured files (at start, once). */
export interface EtcdTlsFiles {
  ca: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

/** Reads and checks etcd.tls's files (see readTlsFiles); a problem is a one-line ConfigError. */
export function readEtcdTls(
  tls: { ca: string; cert?: string; key?: string } | undefined,
  readFile: (path: string) => Buffer = readFileSync,
): EtcdTlsFiles | undefined {
  if (!tls) return undefined;
  const files = readTlsFiles(tls, { prefix: 'etcd.tls.' }, readFile);
  // readTlsFiles returns every file it was given a path for; ca is required by the schema.
  return { ca: files.ca!, cert: files.cert, key: files.key };
}
