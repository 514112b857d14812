// Waiting for the lab's etcd: `etcdctl endpoint health` from inside the etcd namespace.
import type { ChildProcess } from 'node:child_process';
import { ETCDCTL_BIN } from '../harness/etcd-local';
import { hasExited, pollUntil } from '../harness/proc';
import type { HostName } from './topology';

interface Exec {
  exec(
    host: HostName,
    argv: readonly string[],
    opts?: { timeoutMs?: number; env?: NodeJS.ProcessEnv },
  ): Promise<string>;
}

export async function waitEtcdHealthy(
  lab: Exec,
  proc: ChildProcess,
  endpoint: string,
  /** etcdctl's TLS flags (--cacert, --cert, --key) for an https endpoint. */
  tlsFlags: readonly string[] = [],
): Promise<void> {
  await pollUntil(
    async () => {
      await lab.exec(
        'etcd',
        [ETCDCTL_BIN, '--endpoints', endpoint, ...tlsFlags, '--dial-timeout', '1s', 'endpoint', 'health'],
        { timeoutMs: 3000, env: { ETCDCTL_API: '3' } },
      );
      return true; // etcdctl exits non-zero while unhealthy
    },
    {
      timeoutMs: 15_000,
      intervalMs: 100,
      what: `lab etcd at ${endpoint} to be healthy`,
      fatal: () => (hasExited(proc) ? new Error(`lab etcd exited (code ${proc.exitCode})`) : undefined),
    },
  );
}
