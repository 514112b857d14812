/**
 * The desired VIPs: every valid spec under vips/, kept current by a watch. An invalid value
 * is logged once and skipped; it never stops the others (and a VIP whose spec turns invalid
 * is treated as removed).
 */
import { EventEmitter } from 'node:events';
import type { Etcd3 } from 'etcd3';
import { errorLine, type Logger } from '@vipd/log';
import { Keys } from './keys';
import { PrefixMirror } from './prefix-mirror';
import { parseVipSpecJson, type VipSpec } from './vip-spec';

export interface SpecWatcherEvents {
  /** A VIP appeared or changed (spec), or went away or turned invalid (undefined). */
  changed: [name: string, spec: VipSpec | undefined];
}

export class SpecWatcher extends EventEmitter<SpecWatcherEvents> {
  private readonly mirror: PrefixMirror;
  private readonly valid = new Map<string, VipSpec>();
  private readonly invalid = new Map<string, string>();

  constructor(
    client: Etcd3,
    private readonly keys: Keys,
    private readonly log: Logger,
  ) {
    super();
    this.mirror = new PrefixMirror(client, keys.vipsPrefix, log);
    this.mirror.on('change', (key, entry) => this.apply(key, entry?.value));
  }

  specs(): ReadonlyMap<string, VipSpec> {
    return this.valid;
  }

  /** Names whose stored value is invalid, with the problem. */
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
    const name = Keys.nameUnder(this.keys.vipsPrefix, key);
    if (name === undefined) {
      this.log.warn({ key }, 'ignoring a key that is not a VIP name under vips/');
      return;
    }
    let spec: VipSpec | undefined;
    if (value !== undefined) {
      try {
        spec = parseVipSpecJson(value, name);
        this.invalid.delete(name);
      } catch (err) {
        const problem = errorLine(err);
        if (this.invalid.get(name) !== problem) {
          this.log.error({ vip: name, err: problem }, 'invalid VIP spec skipped');
        }
        this.invalid.set(name, problem);
      }
    } else {
      this.invalid.delete(name);
    }
    const had = this.valid.has(name);
    if (spec) this.valid.set(name, spec);
    else this.valid.delete(name);
    if (spec || had) this.emit('changed', name, spec);
  }
}
