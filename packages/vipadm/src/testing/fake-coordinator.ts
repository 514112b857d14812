/**
 * Test double of vip-coordinator's AdminService for vipadm's own tests: the real admin.proto
 * served by grpc-js on 127.0.0.1, port 0, with in-memory state and scripted failures. It
 * checks nothing about etcd or nodes; the coordinator's own tests do that.
 */
import { EventEmitter } from 'node:events';
import * as grpc from '@grpc/grpc-js';
import {
  type AdminServiceHandlers,
  bindServer,
  type Event__Output,
  loadAdminProto,
  type MoveVipResponse__Output,
  type Node__Output,
  type Vip__Output,
} from '@vipd/proto';

type Unary<Req, Res> = (request: Req, cb: grpc.sendUnaryData<Res>) => void;

export class FakeCoordinator {
  readonly vips = new Map<string, Vip__Output>();
  readonly nodes = new Map<string, Node__Output>();
  /** `authorization` metadata of every call, in order. */
  readonly authorizations: string[] = [];
  readonly requests: { method: string; request: Record<string, unknown> }[] = [];
  /** Events pushed to every open WatchEvents stream. */
  readonly events = new EventEmitter();
  watchers = 0;
  /** When set, every call fails with this (e.g. UNAUTHENTICATED). */
  failWith?: { code: grpc.status; details: string };
  /** GetStatus says etcd is unreadable (and lists nothing), as the real coordinator does. */
  etcdHealthy = true;
  private revision = 10;
  private readonly server = new grpc.Server();
  port = 0;

