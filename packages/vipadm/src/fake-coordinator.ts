/**
 * Test double of vip-coordinator's AdminService for vipadm's own tests: the real admin.proto
 * served by grpc-js on 127.0.0.1, port 0, with in-memory state and scripted failures. It
 * checks nothing about etcd or nodes; the coordinator's own tests do that.
 */
import { EventEmitter } from 'node:events';
import * as grpc from '@grpc/grpc-js';
import { loadProtos } from '@vipd/proto';
import type { Event, MoveVipResponse, Node, Vip, VipSpec } from './types';

type Handler = (
  call: { request: Record<string, unknown>; metadata: grpc.Metadata },
  cb: grpc.sendUnaryData<unknown>,
) => void;

export class FakeCoordinator {
  readonly vips = new Map<string, Vip>();
  readonly nodes = new Map<string, Node>();
  /** `authorization` metadata of every call, in order. */
  readonly authorizations: string[] = [];
  readonly requests: { method: string; request: Record<string, unknown> }[] = [];
  /** Events pushed to every open WatchEvents stream. */
  readonly events = new EventEmitter();
  watchers = 0;
  /** When set, every call fails with this (e.g. UNAUTHENTICATED). */
  failWith?: { code: grpc.status; details: string };
  private revision = 10;
  private readonly server = new grpc.Server();
  port = 0;

  async start(): Promise<this> {
    const v1 = (loadProtos(['vipd/v1/admin.proto']).vipd as grpc.GrpcObject).v1 as grpc.GrpcObject;
    const service = (v1.AdminService as grpc.ServiceClientConstructor).service;
    const handlers: Record<string, Handler | grpc.handleServerStreamingCall<unknown, Event>> = {};
    for (const [name, fn] of Object.entries(this.unaryHandlers())) {
      handlers[name] = (call, cb) => {
        this.authorizations.push(String(call.metadata.get('authorization')[0] ?? ''));
        this.requests.push({ method: name, request: call.request });
        if (this.failWith) return cb({ ...this.failWith, metadata: new grpc.Metadata() });
        fn(call, cb);
      };
    }
    handlers.WatchEvents = (call: grpc.ServerWritableStream<unknown, Event>) => {
      this.authorizations.push(String(call.metadata.get('authorization')[0] ?? ''));
      const send = (event: Event) => call.write(event);
      this.watchers++;
      this.events.on('event', send);
      call.on('cancelled', () => {
        this.watchers--;
        this.events.off('event', send);
      });
    };
    this.server.addService(service, handlers as grpc.UntypedServiceImplementation);
    this.port = await new Promise<number>((resolve, reject) =>
      this.server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) =>
        err ? reject(err) : resolve(port),
      ),
    );
    return this;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  stop(): void {
    this.server.forceShutdown();
  }

  addNode(name: string, extra: Partial<Node> = {}): void {
    this.nodes.set(name, {
      name,
      advertise: `198.51.100.${10 + this.nodes.size}:7400`,
      labels: {},
      alive: true,
      drained: false,
      health: 'SERVING',
      unready: [],
      held: [],
      ...extra,
    });
  }

  private unaryHandlers(): Record<string, Handler> {
    const err = (code: grpc.status, details: string) => ({ code, details, metadata: new grpc.Metadata() });
    const vip = (name: unknown) => this.vips.get(String(name));
    return {
      CreateVip: ({ request }, cb) => {
        const spec = request.spec as VipSpec;
        if (this.vips.has(spec.name))
          return cb(err(grpc.status.ALREADY_EXISTS, `VIP ${spec.name} already exists`));
        if (spec.address.startsWith('198.51.100.0/')) {
          return cb(err(grpc.status.INVALID_ARGUMENT, `spec.address: ${spec.address} is a network address`));
        }
        const created: Vip = {
          spec,
          revision: String(++this.revision),
          holder: '',
          fencing_revision: '',
          pinned_to: '',
        };
        this.vips.set(spec.name, created);
        cb(null, created);
      },
      UpdateVip: ({ request }, cb) => {
        const spec = request.spec as VipSpec;
        const current = vip(spec.name);
        if (!current) return cb(err(grpc.status.NOT_FOUND, `VIP ${spec.name} not found`));
        if (request.expected_revision !== current.revision) {
          return cb(
            err(
              grpc.status.ABORTED,
              `${spec.name} changed since revision ${String(request.expected_revision)}`,
            ),
          );
        }
        const updated = { ...current, spec, revision: String(++this.revision) };
        this.vips.set(spec.name, updated);
        cb(null, updated);
      },
      GetVip: ({ request }, cb) => {
        if (request.name === 'hang') return; // never answers: the client's deadline must fire
        const found = vip(request.name);
        if (!found) cb(err(grpc.status.NOT_FOUND, `VIP ${String(request.name)} not found`));
        else cb(null, found);
      },
      ListVips: (_call, cb) => cb(null, { vips: [...this.vips.values()] }),
      DeleteVip: ({ request }, cb) => {
        if (!this.vips.delete(String(request.name))) {
          return cb(err(grpc.status.NOT_FOUND, `VIP ${String(request.name)} not found`));
        }
        cb(null, {});
      },
      MoveVip: ({ request }, cb) => {
        const found = vip(request.name);
        if (!found) return cb(err(grpc.status.NOT_FOUND, `VIP ${String(request.name)} not found`));
        if (request.to === 'slow') return; // never answers: the client's deadline must fire
        const moved: MoveVipResponse = {
          vip: { ...found, holder: String(request.to), pinned_to: String(request.to) },
          from: found.holder,
          elapsed_ms: 42,
        };
        this.vips.set(found.spec!.name, moved.vip!);
        cb(null, moved);
      },
      ListNodes: (_call, cb) => cb(null, { nodes: [...this.nodes.values()] }),
      DrainNode: ({ request }, cb) => this.setDrained(String(request.name), true, cb),
      UndrainNode: ({ request }, cb) => this.setDrained(String(request.name), false, cb),
      GetStatus: (_call, cb) =>
        cb(null, {
          cluster: 'lab',
          etcd_endpoints: ['http://127.0.0.1:2379'],
          etcd_healthy: true,
          vips: [...this.vips.values()],
          nodes: [...this.nodes.values()],
        }),
    };
  }

  private setDrained(name: string, drained: boolean, cb: grpc.sendUnaryData<unknown>): void {
    const node = this.nodes.get(name);
    if (!node) return cb({ code: grpc.status.NOT_FOUND, details: `node ${name} not found` });
    node.drained = drained;
    cb(null, node);
  }
}
