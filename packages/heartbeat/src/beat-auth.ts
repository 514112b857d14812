/**
 * Beat authentication without a PKI: every beat carries an HMAC-SHA256 made with the cluster's
 * beat key (kept in etcd under the cluster prefix; the daemon reads it and hands it here).
 *
 * Each end of a stream picks a random nonce for that stream. A beat's MAC covers its whole
 * content (sender, seq, held set, peer views, send time...), the sender's nonce and the
 * receiver's nonce as the sender learned it. A receiver counts a beat only when the MAC is
 * right, the beat names the receiver's own nonce for this stream, and its seq is above the last
 * one counted on the stream: a beat recorded on another stream (another nonce) or replayed on
 * this one (an old seq) is refused. The first beat of a stream cannot name the receiver's nonce
 * yet: with a good MAC it is a `handshake` (the receiver learns the sender's nonce and answers)
 * and counts as nothing else.
 *
 * Pure apart from the random nonces; the key never leaves this module (no log line, no error
 * message carries it).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '@vipd/log';
import type { Beat__Output, HeldSet__Output, HeldVip__Output } from '@vipd/proto';

export const NONCE_BYTES = 16;
/** A key shorter than this is refused (the store makes 32 random bytes). */
export const MIN_KEY_BYTES = 32;
/** After a rotation, beats signed with the previous key are still accepted this long. */
export const PREVIOUS_KEY_GRACE_MS = 30_000;
/**
 * After a rotation, this node still signs with the previous key this long: every node learns the
 * new key through its own etcd watch, some a little later than others, and a beat signed with a
 * key its receiver has not read yet would be refused (`unknown_key`). Well inside the grace above.
 */
export const SIGN_PREVIOUS_MS = 5_000;
/** What `auth` adds to an encoded beat at most (key id, two nonces, the MAC, tags; with room to spare). */
export const AUTH_OVERHEAD_BYTES = 160;
/**
 * The version of the content encoding below (every field of the beat but `auth`, held_set and the
 * acknowledgements included); a change needs a new one. Version 1 was never released.
 */
const CONTENT_TAG = 'vipd-beat-v2\n';
const EMPTY = Buffer.alloc(0);

/** Why a beat was not counted (the metric's `reason` label). */
export type RejectReason =
  /** No `auth` at all: a vipd from before signed beats, or a forger. */
  | 'unsigned'
  /** Signed with a key this node does not have (a rotation not seen yet, or a forger). */
  | 'unknown_key'
  /** The MAC does not match the content (forged or altered), or malformed nonces. */
  | 'bad_mac'
  /** Does not name this stream's nonce, or an old seq: recorded elsewhere or earlier. */
  | 'replay'
  /** The sender's nonce changed mid-stream. */
  | 'nonce_changed'
  /** Plaintext stream from an address other than the claimed node's registration. */
  | 'address'
  /** TLS stream whose certificate names neither the claimed node nor its registered host. */
  | 'certificate';

export type CheckResult = 'fresh' | 'handshake' | RejectReason;

/** The public name of a key: hex of the first 8 bytes of HMAC(key, "vipd beat key id"). */
export function keyId(key: Buffer): string {
  return createHmac('sha256', key).update('vipd beat key id').digest().subarray(0, 8).toString('hex');
}

interface KeyEntry {
  readonly key: Buffer;
  readonly id: string;
}

/**
 * The canonical content of a beat (every field but `auth`), as the MAC covers it: JSON of a
 * fixed tuple, so a decoded beat gives the same text as the object it was encoded from.
 */
function headOf(b: Beat__Output): string {
  const peers = b.peers.map((p) => [
    p.node,
    p.last_seen_ms_ago,
    p.suspect,
    p.echo_sent_at_ms,
    p.lease_id,
    p.held_epoch,
    p.held_version,
  ]);
  return JSON.stringify([
    b.node,
    String(b.seq),
    b.health,
    b.lease_id,
    b.interval_ms,
    b.sent_at_ms,
    b.etcd_ok,
    peers,
  ]);
}

function heldOf(held: readonly HeldVip__Output[]): string {
  return JSON.stringify(held.map((h) => [h.name, h.revision]));
}

/** held_set's fixed fields (with the lengths of its two byte strings, which follow it). */
function heldSetOf(h: HeldSet__Output | null): string {
  if (!h) return 'null';
  return JSON.stringify([
    h.epoch,
    h.version,
    h.count,
    Buffer.from(h.digest).toString('hex'),
    h.delta_base,
    h.delta.length,
    h.snapshot_version,
    h.snapshot_bytes,
    h.snapshot_offset,
    h.snapshot_chunk.length,
  ]);
}

export type VerifyResult = 'ok' | 'unsigned' | 'unknown_key' | 'bad_mac';

/** The cluster key (and, for a while after a rotation, the previous one). */
export class BeatKeyring {
  private current: KeyEntry | undefined;
  private previous: (KeyEntry & { until: number }) | undefined;
  /** Until when beats are still signed with `previous` (see SIGN_PREVIOUS_MS). */
  private signPreviousUntil = 0;
  /** The content MAC of the beat last sealed (one beat goes to every stream). */
  private digestCache: { beat: Beat__Output; id: string; digest: Buffer } | undefined;