  /** Serves on 127.0.0.1:port (default: any free port). */
  async start(port = 0): Promise<this> {
    this.server.addService(loadAdminProto().AdminService.service, this.handlers());
    this.port = await bindServer(this.server, `127.0.0.1:${port}`);
    return this;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  stop(): void {
    this.server.forceShutdown();
  }

  addNode(name: string, extra: Partial<Node__Output> = {}): void {
    this.nodes.set(name, {
      name,
      advertise: `198.51.100.${10 + this.nodes.size}:7400`,
      labels: {},
      alive: true,
      drained: false,
      health: 'SERVING',
      unready: [],
      held: [],
      checks: {},
      priorities: [],
      bgp: {},
      unready_why: {},
      ...extra,
    });
  }

  /** Every call is recorded (and fails with failWith when set) before its handler runs. */
  private unary<Req extends object, Res>(
    method: string,
    fn: Unary<Req, Res>,
  ): grpc.handleUnaryCall<Req, Res> {
    return (call, cb) => {
      this.authorizations.push(String(call.metadata.get('authorization')[0] ?? ''));
      this.requests.push({ method, request: Object.fromEntries(Object.entries(call.request)) });
      if (this.failWith) return cb({ ...this.failWith, metadata: new grpc.Metadata() });
      fn(call.request, cb);
    };
  }

  private handlers(): AdminServiceHandlers {
    const err = (code: grpc.status, details: string) => ({ code, details, metadata: new grpc.Metadata() });
    const unimplemented = err(grpc.status.UNIMPLEMENTED, 'not in the fake coordinator');
    return {
      CreateVip: this.unary('CreateVip', (request, cb) => {
        const spec = request.spec!;
        if (this.vips.has(spec.name))
          return cb(err(grpc.status.ALREADY_EXISTS, `VIP ${spec.name} already exists`));
        if (spec.address.startsWith('198.51.100.0/')) {
          return cb(err(grpc.status.INVALID_ARGUMENT, `spec.address: ${spec.address} is a network address`));
        }
        const created: Vip__Output = {
          spec,
          revision: String(++this.revision),
          holder: '',
          fencing_revision: '',
          pinned_to: '',
          priorities: [],
        };
        this.vips.set(spec.name, created);
        cb(null, created);
      }),
      UpdateVip: this.unary('UpdateVip', (request, cb) => {
        const spec = request.spec!;
        const current = this.vips.get(spec.name);
        if (!current) return cb(err(grpc.status.NOT_FOUND, `VIP ${spec.name} not found`));
        if (request.expected_revision !== current.revision) {
          return cb(
            err(grpc.status.ABORTED, `${spec.name} changed since revision ${request.expected_revision}`),
          );
        }
        const updated = { ...current, spec, revision: String(++this.revision) };
        this.vips.set(spec.name, updated);
        cb(null, updated);
      }),
      GetVip: this.unary('GetVip', (request, cb) => {
        if (request.name === 'hang') return; // never answers: the client's deadline must fire
        const found = this.vips.get(request.name);
        if (!found) cb(err(grpc.status.NOT_FOUND, `VIP ${request.name} not found`));
        else cb(null, found);
      }),
      ListVips: this.unary('ListVips', (_request, cb) => cb(null, { vips: [...this.vips.values()] })),
      DeleteVip: this.unary('DeleteVip', (request, cb) => {
        if (!this.vips.delete(request.name)) {
          return cb(err(grpc.status.NOT_FOUND, `VIP ${request.name} not found`));
        }
        cb(null, {});
      }),
      MoveVip: this.unary('MoveVip', (request, cb) => {
        const found = this.vips.get(request.name);
        if (!found) return cb(err(grpc.status.NOT_FOUND, `VIP ${request.name} not found`));
        if (request.to === 'slow') return; // never answers: the client's deadline must fire
        const moved: MoveVipResponse__Output = {
          vip: { ...found, holder: request.to, pinned_to: request.to },
          from: found.holder,
          elapsed_ms: 42,
        };
        this.vips.set(found.spec!.name, moved.vip!);
        cb(null, moved);
      }),
      UnpinVip: this.unary('UnpinVip', (request, cb) => {
        const found = this.vips.get(request.name);
        if (!found) return cb(err(grpc.status.NOT_FOUND, `VIP ${request.name} not found`));
        const vip = { ...found, pinned_to: '' };
        this.vips.set(found.spec!.name, vip);
        cb(null, { vip, unpinned_from: found.pinned_to });
      }),
      ListNodes: this.unary('ListNodes', (_request, cb) => cb(null, { nodes: [...this.nodes.values()] })),
      DrainNode: this.unary('DrainNode', (request, cb) => this.setDrained(request.name, true, cb)),
      UndrainNode: this.unary('UndrainNode', (request, cb) => this.setDrained(request.name, false, cb)),
      GetStatus: this.unary('GetStatus', (_request, cb) =>
        cb(null, {
          cluster: 'lab',
          etcd_endpoints: ['http://127.0.0.1:2379'],
          etcd_healthy: this.etcdHealthy,
          vips: this.etcdHealthy ? [...this.vips.values()] : [],
          nodes: this.etcdHealthy ? [...this.nodes.values()] : [],
        }),
      ),
      WatchEvents: (call) => {
        this.authorizations.push(String(call.metadata.get('authorization')[0] ?? ''));
        const send = (event: Event__Output) => call.write(event);
        // Headers at once, as the real coordinator sends them (without a start revision).
        call.sendMetadata(new grpc.Metadata());
        this.watchers++;
        this.events.on('event', send);
        call.on('cancelled', () => {
          this.watchers--;
          this.events.off('event', send);
        });
      },
      // Services are tested against the real coordinator (test/src/coordinator/services.test.ts).
      CreateService: this.unary('CreateService', (_r, cb) => cb(unimplemented)),
      UpdateService: this.unary('UpdateService', (_r, cb) => cb(unimplemented)),
      GetService: this.unary('GetService', (_r, cb) => cb(unimplemented)),
      ListServices: this.unary('ListServices', (_r, cb) => cb(unimplemented)),
      DeleteService: this.unary('DeleteService', (_r, cb) => cb(unimplemented)),
      CreatePool: this.unary('CreatePool', (_r, cb) => cb(unimplemented)),
      GetPool: this.unary('GetPool', (_r, cb) => cb(unimplemented)),
      ListPools: this.unary('ListPools', (_r, cb) => cb(unimplemented)),
      DeletePool: this.unary('DeletePool', (_r, cb) => cb(unimplemented)),
    };
  }

  private setDrained(name: string, drained: boolean, cb: grpc.sendUnaryData<Node__Output>): void {
    const node = this.nodes.get(name);
    if (!node) return cb({ code: grpc.status.NOT_FOUND, details: `node ${name} not found` });
    node.drained = drained;
    cb(null, node);
  }
}
