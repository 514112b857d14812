/**
 * For a describe() whose tests talk to @vipd/store: a local etcd (etcd-local.ts) started before
 * its tests with store clients on it, each client its own connection, all closed after; fresh
 * key prefixes; a node registration to open sessions with.
 */
import { after, before } from 'node:test';
import { createEtcdClient, type EtcdClient, Keys, type NodeInfo } from '@vipd/store';
import { type LocalEtcd, startLocalEtcd } from './etcd-local';

export interface StoreEtcd {
  readonly etcd: LocalEtcd;
  readonly client: EtcdClient;
  /** With `clients: 2`: a second client on its own connection (another process's view, not a queue behind ours). */
  readonly other: EtcdClient;
  /** Keys under a cluster of their own (`<tag><pid>-<n>`), a new one on every call. */
  newKeys(): Keys;
}

export interface StoreEtcdOptions {
  /** Each client's call deadline; default 1000 ms. */
  callTimeoutMs?: number;
  /** How many clients; default 1. */
  clients?: 1 | 2;
  /** First letter of the cluster names newKeys() gives; default `t`. */
  tag?: string;
}

/** Registers the before() and after() hooks in the calling describe(); read the fields inside tests and hooks. */
export function useStoreEtcd(opts: StoreEtcdOptions = {}): StoreEtcd {
  let etcd: LocalEtcd | undefined;
  const clients: EtcdClient[] = [];
  let n = 0;
  before(async () => {
    const started = await startLocalEtcd();
    etcd = started;
    for (let i = 0; i < (opts.clients ?? 1); i++) {
      clients.push(
        createEtcdClient({
          endpoints: [started.endpoint],
          callTimeoutMs: opts.callTimeoutMs ?? 1000,
          dialTimeoutMs: 2000,
        }),
      );
    }
  });
  after(async () => {
    for (const client of clients) client.close();
    await etcd?.stop();
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} exists only inside the tests (before() makes it)`);
    return value;
  };
  return {
    get etcd() {
      return ready(etcd, 'the local etcd');
    },
    get client() {
      return ready(clients[0], 'the store client');
    },
    get other() {
      return ready(clients[1], 'the second store client (clients: 2)');
    },
    newKeys: () => new Keys(`${opts.tag ?? 't'}${process.pid}-${++n}`),
  };
}

/** A node's registration (nodes/<name>) as the daemon writes it, advertising `<name>:7400`. */
export function nodeInfo(name: string): NodeInfo {
  return { name, advertise: `${name}:7400`, labels: {}, drained: false, unready: [] };
}
