/**
 * The taker's side of docs/fast-takeover.md: when a holder has gone silent on every heartbeat
 * path this node can check, mark its leader keys as taken over and revoke its lease. Every
 * node then waits W after seeing such a VIP vacant before adding it (see notBefore()).
 */
import { type Clock, errorLine, type Logger } from '@vipd/log';
import {
  type EtcdClient,
  grantTakeoverMarkLease,
  type Keys,
  leaseGone,
  markTakeoverMany,
  type NodeSession,
  parseLeader,
  type PrefixMirror,
  readTakeoverMarks,
  revokeLease,
  touchAlive,
  unmarkTakeoverMany,
} from '@vipd/store';
import { shouldRevoke } from './fast-takeover';
import type { Peers } from './peers';

/** While takeovers/ is being read after a fresh read of the leaders, a vacant VIP looks again this soon. */
const MARKS_READ_RECHECK_MS = 20;
/**
 * TTL of the lease that takeovers/<vip> markers live under, and the taker's window: it revokes
 * the silent peer's lease only while this lease still lives, so a holder whose key keeps a mark
 * longer than that (vip-release.ts's MARK_STUCK_MS, 10 s) knows no revoke can follow.
 */
export const TAKEOVER_MARK_TTL_S = 5;
/** The taker revokes no later than this long before its marker lease could end (own clock). */
const MARK_REVOKE_MARGIN_MS = 1000;

export interface TakeoverOptions {
  self: string;
  client: EtcdClient;
  keys: Keys;
  /** The leaders mirror (its ordered watch shows a mark before the revoke's deletions). */
  leaders: PrefixMirror;
  peers: Peers;
  clock: Clock;
  /** W of docs/fast-takeover.md. */
  waitMs: number;
  /** Heartbeat interval h. */
  intervalMs: number;
  /** S = k·h: how long a peer is silent before it is suspect. */
  suspectMs: number;
  /** The alive/ mirror (peers that still renew through etcd). */
  alive: PrefixMirror;
  callTimeoutMs: number;
  /** etcd's --max-txn-ops (bulk marks are sized to it); default 128. */
  maxTxnOps?: number;
  /** After a fresh read of the leaders, how long vacant VIPs are probed before adding (takenOver). */
  probeAfterReadMs?: number;
  log: Logger;
}

export class Takeover {
  private readonly revoked = new Set<string>();
  private readonly pending = new Set<string>();
  private readonly waitUntil = new Map<string, number>();
  private lastReason = new Map<string, string>();
  private busy = false;
  /** When (our clock) each node's alive/<node> key last changed. */
  private readonly aliveAt = new Map<string, number>();
  private aliveSeq = 0;
  private aliveWriting = false;
  /** Set between a fresh read of the leaders and the read of takeovers/ (see notBefore). */
  private readingMarks: symbol | undefined;
  /** takeovers/ could not be read: every vacant VIP waits until then. */
  private fallbackUntil = 0;
  /** When the leaders were last read afresh (see takenOver). */
  private freshReadAt = -Infinity;
  /** VIPs whose leader key the watch showed changing since that read. */
  private readonly seenSinceRead = new Set<string>();
  private readonly probeAfterReadMs: number;

  private readonly self: string;
  private readonly client: EtcdClient;
  private readonly keys: Keys;
  private readonly leaders: PrefixMirror;
  private readonly peers: Peers;
  private readonly clock: Clock;
  private readonly waitMs: number;
  private readonly intervalMs: number;
  private readonly suspectMs: number;
  private readonly callTimeoutMs: number;
  private readonly maxTxnOps: number | undefined;
  private readonly log: Logger;

  constructor(o: TakeoverOptions) {
    this.self = o.self;
    this.client = o.client;
    this.keys = o.keys;
    this.leaders = o.leaders;
    this.peers = o.peers;
    this.clock = o.clock;
    this.waitMs = o.waitMs;
    this.intervalMs = o.intervalMs;
    this.suspectMs = o.suspectMs;
    this.callTimeoutMs = o.callTimeoutMs;
    this.maxTxnOps = o.maxTxnOps;
    this.log = o.log;
    this.probeAfterReadMs = o.probeAfterReadMs ?? 0;
    const { alive, leaders, keys } = o;
    // A node that misses its peers keeps touching alive/<node> while it can reach etcd: one
    // that still does is not dead, whatever our heartbeats say (a partition between peers).
    alive.on('change', (key, entry) => {
      if (entry) this.aliveAt.set(key.slice(keys.alivePrefix.length), this.clock.now());
    });
    leaders.on('synced', () => {
      this.freshReadAt = this.clock.now();
      this.seenSinceRead.clear();
      void this.readMarks();
    });
    // Called synchronously for every watch event, in revision order: the marker put is
    // always seen before the deletion that revoking the lease causes.
    leaders.on('change', (key, entry) => {
      const vip = key.slice(keys.leadersPrefix.length);
      this.seenSinceRead.add(vip);
      if (entry) {
        const parsed = parseLeader(vip, entry);
        if (!('problem' in parsed) && parsed.takeover) this.pending.add(vip);
        else this.pending.delete(vip);
        // Held again: the wait of the last takeover is over for good.
        if (entry.createRevision === entry.modRevision) this.waitUntil.delete(vip);
      } else if (this.pending.delete(vip)) {
        this.waitUntil.set(vip, this.clock.now() + this.waitMs);
        this.log.info(
          { vip, waitMs: this.waitMs },
          'VIP vacant after a takeover: nobody adds it before the wait',
        );
      }
    });
  }

