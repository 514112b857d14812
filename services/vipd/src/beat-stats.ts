/**
 * What each peer's beats say about the path to it, for the metrics: the heartbeat round trip,
 * and the beats it sent that reached us on no stream. Pure (the caller passes the time).
 *
 * Round trip: a peer's beat carries, for us, the send time of the latest beat of ours it had
 * received (`echoSentAtMs`, our clock) and how long before building this beat it had received
 * it (`lastSeenMsAgo`, its clock). So `now - echo - lastSeenMsAgo` is the network time out and
 * back, the clocks' offset cancelling out, within a millisecond (the wire rounds lastSeenMsAgo).
 * Each echo is counted once, on the first of the two streams that delivers it.
 *
 * Misses: a peer numbers its beats (seq + 1 per interval, the same beat on every stream); a gap
 * in the numbers is beats lost on every path. A new lease (a restarted peer) starts afresh.
 */
import type { ReceivedBeat } from '@vipd/heartbeat';

export interface BeatSample {
  /** Round trip in ms, when this beat echoed a newer beat of ours. */
  rttMs?: number;
  /** Beats of this peer that never arrived, seen now (their successor arrived). */
  missed: number;
}

interface PeerRecord {
  lease: string;
  seq: number;
  echo: number;
}

export class BeatStats {
  private readonly peers = new Map<string, PeerRecord>();

  constructor(private readonly self: string) {}

  /**
   * A beat from its sender, received at `now` (our monotonic clock). `myLease` is our lease: an
   * echo counts only from a peer that knows it (not a leftover of an earlier run of ours), and
   * only when at most `maxRttMs` (a longer one would have made the peer suspect anyway).
   */
  observe(beat: ReceivedBeat, now: number, myLease: string, maxRttMs: number): BeatSample {
    let rec = this.peers.get(beat.node);
    let missed = 0;
    if (!rec || rec.lease !== beat.leaseId) {
      rec = { lease: beat.leaseId, seq: beat.seq, echo: 0 };
      this.peers.set(beat.node, rec);
    } else if (beat.seq > rec.seq) {
      missed = beat.seq - rec.seq - 1;
      rec.seq = beat.seq;
    }
    const me = beat.peers.find((p) => p.node === this.self);
    if (!me || me.lastSeenMsAgo === undefined || me.echoSentAtMs <= rec.echo) return { missed };
    if (myLease === '' || me.leaseId !== myLease) return { missed };
    rec.echo = me.echoSentAtMs;
    const rttMs = now - me.echoSentAtMs - me.lastSeenMsAgo;
    if (rttMs > maxRttMs || now < me.echoSentAtMs) return { missed };
    return { missed, rttMs: Math.max(0, rttMs) };
  }

  /** The peer left the member set. */
  forget(node: string): void {
    this.peers.delete(node);
  }
}
