/** Runs vip-coordinator processes and talks to them over gRPC, as vipadm does. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { registerCleanup } from '../harness/cleanup';
import { etcdctl, freePort } from '../harness/etcd-local';
import { COORDINATOR_BIN, REPO_ROOT } from '../harness/paths';
import { hasExited, pollUntil, terminate } from '../harness/proc';
import {
  type AdminRequest,
  type AdminResponse,
  type AdminServiceClient,
  type AdminUnaryMethod,
  callAdmin,
  loadAdminProto,
  protoLoader,
} from '@vipd/proto';

/** An admin client; with a token, every call carries `authorization: Bearer <token>`. */
export function adminClient(
  address: string,
  token?: string,
  credentials: grpc.ChannelCredentials = grpc.credentials.createInsecure(),
): AdminServiceClient {
  const interceptors = token === undefined ? [] : [bearer(token)];
  return new (loadAdminProto().AdminService)(address, credentials, { interceptors });
}

/** A client interceptor adding the bearer token to each call's metadata. */
export function bearer(token: string): grpc.Interceptor {
  return (options, nextCall) =>
    new grpc.InterceptingCall(nextCall(options), {
      start(metadata, listener, next) {
        metadata.set('authorization', `Bearer ${token}`);
        next(metadata, listener);
      },
    });
}

/** A fresh random token (64 hex characters). */
export const newToken = (): string => randomBytes(32).toString('hex');

/** A unary call as a promise, with a deadline. */
export function call<M extends AdminUnaryMethod>(
  client: AdminServiceClient,
  method: M,
  req: AdminRequest<M>,
  timeoutMs = 10_000,
  metadata = new grpc.Metadata(),
): Promise<AdminResponse<M>> {
  return new Promise((resolvePromise, reject) => {
    callAdmin(client, method, req, metadata, { deadline: Date.now() + timeoutMs }, (err, res) =>
      err ? reject(err) : resolvePromise(res!),
    );
  });
}

/** Resolves with the error of a call that must fail. */
export async function callError<M extends AdminUnaryMethod>(
  client: AdminServiceClient,
  method: M,
  req: AdminRequest<M>,
  timeoutMs = 10_000,
): Promise<grpc.ServiceError> {
  try {
    await call(client, method, req, timeoutMs);
  } catch (err) {
    return err as grpc.ServiceError;
  }
  throw new Error(`${method} succeeded but should have failed`);
}

export interface Coordinator {
  address: string;
  proc: ChildProcess;
  /** A client carrying the operator token `op`. */
  client: AdminServiceClient;
  /** Token text by name: `op` (operator) and `view` (viewer). */
  tokens: { op: string; view: string };
  /** The token files by name (mode 600). */
  tokenFiles: { op: string; view: string };
  logFile: string;
  log(): string;
  stop(): Promise<void>;
}

