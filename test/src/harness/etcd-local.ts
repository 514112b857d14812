// A real single-member etcd on 127.0.0.1 for integration tests: free ports, a temporary data
// directory, a bounded wait until healthy, and stop() that kills by PID and removes the dir.
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasExited, pollUntil, run, terminate, type RunOptions } from './proc';
import { registerCleanup } from './cleanup';

export interface LocalEtcd {
  endpoint: string;
  dataDir: string;
  pid: number;
  stop(): Promise<void>;
}

export const ETCD_BIN = process.env.VIPD_TEST_ETCD ?? 'etcd';
export const ETCDCTL_BIN = process.env.VIPD_TEST_ETCDCTL ?? 'etcdctl';

/** Runs `etcdctl --endpoints ENDPOINT ...args` (API v3) and resolves its stdout. */
export function etcdctl(endpoint: string, args: readonly string[], opts: RunOptions = {}): Promise<string> {
  return run([ETCDCTL_BIN, '--endpoints', endpoint, ...args], {
    ...opts,
    env: { ETCDCTL_API: '3', ...opts.env },
  });
}

/** Asks the kernel for a free TCP port on 127.0.0.1 (released before returning). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('freePort: no address'));
      });
    });
  });
}

/** Client TLS for etcd: its certificate and key, and the CA its clients' certificates need. */
export interface EtcdServerTls {
  cert: string;
  key: string;
  ca: string;
}

/** The etcd flags for client TLS with client certificate auth (clientUrls must be https). */
export function etcdTlsArgs(tls: EtcdServerTls): string[] {
  return ['--cert-file', tls.cert, '--key-file', tls.key, '--trusted-ca-file', tls.ca, '--client-cert-auth'];
}

/**
 * The flags of a test etcd member (a single member unless `initialCluster` names others, as
 * `NAME=PEER_URL,…`); pure, so every caller starts etcd the same way, with the same fast raft
 * timing (50 ms heartbeats, 500 ms election timeout).
 */
export function etcdArgs(o: {
  name: string;
  dataDir: string;
  clientUrls: string[];
  peerUrl: string;
  tls?: EtcdServerTls;
  initialCluster?: string;
  clusterToken?: string;
}): string[] {
  const clients = o.clientUrls.join(',');
  return [
    ...(o.tls ? etcdTlsArgs(o.tls) : []),
    '--name',
    o.name,
    '--data-dir',
    o.dataDir,
    '--listen-client-urls',
    clients,
    '--advertise-client-urls',
    clients,
    '--listen-peer-urls',
    o.peerUrl,
    '--initial-advertise-peer-urls',
    o.peerUrl,
    '--initial-cluster',
    o.initialCluster ?? `${o.name}=${o.peerUrl}`,
    '--initial-cluster-state',
    'new', // ignored on a restart: the data directory already has the cluster
    ...(o.clusterToken === undefined ? [] : ['--initial-cluster-token', o.clusterToken]),
    '--heartbeat-interval',
    '50',
    '--election-timeout',
    '500',
    '--log-outputs',
    'stderr',
  ];
}

const START_ATTEMPTS = 3;
const HEALTHY_TIMEOUT_MS = 10_000;

export async function startLocalEtcd(): Promise<LocalEtcd> {
  let lastError: unknown;
  // A port reported free can be taken before etcd binds it: retry a bounded number of times.
  for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
    try {
      return await startOnce();
    } catch (err) {
      lastError = err;
    }
  }
  throw new Error(`startLocalEtcd: failed ${START_ATTEMPTS} times`, { cause: lastError });
}

async function startOnce(): Promise<LocalEtcd> {
  const [clientPort, peerPort] = [await freePort(), await freePort()];
  const dataDir = mkdtempSync(join(tmpdir(), 'vipd-etcd-'));
  const endpoint = `http://127.0.0.1:${clientPort}`;
  const logFd = openSync(join(dataDir, 'etcd.log'), 'a');
  const child = spawn(
    ETCD_BIN,
    etcdArgs({
      name: 'local',
      dataDir: join(dataDir, 'data'),
      clientUrls: [endpoint],
      peerUrl: `http://127.0.0.1:${peerPort}`,
    }),
    { stdio: ['ignore', logFd, logFd] },
  );
  closeSync(logFd);
  const pid = child.pid;
  let stopped = false;
  // If the test process dies first, kill etcd and remove its directory anyway.
  const unregister = registerCleanup({
    sync: () => {
      if (pid !== undefined && !hasExited(child)) process.kill(pid, 'SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await terminate(child);
    rmSync(dataDir, { recursive: true, force: true });
    unregister();
  };
  try {
    if (pid === undefined) throw new Error(`could not start ${ETCD_BIN}`);
    await pollUntil(
      async () => {
        await etcdctl(endpoint, ['--dial-timeout', '1s', 'endpoint', 'health'], {
          timeoutMs: 3000,
        });
        return true; // etcdctl exits non-zero while unhealthy
      },
      {
        timeoutMs: HEALTHY_TIMEOUT_MS,
        intervalMs: 100,
        what: `etcd at ${endpoint} to be healthy`,
        fatal: () =>
          hasExited(child) ? new Error(`etcd exited during start (see ${dataDir}/etcd.log)`) : undefined,
      },
    );
    return { endpoint, dataDir, pid, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
