/**
 * The leadership port over etcd (@vipd/store): leaders/<vip> as the watch mirror has it, parsed
 * once per entry, and its changes passed on to that VIP's listeners (one subscription to the
 * mirror for the node, not one per VIP); acquisitions in bulk (bulk-acquire.ts); releases in the
 * node's write slots (semaphore.ts); a handover (release, then the wait for its successor); a
 * peer's claim checked by a linearizable read.
 */
import type { Clock } from '@vipd/log';
import {
  type AcquireResult,
  type EtcdClient,
  holdsLeadership,
  type Keys,
  type MirrorEntry,
  parseLeader,
  releaseLeadership,
} from '@vipd/store';
import { BulkAcquirer } from './bulk-acquire';
import {
  handOver,
  type Holder,
  type LeadershipPort,
  type ReleaseOutcome,
  type SuccessorWait,
  type VipLeadership,
} from './leadership-port';
import { Semaphore } from './semaphore';

/** After the successor's key appears, how long the old holder keeps the address (≤ overlap budget). */
export const SETTLE_MS = 40;
/** Leader-key releases a node has in flight at most (see semaphore.ts); acquisitions go in bulk. */
const LEADERSHIP_WRITES = 32;

/** What the port reads of leaders/ (ClusterView.leaders, a PrefixMirror). */
export interface LeaderMirror {
  get(key: string): MirrorEntry | undefined;
  /** The etcd revision the copy is known to be current at. */
  readonly revision: string;
  on(event: 'change', listener: (key: string) => void): unknown;
}

export interface EtcdLeadershipOptions {
  self: string;
  client: EtcdClient;
  keys: Keys;
  leaders: LeaderMirror;
  callTimeoutMs: number;
  /** etcd's --max-txn-ops: how many acquisitions one bulk transaction takes (bulk-acquire.ts). */
  maxTxnOps?: number;
  clock: Clock;
  /** Acquisitions (default: gathered into bulk transactions with other VIPs', BulkAcquirer). */
  acquirer?: { acquire(vip: string, leaseId: string): Promise<AcquireResult> };
  /**
   * Deletes leaders/<vip> if its create revision is `revision`: whether it was, and is gone
   * (default: @vipd/store's releaseLeadership).
   */
  releaser?: { release(vip: string, revision: string): Promise<boolean> };
  /** Slots for releases (default: LEADERSHIP_WRITES for the node). */
  writes?: Semaphore;
}

/** The options with the port's own parts filled in. */
type Parts = EtcdLeadershipOptions &
  Required<Pick<EtcdLeadershipOptions, 'acquirer' | 'releaser' | 'writes'>>;

type Parsed = ReturnType<typeof parseLeader>;
/** Leader values parsed once per mirror entry (the mirror replaces an entry when it changes). */
type ParseCache = WeakMap<MirrorEntry, Parsed>;
/** Listeners to a leader key's changes, by key (see VipLeadership.onChange). */
type Listeners = Map<string, Set<() => void>>;

export class EtcdLeadership implements LeadershipPort {
  private readonly cache: ParseCache = new WeakMap();
  private readonly listeners: Listeners = new Map();
  private readonly o: Parts;

  constructor(options: EtcdLeadershipOptions) {
    const { client, keys, self, callTimeoutMs, maxTxnOps } = options;
    this.o = {
      ...options,
      acquirer: options.acquirer ?? new BulkAcquirer({ client, keys, self, callTimeoutMs, maxTxnOps }),
      releaser: options.releaser ?? {
        release: (vip, revision) => releaseLeadership(client, keys, vip, revision, callTimeoutMs),
      },
      writes: options.writes ?? new Semaphore(LEADERSHIP_WRITES),
    };
    options.leaders.on('change', (key) => {
      const listening = this.listeners.get(key);
      if (listening) for (const l of listening) l();
    });
  }

  forVip(vip: string): VipLeadership {
    return new EtcdVipLeadership(this.o, this.cache, this.listeners, vip);
  }
}

class EtcdVipLeadership implements VipLeadership {
  /** Set between our acquire txn and the mirror seeing its revision. */
  private acquired: { revision: string; lease: string } | undefined;
  lastHolderElsewhere: { node: string; revision: string } | undefined;
  private readonly key: string;

  constructor(
    private readonly o: Parts,
    private readonly cache: ParseCache,
    private readonly listeners: Listeners,
    private readonly vip: string,
  ) {
    this.key = o.keys.leader(vip);
  }

