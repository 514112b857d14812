/**
 * The gRPC server: vipd.v1.AdminService, grpc.health.v1 and (unless switched off) server
 * reflection, with message size caps. The etcd client is the only state, shared by every call.
 */
import * as grpc from '@grpc/grpc-js';
import { ReflectionService } from '@grpc/reflection';
import { HealthImplementation, protoPath as healthProtoPath } from 'grpc-health-check';
import { bindServer, LOADER_OPTIONS, loadAdminProto, protoLoader, protoRoot } from '@vipd/proto';
import { join } from 'node:path';
import { AdminService } from './service';
import type { Context } from './context';
import { tolerantService } from './decode';

export interface ServerOptions {
  /** Serve grpc.reflection (v1 and v1alpha); default true. */
  reflection?: boolean;
}

export const ADMIN_SERVICE = 'vipd.v1.AdminService';
/** Requests are small specs; answers can list a large cluster. */
export const MAX_RECEIVE_BYTES = 256 * 1024;
export const MAX_SEND_BYTES = 16 * 1024 * 1024;

export class CoordinatorServer {
  private readonly server = new grpc.Server({
    'grpc.max_receive_message_length': MAX_RECEIVE_BYTES,
    'grpc.max_send_message_length': MAX_SEND_BYTES,
  });
  private readonly health = new HealthImplementation({ '': 'SERVING', [ADMIN_SERVICE]: 'SERVING' });

  constructor(ctx: Context, options: ServerOptions = {}) {
    const root = protoRoot();
    // loadAdminProto: the project's loader options and strict decoding (a cut request is refused).
    this.server.addService(
      tolerantService(loadAdminProto().AdminService.service),
      new AdminService(ctx).handlers(),
    );
    this.health.addToServer(this.server);
    if (options.reflection === false) return;
    // Reflection describes both services served here (grpcurl needs no .proto files).
    const described = protoLoader.loadSync([join(root, 'vipd/v1/admin.proto'), healthProtoPath], {
      ...LOADER_OPTIONS,
      includeDirs: [root],
    });
    new ReflectionService(described).addToServer(this.server);
  }

  /** Binds (plaintext unless credentials say otherwise); resolves with the bound port. */
  listen(address: string, credentials?: grpc.ServerCredentials): Promise<number> {
    return bindServer(this.server, address, credentials);
  }

  /** Stops taking calls; open streams (WatchEvents) are cut after graceMs. */
  close(graceMs = 2000): Promise<void> {
    this.health.setStatus('', 'NOT_SERVING');
    this.health.setStatus(ADMIN_SERVICE, 'NOT_SERVING');
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.server.forceShutdown();
        resolve();
      }, graceMs);
      timer.unref();
      this.server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
