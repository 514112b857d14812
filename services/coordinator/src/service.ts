/**
 * AdminService handlers: each reads or writes etcd through the modules beside it; every
 * failure becomes a gRPC status in toServiceError. The service owns no state.
 */
import * as grpc from '@grpc/grpc-js';
import type { IKeyValue, Watcher } from 'etcd3';
import { errorLine, oneLine } from '@vipd/log';
import { fromEtcdError } from '@vipd/store';
import { START_REVISION_METADATA } from '@vipd/proto';
import type * as api from '@vipd/proto';
import { isWrite, type Presented, type Principal } from './auth';
import { type Context, withTimeout } from './context';
import { requireDecoded } from './decode';
import { eventsFor, type KeyChange } from './events';
import { ApiError, toServiceError } from './errors';
import { createVipFromPool } from './allocate';
import { moveVip, unpinVip } from './move';
import { createPool, deletePool, getPool, listPools } from './pools';
import { drainNode, listNodes, nodesFrom, undrainNode } from './nodes';
import { createService, deleteService, getService, listServices, updateService } from './services';
import { readSnapshot } from './state';
import { checkStartRevision, parseStartRevision } from './watch-start';
import { createVip, deleteVip, getVip, listFrom, listVips, updateVip } from './vips';

type Unary<Req, Res> = grpc.handleUnaryCall<Req, Res>;

/** Who is asking, for drain and pin records: metadata `x-vipd-by` if given, else the peer. */
export function callerOf(call: grpc.ServerUnaryCall<unknown, unknown>): string {
  const given = call.metadata.get('x-vipd-by')[0];
  if (typeof given === 'string' && given.trim() !== '') return oneLine(given.trim()).slice(0, 128);
  return call.getPeer();
}

/** The part of any server call that says who is calling. */
type Caller = Pick<grpc.ServerUnaryCall<unknown, unknown>, 'metadata' | 'getAuthContext'>;

/** What the caller presents: metadata, and the verified client certificate on TLS. */
function presented(call: Caller): Presented {
  const cert = call.getAuthContext().sslPeerCertificate;
  return { metadata: call.metadata, peerCertificate: cert };
}

/** Who the audit log names when the credentials themselves were refused. */
const REFUSED: Principal = { who: 'unauthenticated', role: 'none', via: 'token' };

export class AdminService {
  constructor(private readonly ctx: Context) {}

  /** The handler map for server.addService(AdminService.service, …). */
  handlers(): api.AdminServiceHandlers {
    return {
      CreateVip: this.unary('CreateVip', (req) =>
        req.pool ? createVipFromPool(this.ctx, req) : createVip(this.ctx, req.spec),
      ),
      UpdateVip: this.unary('UpdateVip', (req) => updateVip(this.ctx, req)),
      GetVip: this.unary('GetVip', (req) => getVip(this.ctx, req.name)),
      ListVips: this.unary('ListVips', async () => ({ vips: await listVips(this.ctx) })),
      DeleteVip: this.unary('DeleteVip', async (req) => {
        await deleteVip(this.ctx, req.name);
        return {};
      }),
      MoveVip: this.unary('MoveVip', (req, call) => {
        const abort = new AbortController();
        call.on('cancelled', () => abort.abort());
        return moveVip(this.ctx, req, { by: callerOf(call), signal: abort.signal });
      }),
      UnpinVip: this.unary('UnpinVip', (req, call) => unpinVip(this.ctx, req, callerOf(call))),
      ListNodes: this.unary('ListNodes', async () => ({ nodes: await listNodes(this.ctx) })),
      DrainNode: this.unary('DrainNode', (req, call) => drainNode(this.ctx, req.name, callerOf(call))),
      UndrainNode: this.unary('UndrainNode', (req, call) => undrainNode(this.ctx, req.name, callerOf(call))),
      GetStatus: this.unary('GetStatus', () => this.status()),
      WatchEvents: (call) => void this.watch(call),
      CreateService: this.unary('CreateService', (req) => createService(this.ctx, req.spec)),
      UpdateService: this.unary('UpdateService', (req) => updateService(this.ctx, req)),
      GetService: this.unary('GetService', (req) => getService(this.ctx, req.name)),
      ListServices: this.unary('ListServices', async () => ({ services: await listServices(this.ctx) })),
      DeleteService: this.unary('DeleteService', async (req) => {
        await deleteService(this.ctx, req.name);
        return {};
      }),
      CreatePool: this.unary('CreatePool', (req) => createPool(this.ctx, req.spec)),
      GetPool: this.unary('GetPool', (req) => getPool(this.ctx, req.name)),
      ListPools: this.unary('ListPools', async () => ({ pools: await listPools(this.ctx) })),
      DeletePool: this.unary('DeletePool', async (req) => {
        await deletePool(this.ctx, req.name);
        return {};
      }),
    };
  }

  /** Checks who calls and whether they may, then runs fn; every write leaves an audit line. */
  private unary<Req, Res>(
    op: string,
    fn: (req: Req, call: grpc.ServerUnaryCall<Req, Res>) => Promise<Res>,
  ): Unary<Req, Res> {
    return (call, callback) => {
      const t0 = performance.now();
      let who = REFUSED;
      let admitted = false;
      const run = async (): Promise<Res> => {
        who = this.ctx.auth.identify(presented(call));
        this.ctx.auth.authorize(who, op);
        admitted = true;
        requireDecoded(op, call.request);
        return fn(call.request, call);
      };
      run().then(
        (res) => {
          this.audit(op, who, call, grpc.status.OK, 'ok');
          this.ctx.metrics?.call(op, grpc.status.OK, (performance.now() - t0) / 1000);
          callback(null, res);
        },
        (err: unknown) => {
          const status = toServiceError(err, op);
          const level = status.code === grpc.status.INTERNAL ? 'error' : 'debug';
          this.ctx.log[level]({ op, code: grpc.status[status.code!], err: status.details }, 'call failed');
          this.audit(op, who, call, status.code!, status.details ?? '');
          if (!admitted) this.ctx.metrics?.refused(op, status.code!);
          this.ctx.metrics?.call(op, status.code!, (performance.now() - t0) / 1000);
          callback(status);
        },
      );
    };
  }

