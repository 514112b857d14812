/** What every handler needs: the etcd client, the key schema, a logger, auth and a few limits. */
import type { Etcd3 } from 'etcd3';
import type { Logger } from '@vipd/log';
import type { Keys } from '@vipd/store';
import type { AuditLog } from './audit';
import type { Authorizer } from './auth';
import type { ApiMetrics } from './metrics';

export interface Context {
  client: Etcd3;
  keys: Keys;
  log: Logger;
  cluster: string;
  endpoints: string[];
  callTimeoutMs: number;
  /** Deadline of one grpc.health.v1 Check to a node. */
  healthTimeoutMs: number;
  /** Who may call what (tokens, roles, anonymous rule). */
  auth: Authorizer;
  /** One line per write call. */
  audit: AuditLog;
  /** metrics.listen: calls, refusals and streams are counted (metrics.ts). */
  metrics?: ApiMetrics;
}

/** Rejects with `onTimeout()` if the promise has not settled within ms. */
export function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