  /** The leader record in `entry`, or why it cannot be read. */
  private parse(entry: MirrorEntry): Parsed {
    let parsed = this.cache.get(entry);
    if (parsed === undefined) {
      parsed = parseLeader(this.vip, entry);
      this.cache.set(entry, parsed);
    }
    return parsed;
  }

  holder(): Holder | undefined {
    const { leaders, self } = this.o;
    const entry = leaders.get(this.key);
    if (entry) {
      if (this.acquired && entry.createRevision !== this.acquired.revision) this.acquired = undefined;
      const parsed = this.parse(entry);
      if ('problem' in parsed) {
        // Unreadable, but present: someone holds it. Treat it as held by an unknown node.
        return { node: '?', lease: entry.lease, revision: entry.createRevision, problem: parsed.problem };
      }
      if (parsed.node !== self) this.lastHolderElsewhere = { node: parsed.node, revision: parsed.revision };
      if (parsed.takeover) {
        // Taken over from this holder by a peer: whoever holds it, it is not us any more.
        return { node: `taken-over-by-${parsed.takeover.by}`, lease: '', revision: parsed.revision };
      }
      return parsed;
    }
    const a = this.acquired;
    if (a && BigInt(leaders.revision) < BigInt(a.revision)) {
      return { node: self, lease: a.lease, revision: a.revision };
    }
    this.acquired = undefined;
    return undefined;
  }

  holderElsewhere(): string | undefined {
    const entry = this.o.leaders.get(this.key);
    if (!entry) return undefined;
    const parsed = this.parse(entry);
    if ('problem' in parsed || parsed.node === this.o.self) return undefined;
    return parsed.takeover ? `taken over by ${parsed.takeover.by}` : parsed.node;
  }

  markedOwn(leaseId: string): string | undefined {
    const entry = this.o.leaders.get(this.key);
    if (!entry) return undefined;
    const parsed = this.parse(entry);
    const ours =
      !('problem' in parsed) &&
      parsed.takeover !== undefined &&
      parsed.node === this.o.self &&
      entry.lease === leaseId;
    return ours ? entry.createRevision : undefined;
  }

  /** The fencing revision of whatever key holds the VIP now (a handover's successor, once it is up). */
  private keyRevision(): string | undefined {
    return this.o.leaders.get(this.key)?.createRevision;
  }

  acquire(leaseId: string): Promise<AcquireResult> {
    return this.o.acquirer.acquire(this.vip, leaseId).then((res) => {
      if (res.acquired) this.acquired = { revision: res.revision, lease: leaseId };
      return res;
    });
  }

  release(revision: string): Promise<boolean> {
    const { releaser, writes } = this.o;
    return writes.run(() => releaser.release(this.vip, revision));
  }

  async handover(
    revision: string,
    maxMs: number,
    afterRelease: (outcome: ReleaseOutcome) => boolean,
  ): Promise<SuccessorWait | undefined> {
    return handOver(this, () => this.keyRevision(), revision, maxMs, afterRelease);
  }

  onChange(listener: () => void): () => void {
    const { key, listeners } = this;
    let listening = listeners.get(key);
    if (!listening) {
      listening = new Set();
      listeners.set(key, listening);
    }
    listening.add(listener);
    return () => {
      const now = listeners.get(key);
      if (now?.delete(listener) && now.size === 0) listeners.delete(key);
    };
  }

  /**
   * Resolves when the key names a holder other than `revision` (the successor is up) plus a
   * short settle for its address and announcement, or after `maxMs` in all.
   */
  async awaitSuccessor(revision: string, maxMs: number): Promise<number> {
    const { leaders, clock } = this.o;
    const t0 = clock.now();
    const done = (): boolean => {
      const e = leaders.get(this.key);
      return e !== undefined && e.createRevision !== revision;
    };
    if (!done()) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(finish, maxMs);
        const stop = this.onChange(() => {
          if (done()) finish();
        });
        function finish(): void {
          clearTimeout(timer);
          stop();
          resolve();
        }
      });
    }
    // The successor adds its address and announces a few ms after its key appears: stay a
    // little longer, within the overlap budget, so the client never finds nobody.
    const left = maxMs - (clock.now() - t0);
    if (done() && left > 0) await new Promise((r) => setTimeout(r, Math.min(SETTLE_MS, left)));
    return Math.round(clock.now() - t0);
  }

  confirmHeld(leaseId: string, revision: string): Promise<boolean> {
    const { client, keys, self, callTimeoutMs } = this.o;
    return holdsLeadership(client, keys, this.vip, self, leaseId, revision, callTimeoutMs);
  }
}
