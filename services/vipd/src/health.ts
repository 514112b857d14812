/** grpc.health.v1 on node.listen: SERVING only while the daemon is connected and ready. */
import type * as grpc from '@grpc/grpc-js';
import { bindServer } from '@vipd/proto';
import { HealthImplementation } from 'grpc-health-check';

export class HealthServer {
  private readonly health = new HealthImplementation({ '': 'NOT_SERVING', 'vipd.v1.Node': 'NOT_SERVING' });

  /** `server` is the node's one gRPC server; the heartbeat service shares it. */
  constructor(private readonly server: grpc.Server) {
    this.health.addToServer(this.server);
  }

  /** Binds (plaintext unless credentials say otherwise); resolves with the bound port. */
  listen(address: string, credentials?: grpc.ServerCredentials): Promise<number> {
    return bindServer(this.server, address, credentials);
  }

  setServing(serving: boolean): void {
    const status = serving ? 'SERVING' : 'NOT_SERVING';
    this.health.setStatus('', status);
    this.health.setStatus('vipd.v1.Node', status);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.tryShutdown(() => resolve());
      setTimeout(() => {
        this.server.forceShutdown();
        resolve();
      }, 1000).unref();
    });
  }
}