  private audit(
    method: string,
    who: Principal,
    call: grpc.ServerUnaryCall<unknown, unknown>,
    code: grpc.status,
    message: string,
  ): void {
    if (!isWrite(method)) return;
    this.ctx.audit.record({ who, peer: call.getPeer(), method, request: call.request, code, message });
  }

  /** Reports etcd as unhealthy rather than failing, so `vipadm status` can say so. */
  private async status(): Promise<api.ClusterStatus__Output> {
    const base = { cluster: this.ctx.cluster, etcd_endpoints: this.ctx.endpoints };
    let snap;
    try {
      snap = await readSnapshot(this.ctx.client, this.ctx.keys);
    } catch (err) {
      this.ctx.log.warn({ err: errorLine(err) }, 'status: etcd unavailable');
      return { ...base, etcd_healthy: false, vips: [], nodes: [] };
    }
    return {
      ...base,
      etcd_healthy: true,
      vips: listFrom(this.ctx, snap),
      nodes: await nodesFrom(this.ctx, snap),
    };
  }

  /**
   * One etcd watch on /vipd/<cluster>/ from now, or from the request's start_revision.
   * Response headers are sent once the watch is established, with the first revision it can
   * deliver (vipd-start-revision): a client that waits for them misses no later change. Ends when the
   * client cancels; an unrecoverable watch failure ends the stream with UNAVAILABLE.
   */
  private async watch(
    call: grpc.ServerWritableStream<api.WatchEventsRequest__Output, api.Event>,
  ): Promise<void> {
    const { client, keys, log } = this.ctx;
    let closed = false;
    let admitted = false;
    let ended = false;
    let closeGauge = (): void => undefined;
    /** Counts the stream once, when it ends: OK when the client went away, else the error's code. */
    const end = (code: grpc.status): void => {
      if (ended) return;
      ended = true;
      closeGauge();
      if (!admitted) this.ctx.metrics?.refused('WatchEvents', code);
      this.ctx.metrics?.call('WatchEvents', code);
    };
    const fail = (err: unknown): void => {
      const status = toServiceError(
        err instanceof ApiError ? err : fromEtcdError('watch events', err),
        'WatchEvents',
      );
      end(status.code!);
      call.emit('error', status);
    };
    let start: bigint | undefined;
    try {
      this.ctx.auth.authorize(this.ctx.auth.identify(presented(call)), 'WatchEvents');
      admitted = true;
      requireDecoded('WatchEvents', call.request);
      start = parseStartRevision(call.request.start_revision);
      if (start !== undefined) await checkStartRevision(client, keys.root, start, this.ctx.callTimeoutMs);
    } catch (err) {
      return fail(err);
    }
    const builder = client.watch().prefix(keys.root).withPreviousKV();
    if (start !== undefined) builder.startRevision(start.toString());
    const creating = builder.create();
    let watcher: Watcher;
    try {
      watcher = await withTimeout(
        creating,
        this.ctx.callTimeoutMs,
        () =>
          new ApiError(grpc.status.UNAVAILABLE, `etcd did not start a watch in ${this.ctx.callTimeoutMs} ms`),
      );
    } catch (err) {
      // A watch that starts after all must not outlive the stream.
      creating
        .then(
          (w) => w.cancel(),
          () => undefined,
        )
        .catch(() => undefined);
      return fail(err);
    }
    const stop = (): void => {
      if (closed) return;
      closed = true;
      void watcher.cancel().catch(() => undefined);
      end(grpc.status.OK);
    };
    call.on('cancelled', stop);
    call.on('close', stop);
    call.on('error', stop);
    if (call.cancelled) return stop();
    closeGauge = this.ctx.metrics?.watchOpened() ?? closeGauge;
    // From now, the watch delivers what follows the revision it was created at (etcd3 keeps
    // that + 1 as its next start revision).
    const first = start?.toString() ?? watcher.request.start_revision ?? '';
    const md = new grpc.Metadata();
    md.set(START_REVISION_METADATA, String(first));
    call.sendMetadata(md);
    const emit = (kind: KeyChange['kind'], kv: IKeyValue, prev?: IKeyValue): void => {
      if (closed) return;
      const change: KeyChange = {
        kind,
        key: kv.key.toString(),
        value: kv.value.toString(),
        createRevision: String(kv.create_revision),
        modRevision: String(kv.mod_revision),
        prev: prev
          ? { value: prev.value.toString(), createRevision: String(prev.create_revision) }
          : undefined,
      };
      const time = new Date().toISOString();
      for (const e of eventsFor(keys, change)) call.write({ time, ...e, revision: change.modRevision });
    };
    watcher.on('put', (kv, prev) => emit('put', kv, prev));
    watcher.on('delete', (kv, prev) => emit('delete', kv, prev));
    watcher.on('error', (err) => {
      if (closed) return;
      log.warn({ err: errorLine(err) }, 'event watch failed; ending the stream');
      fail(err);
      stop();
    });
  }
}