  /**
   * Monotonic time before which this VIP must not be added here (0: none). It stays set until
   * the VIP is held again, so that the rank order of who takes it counts from it. After a fresh
   * read of the leaders (start, restart, resync after a compaction or a broken watch) a vacancy
   * may be a takeover whose marker this node never saw: until takeovers/ has been read too, a
   * vacant VIP waits (and is looked at again shortly); what takeovers/ names then waits W.
   */
  notBefore(vip: string): number {
    const marked = this.waitUntil.get(vip) ?? 0;
    if (this.leaders.get(this.keys.leader(vip))) return marked;
    const now = this.clock.now();
    if (this.readingMarks !== undefined) return Math.max(marked, now + MARKS_READ_RECHECK_MS);
    return this.fallbackUntil > now ? Math.max(marked, this.fallbackUntil) : marked;
  }

  /**
   * Whether a taker must prove the address free on the wire before adding this VIP: it is
   * vacant after a takeover (seen live, or named in takeovers/) and not held since, or it was
   * found vacant by a fresh read of the leaders less than `probeAfterReadMs` ago and not seen
   * changing since (a release seen live is a graceful handover: no probe, no gap). A fresh read
   * (a start, a resync after an etcd outage) cannot tell how the last holder went; after a long
   * outage that holder may still keep the address under failsafe, and this node, with a new
   * lease, may no longer count it among the registered peers whose beats hold it back.
   */
  takenOver(vip: string): boolean {
    if (this.waitUntil.has(vip)) return true;
    return (
      this.clock.now() - this.freshReadAt < this.probeAfterReadMs &&
      !this.seenSinceRead.has(vip) &&
      this.leaders.get(this.keys.leader(vip)) === undefined
    );
  }

  /** After a fresh read of the leaders: the takeovers still in etcd set their waits again. */
  private async readMarks(): Promise<void> {
    const reading = Symbol('read');
    this.readingMarks = reading;
    const readAt = this.clock.now();
    try {
      const vips = await readTakeoverMarks(this.client, this.keys, this.callTimeoutMs);
      for (const vip of vips) {
        if (!this.leaders.get(this.keys.leader(vip))) this.waitUntil.set(vip, readAt + this.waitMs);
      }
      if (vips.length > 0)
        this.log.info(
          { vips: vips.slice(0, 10), count: vips.length, waitMs: this.waitMs },
          'recent takeovers found in etcd: their VIPs wait',
        );
    } catch (err) {
      // Not knowing, every VIP vacant now waits W (a cold start may see a lower-ranked node first).
      this.log.warn(
        { err: errorLine(err), waitMs: this.waitMs },
        'takeovers not readable: every vacant VIP waits',
      );
      this.fallbackUntil = readAt + this.waitMs;
    } finally {
      if (this.readingMarks === reading) this.readingMarks = undefined;
    }
  }

  /**
   * Drops the waits that are over for VIPs this node no longer has a spec for (deleted ones
   * would stay for ever). A wait still running is kept: a VIP deleted and added again at once
   * must not skip it. Waits of known VIPs stay until they are held again (see notBefore).
   */
  prune(known: (vip: string) => boolean): void {
    const now = this.clock.now();
    for (const [vip, until] of this.waitUntil) if (until <= now && !known(vip)) this.waitUntil.delete(vip);
  }