/** Starts vip-coordinator on a free loopback port and waits until grpc.health.v1 says SERVING. */
export async function startCoordinator(opts: {
  endpoints: string[];
  cluster: string;
  callTimeoutMs?: number;
  /** Extra top-level YAML lines (e.g. a `tls:` section). */
  extraYaml?: string[];
  /** How the test's own clients (health wait, admin client) connect; default plaintext. */
  credentials?: grpc.ChannelCredentials;
  /** auth.anonymous (default: the coordinator's, none). */
  anonymous?: 'none' | 'viewer';
  /** reflection (default: the coordinator's, on). */
  reflection?: boolean;
  /** log.levelNames: "level":"info" rather than 30 (default: the coordinator's, off). */
  logLevelNames?: boolean;
}): Promise<Coordinator> {
  const dir = mkdtempSync(join(tmpdir(), 'vipd-coord-'));
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const config = join(dir, 'coordinator.yaml');
  const tokens = { op: newToken(), view: newToken() };
  const tokenFiles = { op: join(dir, 'token-op'), view: join(dir, 'token-view') };
  for (const name of ['op', 'view'] as const) {
    writeFileSync(tokenFiles[name], `${tokens[name]}\n`, { mode: 0o600 });
  }
  writeFileSync(
    config,
    [
      `listen: ${address}`,
      `cluster: ${opts.cluster}`,
      'etcd:',
      `  endpoints: [${opts.endpoints.join(', ')}]`,
      `  callTimeoutMs: ${opts.callTimeoutMs ?? 2000}`,
      `  dialTimeoutMs: 1000`,
      'auth:',
      ...(opts.anonymous ? [`  anonymous: ${opts.anonymous}`] : []),
      '  tokens:',
      `    - { name: op, role: operator, file: ${tokenFiles.op} }`,
      `    - { name: view, role: viewer, file: ${tokenFiles.view} }`,
      ...(opts.reflection === undefined ? [] : [`reflection: ${opts.reflection}`]),
      `log: { level: debug, format: json${opts.logLevelNames ? ', levelNames: true' : ''} }`,
      ...(opts.extraYaml ?? []),
      '',
    ].join('\n'),
  );
  const logFile = join(dir, 'coordinator.log');
  const fd = openSync(logFile, 'a');
  const proc = spawn(process.execPath, [COORDINATOR_BIN, '--config', config], { stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const unregister = registerCleanup({
    sync: () => {
      if (proc.pid !== undefined && !hasExited(proc)) process.kill(proc.pid, 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  });
  const client = adminClient(address, tokens.op, opts.credentials);
  const log = (): string => {
    try {
      return readFileSync(logFile, 'utf8');
    } catch {
      return '';
    }
  };
  const stop = async (): Promise<void> => {
    client.close();
    await terminate(proc);
    rmSync(dir, { recursive: true, force: true });
    unregister();
  };
  try {
    const serving = async (): Promise<true | undefined> =>
      (await healthStatus(address, 1000, '', opts.credentials)) === 'SERVING' ? true : undefined;
    await pollUntil(serving, {
      timeoutMs: 15_000,
      intervalMs: 100,
      what: `vip-coordinator on ${address} to serve`,
      fatal: () => (hasExited(proc) ? new Error(`vip-coordinator exited: ${log()}`) : undefined),
    });
  } catch (err) {
    await stop();
    throw err;
  }
  return { address, proc, client, tokens, tokenFiles, logFile, log, stop };
}

/** grpc.health.v1 Check("") on address: SERVING, NOT_SERVING, … or UNAVAILABLE. */
export function healthStatus(
  address: string,
  timeoutMs: number,
  service = '',
  credentials: grpc.ChannelCredentials = grpc.credentials.createInsecure(),
): Promise<string> {
  const Client = grpc.makeGenericClientConstructor(healthService, 'Health');
  const client = new Client(address, credentials);
  const names = ['UNKNOWN', 'SERVING', 'NOT_SERVING', 'SERVICE_UNKNOWN'];
  return new Promise((resolvePromise) => {
    (
      client as unknown as {
        check(
          r: { service: string },
          o: grpc.CallOptions,
          cb: (e: grpc.ServiceError | null, r?: { status?: string | number }) => void,
        ): void;
      }
    ).check({ service }, { deadline: Date.now() + timeoutMs }, (err, res) => {
      client.close();
      if (err) resolvePromise('UNAVAILABLE');
      else resolvePromise(typeof res?.status === 'number' ? (names[res.status] ?? '?') : String(res?.status));
    });
  });
}

/** Simulated daemons: what vipd writes, written with etcdctl (real etcd, no fake). */
export class FakeDaemons {
  constructor(
    readonly endpoint: string,
    readonly cluster: string,
  ) {}

  key(rest: string): string {
    return `/vipd/${this.cluster}/${rest}`;
  }

  async grantLease(ttlSeconds = 60): Promise<string> {
    const out = await etcdctl(this.endpoint, ['lease', 'grant', String(ttlSeconds)]);
    const id = /lease ([0-9a-f]+) granted/.exec(out)?.[1];
    if (!id) throw new Error(`no lease id in ${out}`);
    return id;
  }

  async put(rest: string, value: unknown, lease?: string): Promise<void> {
    const args = ['put', this.key(rest), JSON.stringify(value)];
    if (lease !== undefined) args.push(`--lease=${lease}`);
    await etcdctl(this.endpoint, args);
  }

  async registerNode(
    name: string,
    advertise: string,
    opts: { lease?: string; unready?: string[]; unreadyWhy?: Record<string, string>; drained?: boolean } = {},
  ): Promise<void> {
    await this.put(
      `nodes/${name}`,
      {
        name,
        advertise,
        labels: { zone: 'a' },
        drained: opts.drained ?? false,
        unready: opts.unready ?? [],
        ...(opts.unreadyWhy && { unreadyWhy: opts.unreadyWhy }),
      },
      opts.lease,
    );
  }

  async del(rest: string, prefix = false): Promise<void> {
    await etcdctl(this.endpoint, ['del', this.key(rest), ...(prefix ? ['--prefix'] : [])]);
  }

  /** The value at a key, parsed, or undefined. */
  async get(rest: string): Promise<unknown> {
    const out = await etcdctl(this.endpoint, ['get', this.key(rest), '--print-value-only']);
    return out.trim() === '' ? undefined : (JSON.parse(out) as unknown);
  }

  /** etcd's current revision (any write anywhere moves it) and every key-value of the cluster. */
  async state(): Promise<{ revision: string; kvs: string }> {
    const out = await etcdctl(this.endpoint, ['get', this.key(''), '--prefix', '-w', 'json']);
    const res = JSON.parse(out) as { header: { revision: number | string }; kvs?: unknown[] };
    return { revision: String(res.header.revision), kvs: JSON.stringify(res.kvs ?? []) };
  }

  /** Create revision of a key (the fencing token for leaders/). */
  async createRevision(rest: string): Promise<string> {
    const out = await etcdctl(this.endpoint, ['get', this.key(rest), '-w', 'json']);
    const kv = (JSON.parse(out) as { kvs?: { create_revision: number }[] }).kvs?.[0];
    if (!kv) throw new Error(`${rest} is absent`);
    return String(kv.create_revision);
  }
}

/** grpc.reflection.v1 ListServices against address (the proto comes with the coordinator's @grpc/reflection). */
export function reflectionServices(address: string, timeoutMs = 5000): Promise<string[]> {
  const fromCoordinator = createRequire(join(REPO_ROOT, 'services', 'coordinator', 'package.json'));
  const root = join(dirname(fromCoordinator.resolve('@grpc/reflection/package.json')), 'build', 'proto');
  const def = protoLoader.loadSync(join(root, 'grpc/reflection/v1/reflection.proto'), {
    includeDirs: [root],
  });
  const pkg = grpc.loadPackageDefinition(def) as unknown as {
    grpc: { reflection: { v1: { ServerReflection: typeof grpc.Client } } };
  };
  const client = new pkg.grpc.reflection.v1.ServerReflection(address, grpc.credentials.createInsecure());
  const stream = (
    client as unknown as {
      ServerReflectionInfo(o: grpc.CallOptions): grpc.ClientDuplexStream<unknown, unknown>;
    }
  ).ServerReflectionInfo({ deadline: Date.now() + timeoutMs });
  return new Promise((resolvePromise, reject) => {
    stream.on('data', (res: { listServicesResponse?: { service: { name: string }[] } }) => {
      resolvePromise((res.listServicesResponse?.service ?? []).map((s) => s.name).sort());
      stream.end();
      client.close();
    });
    stream.on('error', reject);
    stream.write({ listServices: '' });
  });
}
