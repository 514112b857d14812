/**
 * The virtual services: every service under services/, kept current by a watch. Unlike VIP specs,
 * a service whose stored value turns invalid keeps its last valid spec (the rules that run stay;
 * the problem is logged once); one that was never valid is skipped. Deleting the key removes it.
 */
import { EventEmitter } from 'node:events';
import type { Etcd3 } from 'etcd3';
import { errorLine, type Logger } from '@vipd/log';
import { Keys } from './keys';
import { PrefixMirror } from './prefix-mirror';
import { parseServiceSpecJson, type ServiceSpec } from './service-spec';

export interface ServiceWatcherEvents {
  /** A service appeared or changed (spec), or was deleted (undefined). */
  changed: [name: string, spec: ServiceSpec | undefined];
}

export class ServiceWatcher extends EventEmitter<ServiceWatcherEvents> {
  private readonly mirror: PrefixMirror;
  private readonly valid = new Map<string, ServiceSpec>();
  private readonly invalid = new Map<string, string>();

  constructor(
    client: Etcd3,
    private readonly keys: Keys,
    private readonly log: Logger,
  ) {
    super();
    this.mirror = new PrefixMirror(client, keys.servicesPrefix, log);
    this.mirror.on('change', (key, entry) => this.apply(key, entry?.value));
  }

  /** The services in force: each one's latest valid spec. */
  specs(): ReadonlyMap<string, ServiceSpec> {
    return this.valid;
  }

  /** Names whose stored value is invalid now, with the problem. */
  rejected(): ReadonlyMap<string, string> {
    return this.invalid;
  }

  async start(): Promise<void> {
    await this.mirror.start();
  }

  async stop(): Promise<void> {
    await this.mirror.stop();
  }

  private apply(key: string, value: string | undefined): void {
    const name = Keys.nameUnder(this.keys.servicesPrefix, key);
    if (name === undefined) {
      this.log.warn({ key }, 'ignoring a key that is not a service name under services/');
      return;
    }
    if (value === undefined) {
      this.invalid.delete(name);
      if (this.valid.delete(name)) this.emit('changed', name, undefined);
      return;
    }
    let spec: ServiceSpec;
    try {
      spec = parseServiceSpecJson(value, name);
    } catch (err) {
      const problem = errorLine(err);
      if (this.invalid.get(name) !== problem) {
        const kept = this.valid.has(name);
        this.log.error(
          { service: name, err: problem, kept },
          kept
            ? 'invalid service spec skipped; its last valid spec stays in force'
            : 'invalid service spec skipped',
        );
      }
      this.invalid.set(name, problem);
      return;
    }
    this.invalid.delete(name);
    this.valid.set(name, spec);
    this.emit('changed', name, spec);
  }
}
