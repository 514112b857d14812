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

/**
 * After the successor's key appears, how long the old holder keeps the address (≤ overlap
 * budget) when it cannot hear the successor say the address is up (see SuccessorReports).
 */
export const SETTLE_MS = 40;

/**
 * What heard peers report holding, from their beats (Peers): the old holder of a handover keeps
 * its address until the successor's own beat lists the VIP at the successor's revision (the
 * successor sends a beat as soon as its address is up), instead of a fixed settle after the key.
 * At 2000 VIPs handed back at once the successor's adds come anywhere from at once to a few
 * hundred ms after its keys: a fixed settle left both nodes holding a VIP for up to ~220 ms, or
 * neither for a moment.
 */
export interface SuccessorReports {
  /** Whether `node` is a heard peer whose held set is known now (its word can be waited for). */
  heard(node: string): boolean;
  /** Whether `node`'s beats say it holds `vip` at `revision`. */
  holds(node: string, vip: string, revision: string): boolean;
  /** Calls `listener` whenever some peer's held set changed (subscribed once, for the daemon's life). */
  onChange(listener: () => void): void;
}
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
  /** The peers' word on what they hold (default: none; a handover then settles SETTLE_MS). */
  successors?: SuccessorReports;
}

/** The options with the port's own parts filled in. */
type Parts = EtcdLeadershipOptions &
  Required<Pick<EtcdLeadershipOptions, 'acquirer' | 'releaser' | 'writes'>> & {
    /** Handovers waiting for a successor's beat (one subscription to the peers for all). */
    successorWaits: Set<() => void>;
  };

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
      successorWaits: new Set(),
    };
    const waits = this.o.successorWaits;
    options.successors?.onChange(() => {
      for (const w of waits) w();
    });
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
   * Resolves when the key names a holder other than `revision` and that holder's beats say its
   * address is up (a successor we hear), or a short settle after its key appeared (one we do
   * not hear), or after `maxMs` in all.
   */
  async awaitSuccessor(revision: string, maxMs: number): Promise<number> {
    const { leaders, clock, successors, successorWaits } = this.o;
    const t0 = clock.now();
    const successor = (): { node: string; revision: string } | undefined => {
      const e = leaders.get(this.key);
      if (e === undefined || e.createRevision === revision) return undefined;
      const parsed = this.parse(e);
      return { node: 'problem' in parsed ? '?' : parsed.node, revision: e.createRevision };
    };
    // Up as far as we can tell: its beat lists the VIP (heard), or its key is there (not heard).
    const up = (s: { node: string; revision: string }): boolean =>
      successors === undefined || !successors.heard(s.node) || successors.holds(s.node, this.vip, s.revision);
    const settled = (): boolean => {
      const s = successor();
      return s !== undefined && up(s);
    };
    if (!settled()) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(finish, maxMs);
        const stopKey = this.onChange(check);
        successorWaits.add(check);
        function check(): void {
          if (settled()) finish();
        }
        function finish(): void {
          clearTimeout(timer);
          stopKey();
          successorWaits.delete(check);
          resolve();
        }
      });
    }
    // A successor we do not hear adds its address and announces a few ms after its key
    // appears: stay a little longer, within the overlap budget, so the client never finds nobody.
    const s = successor();
    const heard = s !== undefined && successors !== undefined && successors.heard(s.node);
    const left = maxMs - (clock.now() - t0);
    if (s !== undefined && !heard && left > 0)
      await new Promise((r) => setTimeout(r, Math.min(SETTLE_MS, left)));
    return Math.round(clock.now() - t0);
  }

  confirmHeld(leaseId: string, revision: string): Promise<boolean> {
    const { client, keys, self, callTimeoutMs } = this.o;
    return holdsLeadership(client, keys, this.vip, self, leaseId, revision, callTimeoutMs);
  }
}
