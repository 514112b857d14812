/**
 * The mesh's side of held sets (held-sender.ts, held-receiver.ts): ours as we send it, and each
 * peer's as we have it. No timers and no I/O.
 */
import { type Clock, errorLine, type Logger } from '@vipd/log';
import type { HeldSet__Output, HeldVip__Output } from '@vipd/proto';
import type { PeerView, ReceivedBeat } from './beat';
import { HeldCodecError } from './held-codec';
import { HeldSetReceiver } from './held-receiver';
import { type HeldAck, HeldSetSender } from './held-sender';
import type { PeerTable } from './peer-table';

/** What held_set's delta and snapshot piece add to a beat besides their bytes, at most. */
export const HELD_SET_FRAMING_BYTES = 64;
/** A peer's held-set problems are logged at most once per this long. */
const PROBLEM_LOG_MS = 10_000;

interface PeerSet {
  readonly rx: HeldSetReceiver;
  loggedAt: number;
}

export class MeshHeldSets {
  private readonly out = new HeldSetSender();
  private readonly peers = new Map<string, PeerSet>();
  private failing = false;

  constructor(
    private readonly self: string,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** Our list this beat; the header of our set. */
  header(list: readonly HeldVip__Output[]): HeldSet__Output {
    this.out.update(list);
    return this.out.header();
  }

  /**
   * Our held_set with what the peers lack, in at most `budget` bytes of entries; the header alone
   * if our set cannot be encoded (a bug, logged once: peers then treat our set as unknown).
   */
  plan(table: PeerTable, budget: number): HeldSet__Output {
    try {
      const planned = this.out.plan(this.acks(table), Math.max(0, budget));
      this.failing = false;
      return planned;
    } catch (err) {
      if (!(err instanceof HeldCodecError)) throw err;
      if (!this.failing) this.log.error({ err: errorLine(err) }, 'cannot encode our held set');
      this.failing = true;
      return this.out.header();
    }
  }

  /** Our peer views with our acknowledgement of each peer's set. */
  withAcks(views: PeerView[]): PeerView[] {
    return views.map((v) => {
      const p = this.peers.get(v.node);
      return p ? { ...v, heldAck: p.rx.ack() } : v;
    });
  }

  forget(node: string): void {
    this.peers.delete(node);
  }

  /**
   * Fills in `held` and `heldKnown` of a beat from the set we keep for its sender. Every vipd that
   * signs beats sends held_set; a beat without one keeps `held` as it is (fromWire's plain list).
   */
  resolve(beat: ReceivedBeat): void {
    const hs = beat.heldSet;
    if (hs === undefined) return;
    delete beat.heldSet; // a snapshot piece is up to ~60 KiB: not kept with the last beat
    let p = this.peers.get(beat.node);
    if (p === undefined) {
      p = { rx: new HeldSetReceiver(), loggedAt: -Infinity };
      this.peers.set(beat.node, p);
    }
    const result = p.rx.receive(hs);
    beat.held = result.held;
    beat.heldKnown = result.known;
    const now = this.clock.now();
    if (result.problem !== undefined && now - p.loggedAt > PROBLEM_LOG_MS) {
      p.loggedAt = now;
      this.log.warn(
        { node: beat.node, problem: result.problem },
        "a peer's held set went wrong here; asking for all of it again",
      );
    }
  }

  /**
   * What each peer has of ours, from its latest beat. A peer not heard from yet is taken to have
   * nothing (so its first beats from us carry the set); a suspect one is left out (its stale
   * acknowledgement would make every beat large).
   */
  private acks(table: PeerTable): HeldAck[] {
    const acks: HeldAck[] = [];
    for (const node of table.nodes()) {
      const p = table.get(node);
      if (p === undefined || p.suspect) continue;
      if (p.lastBeat === undefined) {
        acks.push({ epoch: '0', version: 0 });
        continue;
      }
      const me = p.lastBeat.peers.find((v) => v.node === this.self);
      acks.push(me?.heldAck ?? { epoch: '0', version: 0 });
    }
    return acks;
  }
}
