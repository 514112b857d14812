/**
 * A local copy of every key under one prefix: one range read, then a watch from the next
 * revision. Resyncs from scratch when the watch breaks irrecoverably (e.g. compaction).
 */
import { EventEmitter } from 'node:events';
import type { Etcd3, IKeyValue, IRangeResponse, Watcher } from 'etcd3';
import { errorLine, type Logger } from '@vipd/log';
import { fromEtcdError } from './errors';

export interface MirrorEntry {
  key: string;
  value: string;
  createRevision: string;
  modRevision: string;
  /** Lease id as etcd's decimal string; "0" when none. */
  lease: string;
}

export interface PrefixMirrorEvents {
  change: [key: string, entry: MirrorEntry | undefined];
  synced: [];
  disconnected: [];
  connected: [];
}

export function toEntry(kv: IKeyValue): MirrorEntry {
  return {
    key: kv.key.toString(),
    value: kv.value.toString(),
    createRevision: String(kv.create_revision),
    modRevision: String(kv.mod_revision),
    lease: String(kv.lease ?? '0'),
  };
}

export class PrefixMirror extends EventEmitter<PrefixMirrorEvents> {
  private readonly map = new Map<string, MirrorEntry>();
  private watcher: Watcher | undefined;
  private stopped = false;
  private rev = 0n;

  constructor(
    private readonly client: Etcd3,
    readonly prefix: string,
    private readonly log: Logger,
  ) {
    super();
  }

  entries(): ReadonlyMap<string, MirrorEntry> {
    return this.map;
  }

  /** The etcd revision this copy is known to be current at. */
  get revision(): string {
    return this.rev.toString();
  }

  get(key: string): MirrorEntry | undefined {
    return this.map.get(key);
  }

  /** Reads the prefix and starts watching. Rejects if the first read fails. */
  async start(): Promise<void> {
    const res = await this.client.kv.range({
      key: Buffer.from(this.prefix),
      range_end: Buffer.from(prefixEnd(this.prefix)),
    });
    const seen = new Set<string>();
    for (const kv of res.kvs) {
      const entry = toEntry(kv);
      seen.add(entry.key);
      this.apply(entry.key, entry);
    }
    for (const key of [...this.map.keys()]) if (!seen.has(key)) this.apply(key, undefined);
    this.bump(res.header.revision);
    const next = (BigInt(res.header.revision) + 1n).toString();
    const watcher = await this.client.watch().prefix(this.prefix).startRevision(next).create();
    if (this.stopped) {
      await watcher.cancel();
      return;
    }
    this.watcher = watcher;
    // 'data' is emitted before the per-key events of the same response.
    watcher.on('data', (res) => this.bump(res.header.revision));
    watcher.on('put', (kv) => this.apply(kv.key.toString(), toEntry(kv)));
    watcher.on('delete', (kv) => this.apply(kv.key.toString(), undefined));
    watcher.on('disconnected', () => this.emit('disconnected'));
    watcher.on('connected', () => this.emit('connected'));
    watcher.on('error', (err) => {
      this.log.warn({ prefix: this.prefix, err: errorLine(err) }, 'watch failed; reading the prefix again');
      void this.resync();
    });
    this.emit('synced');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const w = this.watcher;
    this.watcher = undefined;
    if (w) await w.cancel().catch(() => undefined);
  }

  private async resync(): Promise<void> {
    const old = this.watcher;
    this.watcher = undefined;
    if (old) await old.cancel().catch(() => undefined);
    for (let attempt = 1; !this.stopped && attempt <= 1_000_000; attempt++) {
      try {
        await this.start();
        return;
      } catch (err) {
        this.log.warn({ prefix: this.prefix, attempt, err: errorLine(err) }, 'resync failed; retrying');
        await new Promise((r) => setTimeout(r, Math.min(2000, 100 * attempt)));
      }
    }
  }

  private bump(revision: string | number): void {
    const r = BigInt(revision);
    if (r > this.rev) this.rev = r;
  }

  private apply(key: string, entry: MirrorEntry | undefined): void {
    const before = this.map.get(key);
    if (entry === undefined) {
      if (!before) return;
      this.map.delete(key);
    } else {
      if (before && before.modRevision === entry.modRevision) return;
      this.map.set(key, entry);
    }
    this.emit('change', key, entry);
  }
}

/**
 * Every key under each prefix, all at one revision (one read-only transaction), for a reader whose
 * answer must be self-consistent across prefixes (the coordinator's snapshot). `entries[i]` holds
 * what is under `prefixes[i]`; `operation` names the read in the StoreError a failure throws.
 * Under the client's own per-call deadline (createEtcdClient's callTimeoutMs).
 */
export async function readPrefixes(
  client: Etcd3,
  prefixes: readonly string[],
  operation: string,
): Promise<{ revision: string; entries: MirrorEntry[][] }> {
  try {
    const res = await client.kv.txn({
      compare: [],
      success: prefixes.map((p) => ({ request_range: { key: Buffer.from(p), range_end: prefixEnd(p) } })),
      failure: [],
    });
    return {
      revision: String(res.header.revision),
      entries: prefixes.map((_, i) =>
        ((res.responses[i]?.response_range as IRangeResponse | undefined)?.kvs ?? []).map(toEntry),
      ),
    };
  } catch (err) {
    throw fromEtcdError(operation, err);
  }
}

/** The smallest key greater than every key with this prefix (etcd's range_end for a prefix). */
export function prefixEnd(prefix: string): Buffer {
  const buf = Buffer.from(prefix);
  for (let i = buf.length - 1; i >= 0; i--) {
    if (buf[i]! < 0xff) {
      const end = Buffer.from(buf.subarray(0, i + 1));
      end[i] = end[i]! + 1;
      return end;
    }
  }
  return Buffer.from([0]);
}