  /** Considers every suspect member; revokes at most one lease at a time. */
  async evaluate(etcdOk: boolean): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const reports = this.peers.reports();
      for (const [node, report] of reports) {
        if (!report?.suspect) continue;
        const member = this.peers.member(node);
        if (!member || member.lease === '' || this.revoked.has(member.lease)) continue;
        const holds = [...this.leaders.entries()].some(([, e]) => e.lease === member.lease);
        const aliveAgo = this.clock.now() - (this.aliveAt.get(node) ?? -Infinity);
        const verdict = !holds
          ? ({ ok: false, reason: 'holds no VIP' } as const)
          : aliveAgo < this.suspectMs
            ? ({
                ok: false,
                reason: `still renewing through etcd (alive key ${Math.round(aliveAgo)} ms ago)`,
              } as const)
            : shouldRevoke({ self: this.self, target: node, etcdOk, members: reports });
        if (!verdict.ok) {
          if (this.lastReason.get(node) !== verdict.reason) {
            this.log.info({ peer: node, reason: verdict.reason }, 'silent peer: not taking over (yet)');
            this.lastReason.set(node, verdict.reason);
          }
          continue;
        }
        await this.revoke(node, member.lease);
      }
    } finally {
      this.busy = false;
    }
  }

  /**
   * While this node misses some peer's beats (for 1.5 intervals), or a peer it hears says it
   * does not hear this node (one-way loss: our beats do not arrive there; the daemon also calls
   * this at once when a peer first says so), it touches alive/<self> under its lease every
   * interval, so that a peer that cannot hear it sees it alive through etcd before it suspects
   * it, and does not take its VIPs over. Costs nothing while the mesh is whole.
   */
  async touchAlive(session: NodeSession | undefined): Promise<void> {
    if (this.aliveWriting || !session?.valid() || !this.peers.hasMembers()) return;
    if (!this.peers.missingAny(this.intervalMs * 1.5) && !this.peers.unheardByAny()) return;
    this.aliveWriting = true;
    try {
      await touchAlive(
        this.client,
        this.keys,
        this.self,
        ++this.aliveSeq,
        session.leaseId,
        this.callTimeoutMs,
      );
    } catch (err) {
      this.log.debug({ err: errorLine(err) }, 'alive key not written');
    } finally {
      this.aliveWriting = false;
    }
  }

  private async revoke(node: string, lease: string): Promise<void> {
    const held = [...this.leaders.entries()].filter(([, e]) => e.lease === lease);
    this.log.warn(
      { peer: node, lease, vips: held.map(([k]) => k.slice(this.keys.leadersPrefix.length)) },
      'peer silent on every path: marking its VIPs taken over and revoking its lease',
    );
    let revoking = false;
    // Marks that went through: undone if the takeover stops before the revoke.
    const marked: { vip: string; value: string }[] = [];
    try {
      // Every key in as few transactions as etcd allows (markTakeoverMany), each guarded by the
      // silent peer's lease (a VIP released meanwhile is not marked), with takeovers/<vip> beside
      // it under a lease of a few seconds: a node that reads the leaders afresh meanwhile
      // (restart, resync) learns of the takeover from it.
      const markTtlS = Math.max(TAKEOVER_MARK_TTL_S, Math.ceil((2 * this.waitMs) / 1000));
      // Taken before the grant is asked: etcd cannot end the lease earlier than its TTL after it.
      const grantAskedAt = this.clock.now();
      const markLeaseId = await grantTakeoverMarkLease(this.client, markTtlS, this.callTimeoutMs);
      const leaders = held.map(([key, entry]) => ({
        vip: key.slice(this.keys.leadersPrefix.length),
        value: entry.value,
      }));
      const results = await markTakeoverMany(
        this.client,
        this.keys,
        { from: { node, lease }, by: this.self, markLeaseId, leaders },
        { callTimeoutMs: this.callTimeoutMs, maxTxnOps: this.maxTxnOps },
      );
      // One result per key, in the order given (the held keys are distinct).
      for (const [i, r] of results.entries()) if (r.status === 'marked') marked.push(leaders[i]!);
      // Mark before revoke, for every key: one whose mark is in doubt stops the takeover.
      for (const r of results) if (r.status === 'unknown') throw r.error;
      // Only well inside the marker lease's life, by our own clock (no round trip), and never
      // later than TAKEOVER_MARK_TTL_S, whatever W makes the lease: past it the marked holder may
      // already have released its keys (MARK_STUCK_MS) and taken them again under the same lease.
      if (this.clock.now() - grantAskedAt > TAKEOVER_MARK_TTL_S * 1000 - MARK_REVOKE_MARGIN_MS) {
        throw new Error('the takeover took longer than its marker lease allows');
      }
      revoking = true;
      await revokeLease(this.client, lease, this.callTimeoutMs);
      this.revoked.add(lease);
      this.log.warn({ peer: node, lease }, 'lease of silent peer revoked');
    } catch (err) {
      // A revoke whose answer was lost (a deadline on a struggling cluster) may have landed.
      if (revoking && (await leaseGone(this.client, lease, this.callTimeoutMs)) === true) {
        this.revoked.add(lease);
        this.log.warn({ peer: node, lease, answerLost: errorLine(err) }, 'lease of silent peer revoked');
        return;
      }
      this.log.warn(
        { peer: node, lease, err: errorLine(err), marked: marked.length },
        'takeover failed; will retry while the peer is silent',
      );
      await this.unmark(node, lease, marked);
    }
  }

  /**
   * Takes back the marks of a takeover that stopped before its revoke (best effort: the marked
   * holder releases a key marked for too long by itself, see vip-release.ts's MARK_STUCK_MS).
   */
  private async unmark(node: string, lease: string, marked: { vip: string; value: string }[]): Promise<void> {
    if (marked.length === 0) return;
    const { undone, failed } = await unmarkTakeoverMany(
      this.client,
      this.keys,
      { from: { node, lease }, by: this.self, leaders: marked },
      { callTimeoutMs: this.callTimeoutMs, maxTxnOps: this.maxTxnOps },
    );
    this.log.info({ lease, undone, failed, marked: marked.length }, 'takeover marks taken back');
  }
}