  constructor(private readonly clock: Clock) {}

  /** Sets the key beats are signed with. False (and nothing changes) if it is the same or too short. */
  setKey(key: Buffer): boolean {
    if (key.length < MIN_KEY_BYTES) return false;
    const id = keyId(key);
    if (this.current?.id === id) return false;
    if (this.current) {
      const now = this.clock.now();
      this.previous = { ...this.current, until: now + PREVIOUS_KEY_GRACE_MS };
      this.signPreviousUntil = now + SIGN_PREVIOUS_MS;
    }
    this.current = { key: Buffer.from(key), id };
    this.digestCache = undefined;
    return true;
  }

  get ready(): boolean {
    return this.current !== undefined;
  }

  /** The id of the newest key ('' before setKey); beats are signed with it once `signingId` says so. */
  get currentId(): string {
    return this.current?.id ?? '';
  }

  /** The id of the key beats are signed with now: the previous one for a while after a rotation. */
  get signingId(): string {
    return this.signingKey()?.id ?? '';
  }

  private signingKey(): KeyEntry | undefined {
    const p = this.previous;
    return p !== undefined && this.clock.now() < this.signPreviousUntil ? p : this.current;
  }

  /** `beat` with its `auth`, for the stream where we use `nonce` and the peer `peerNonce`. */
  seal(beat: Beat__Output, nonce: Buffer, peerNonce: Buffer | undefined): Beat__Output | undefined {
    const k = this.signingKey();
    if (k === undefined) return undefined;
    let c = this.digestCache;
    if (c?.beat !== beat || c.id !== k.id) {
      c = { beat, id: k.id, digest: digestOf(k.key, beat) };
      this.digestCache = c;
    }
    const peer = peerNonce ?? EMPTY;
    const mac = createHmac('sha256', k.key).update(c.digest).update(nonce).update(peer).digest();
    // mac_v2 stays empty (proto/vipd/v1/node.proto): `mac` covers the whole beat.
    return { ...beat, auth: { key_id: k.id, nonce, peer_nonce: peer, mac, mac_v2: EMPTY } };
  }

  /** Whether the MAC of a received beat is right (nonces are checked by StreamAuth). */
  verify(wire: Beat__Output): VerifyResult {
    const a = wire.auth;
    if (!a) return 'unsigned';
    if (
      a.nonce.length !== NONCE_BYTES ||
      (a.peer_nonce.length !== 0 && a.peer_nonce.length !== NONCE_BYTES)
    ) {
      return 'bad_mac';
    }
    const k = this.keyFor(a.key_id);
    if (k === undefined) return 'unknown_key';
    const digest = digestOf(k.key, wire);
    const want = createHmac('sha256', k.key).update(digest).update(a.nonce).update(a.peer_nonce).digest();
    if (a.mac.length !== want.length || !timingSafeEqual(a.mac, want)) return 'bad_mac';
    return 'ok';
  }

  private keyFor(id: string): KeyEntry | undefined {
    if (this.current?.id === id) return this.current;
    const p = this.previous;
    if (p?.id === id && this.clock.now() <= p.until) return p;
    return undefined;
  }
}

/** HMAC of a beat's content: every field but `auth`, the held set's bytes included. */
function digestOf(key: Buffer, beat: Beat__Output): Buffer {
  const hs = beat.held_set ?? null;
  const h = createHmac('sha256', key)
    .update(CONTENT_TAG)
    .update(headOf(beat))
    .update('\n')
    .update(heldOf(beat.held))
    .update('\n')
    .update(heldSetOf(hs))
    .update('\n');
  if (hs) h.update(hs.delta).update(hs.snapshot_chunk);
  return h.digest();
}

/** One end of one stream: our nonce, the peer's, and the last seq counted. */
export class StreamAuth {
  readonly nonce: Buffer = randomBytes(NONCE_BYTES);
  private theirs: Buffer | undefined;
  private lastSeq = -1;
  private rejectionSeen = false;

  constructor(private readonly keyring: BeatKeyring) {}

  /** The peer's nonce is known (its beats verified once). */
  get peerKnown(): boolean {
    return this.theirs !== undefined;
  }

  /** Our beat, sealed for this stream; undefined while there is no key. */
  seal(beat: Beat__Output): Beat__Output | undefined {
    return this.keyring.seal(beat, this.nonce, this.theirs);
  }

  /** True for the first rejection on this stream only: one log line per stream. */
  firstRejection(): boolean {
    const first = !this.rejectionSeen;
    this.rejectionSeen = true;
    return first;
  }

  /** Whether a received beat counts (`fresh`), only opens the stream (`handshake`), or why not. */
  check(wire: Beat__Output, seq: number): CheckResult {
    const mac = this.keyring.verify(wire);
    if (mac !== 'ok') return mac;
    const a = wire.auth!; // verify() said ok, so it is there
    if (this.theirs !== undefined && !this.theirs.equals(a.nonce)) return 'nonce_changed';
    this.theirs ??= Buffer.from(a.nonce);
    if (a.peer_nonce.length === 0) return 'handshake';
    if (!a.peer_nonce.equals(this.nonce) || seq <= this.lastSeq) return 'replay';
    this.lastSeq = seq;
    return 'fresh';
  }
}
