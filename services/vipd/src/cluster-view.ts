/** This node's copy of the cluster state in etcd: one mirror (range + watch) per key prefix. */
import type { Logger } from '@vipd/log';
import {
  type EtcdClient,
  type Keys,
  parsePinRecord,
  PrefixMirror,
  ServiceWatcher,
  SpecWatcher,
} from '@vipd/store';

export class ClusterView {
  readonly vips: SpecWatcher;
  readonly nodes: PrefixMirror;
  readonly leaders: PrefixMirror;
  readonly drains: PrefixMirror;
  readonly pins: PrefixMirror;
  readonly alive: PrefixMirror;
  /** Virtual services (services/): their rules follow the VIPs (virtual-services.ts). */
  readonly services: ServiceWatcher;

  constructor(
    client: EtcdClient,
    private readonly keys: Keys,
    log: Logger,
  ) {
    this.vips = new SpecWatcher(client, keys, log);
    this.nodes = new PrefixMirror(client, keys.nodesPrefix, log);
    this.leaders = new PrefixMirror(client, keys.leadersPrefix, log);
    // The leadership port (once for every VIP: it passes each change on to that VIP's controller
    // and handover), the takeover and the metrics listen to it.
    this.leaders.setMaxListeners(0);
    this.drains = new PrefixMirror(client, keys.drainPrefix, log);
    this.pins = new PrefixMirror(client, keys.pinsPrefix, log);
    this.alive = new PrefixMirror(client, keys.alivePrefix, log);
    this.services = new ServiceWatcher(client, keys, log);
  }

  /** The node an operator pinned `vip` to (pins/<vip>), if any. */
  pinOf(vip: string): string | undefined {
    const entry = this.pins.get(this.keys.pin(vip));
    return entry ? parsePinRecord(entry.value)?.node : undefined;
  }

  /** Reads everything, leaders first (so no VIP is seen vacant that is not), specs last. */
  async start(): Promise<void> {
    await this.leaders.start();
    await this.nodes.start();
    await this.drains.start();
    await this.pins.start();
    await this.alive.start();
    await this.vips.start();
    await this.services.start();
  }

  async stop(): Promise<void> {
    await Promise.all([
      this.vips.stop(),
      this.nodes.stop(),
      this.leaders.stop(),
      this.drains.stop(),
      this.pins.stop(),
      this.alive.stop(),
      this.services.stop(),
    ]);
  }
}
