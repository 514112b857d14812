/** Beats as the rest of vipd sees them, and their conversion to and from the wire. */
import type { Beat__Output, HeldSet__Output, HeldVip__Output, PeerView__Output } from '@vipd/proto';
import { InvalidBeatError } from './errors';
import type { HeldAck } from './held-sender';

export type Health = 'SERVING' | 'NOT_SERVING';

/**
 * A held VIP and its fencing revision (create revision of leaders/<vip>): the wire type itself,
 * since beats carry the daemon's list as given and hand the decoded one on as it is.
 */
export type HeldVip = HeldVip__Output;

/** What the daemon reports about itself every interval (PeerMesh's `localBeat`). */
export interface LocalBeat {
  health: Health;
  held: HeldVip[];
  /** The node's etcd lease id (decimal), '' if none. */
  leaseId: string;
  /** The lease each peer's node key has in this node's etcd view (echoed to that peer). */
  peerLeases?: Readonly<Record<string, string>>;
  /** The node's etcd session is valid. */
  etcdOk?: boolean;
}

/** A sender's view of one of its peers. */
export interface PeerView {
  node: string;
  /** Undefined when the sender has never heard from that peer. */
  lastSeenMsAgo: number | undefined;
  suspect: boolean;
  /** sentAtMs of the latest beat received from that peer (the peer's clock); 0 if none. */
  echoSentAtMs: number;
  /** The peer's lease in the sender's etcd view; '' when unknown. */
  leaseId: string;
  /** The version of that peer's held set the sender has (held_set acknowledgement), if any. */
  heldAck?: HeldAck;
}

export interface ReceivedBeat {
  node: string;
  seq: number;
  /** UNKNOWN (unset) on the wire is read as NOT_SERVING. */
  health: Health;
  /**
   * What the sender holds. The mesh fills it in from the held set it keeps for that peer
   * (Beat.held_set): `heldKnown` says whether it is the sender's set at the version this beat
   * names; when false, `held` is empty and means nothing.
   */
  held: readonly HeldVip[];
  /** false: the sender's held set is not known now (see held-receiver.ts). Absent: as `held`. */
  heldKnown?: boolean;
  /** The beat's held_set as received (the mesh reads it, then removes it). */
  heldSet?: HeldSet__Output;
  leaseId: string;
  peers: PeerView[];
  /** The sender's interval; 0 if it did not say. */
  intervalMs: number;
  /** The sender's monotonic clock when it built the beat. */
  sentAtMs: number;
  /** The sender's etcd session was valid. */
  etcdOk: boolean;
}

/** On the wire, "never heard from" is the largest uint32. */
export const NEVER_SEEN = 0xffffffff;
/** An advertised interval above this is refused (it would switch suspicion off). */
export const MAX_INTERVAL_MS = 60_000;
const MAX_NAME = 253;

export function toWire(
  self: string,
  seq: number,
  intervalMs: number,
  local: LocalBeat,
  peers: PeerView[],
  sentAtMs = 0,
  heldSet: HeldSet__Output | null = null,
): Beat__Output {
  return {
    node: self,
    seq: String(seq),
    health: local.health,
    // As given: the mesh gives none (held_set carries what it holds), the held-set bench does.
    held: local.held,
    held_set: heldSet,
    lease_id: local.leaseId,
    peers: peers.map((p) => peerToWire({ ...p, leaseId: local.peerLeases?.[p.node] ?? p.leaseId })),
    interval_ms: Math.round(intervalMs),
    sent_at_ms: sentAtMs,
    etcd_ok: local.etcdOk ?? false,
    auth: null, // sealed per stream (beat-auth.ts)
  };
}

function peerToWire(p: PeerView): PeerView__Output {
  const ago =
    p.lastSeenMsAgo === undefined
      ? NEVER_SEEN
      : Math.min(Math.max(0, Math.round(p.lastSeenMsAgo)), NEVER_SEEN - 1);
  return {
    node: p.node,
    last_seen_ms_ago: ago,
    suspect: p.suspect,
    echo_sent_at_ms: p.echoSentAtMs,
    lease_id: p.leaseId,
    held_epoch: p.heldAck?.epoch ?? '0',
    held_version: String(p.heldAck?.version ?? 0),
  };
}

/** Validates and converts a decoded beat. Throws InvalidBeatError. */
export function fromWire(wire: Beat__Output): ReceivedBeat {
  const node = wire.node;
  if (node === '' || node.length > MAX_NAME) throw new InvalidBeatError('node must be 1-253 characters');
  const seq = Number(wire.seq);
  if (!Number.isSafeInteger(seq) || seq < 0) throw new InvalidBeatError(`bad seq ${wire.seq}`, node);
  if (wire.interval_ms > MAX_INTERVAL_MS) {
    throw new InvalidBeatError(`interval_ms ${wire.interval_ms} above ${MAX_INTERVAL_MS}`, node);
  }
  const beat: ReceivedBeat = {
    node,
    seq,
    health: wire.health === 'SERVING' ? 'SERVING' : 'NOT_SERVING',
    held: wire.held_set ? [] : wire.held, // decoded objects already have exactly name and revision
    leaseId: wire.lease_id,
    peers: wire.peers.map((p) => {
      const view: PeerView = {
        node: p.node,
        lastSeenMsAgo: p.last_seen_ms_ago === NEVER_SEEN ? undefined : p.last_seen_ms_ago,
        suspect: p.suspect,
        echoSentAtMs: Number.isFinite(p.echo_sent_at_ms) ? p.echo_sent_at_ms : 0,
        leaseId: p.lease_id ?? '',
      };
      const version = Number(p.held_version ?? '0');
      if (p.held_epoch && p.held_epoch !== '0' && Number.isSafeInteger(version)) {
        view.heldAck = { epoch: p.held_epoch, version };
      }
      return view;
    }),
    intervalMs: wire.interval_ms,
    sentAtMs: Number.isFinite(wire.sent_at_ms) ? wire.sent_at_ms : 0,
    etcdOk: wire.etcd_ok === true,
  };
  if (wire.held_set) beat.heldSet = wire.held_set;
  return beat;
}
