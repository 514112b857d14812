/**
 * The one liveness table of a node: which peers it should hear from (the daemon's peer set)
 * and when it last did, whichever stream the beat came on (our outbound stream or the
 * peer's inbound one). No timers and no I/O: the mesh feeds it beats and asks it, on every
 * tick, which peers changed state. Times come from the injected monotonic clock only.
 */
import type { Clock } from '@vipd/log';
import type { PeerView, ReceivedBeat } from './beat';
import { isSuspect, suspectAfterMs } from './suspicion';

export interface PeerRecord {
  readonly node: string;
  address: string;
  /** Monotonic ms when the peer entered the set. */
  readonly addedAt: number;
  lastBeatAt: number | undefined;
  lastBeat: ReceivedBeat | undefined;
  suspect: boolean;
}

export type SetResult = 'added' | 'changed' | 'unchanged';
/** What a beat did: first beat or recovery (`alive`), a routine beat, or a sender not in the set. */
export type RecordResult = 'alive' | 'beat' | 'unknown';

export class PeerTable {
  private readonly peers = new Map<string, PeerRecord>();

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly misses: number,
  ) {}

  /** Adds a peer or updates its address. Liveness survives an address change. */
  set(node: string, address: string): SetResult {
    const existing = this.peers.get(node);
    if (existing === undefined) {
      this.peers.set(node, {
        node,
        address,
        addedAt: this.clock.now(),
        lastBeatAt: undefined,
        lastBeat: undefined,
        suspect: false,
      });
      return 'added';
    }
    if (existing.address === address) return 'unchanged';
    existing.address = address;
    return 'changed';
  }

  /** Forgets a peer entirely; true if it was there. */
  remove(node: string): boolean {
    return this.peers.delete(node);
  }

  get(node: string): PeerRecord | undefined {
    return this.peers.get(node);
  }

  nodes(): string[] {
    return [...this.peers.keys()];
  }

  record(beat: ReceivedBeat): RecordResult {
    const peer = this.peers.get(beat.node);
    if (peer === undefined) return 'unknown';
    const first = peer.lastBeatAt === undefined;
    const recovered = peer.suspect;
    peer.lastBeatAt = this.clock.now();
    peer.lastBeat = beat;
    peer.suspect = false;
    return first || recovered ? 'alive' : 'beat';
  }

  /** Silence allowed for this peer before it is suspect. */
  thresholdMs(node: string): number {
    const theirs = this.peers.get(node)?.lastBeat?.intervalMs;
    return suspectAfterMs(this.misses, { ours: this.intervalMs, theirs });
  }

  /** Marks peers that have gone silent; returns the ones that just became suspect. */
  check(): string[] {
    const now = this.clock.now();
    const newly: string[] = [];
    for (const peer of this.peers.values()) {
      if (peer.suspect) continue;
      const theirs = peer.lastBeat?.intervalMs;
      if (isSuspect(now, peer.lastBeatAt, peer.addedAt, this.misses, { ours: this.intervalMs, theirs })) {
        peer.suspect = true;
        newly.push(peer.node);
      }
    }
    return newly;
  }

  /** Milliseconds since the peer's last beat, undefined if never heard from. */
  lastSeenMsAgo(peer: PeerRecord): number | undefined {
    return peer.lastBeatAt === undefined ? undefined : Math.max(0, this.clock.now() - peer.lastBeatAt);
  }

  /** Our view of every peer, as carried in our beats. */
  views(): PeerView[] {
    return [...this.peers.values()].map((p) => ({
      node: p.node,
      lastSeenMsAgo: this.lastSeenMsAgo(p),
      suspect: p.suspect,
      echoSentAtMs: p.lastBeat?.sentAtMs ?? 0,
      leaseId: '',
    }));
  }
}
