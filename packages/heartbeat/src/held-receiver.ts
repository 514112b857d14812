/**
 * The receiving side of one peer's held set (vipd.v1.HeldSet; held-sender.ts). Pure.
 *
 * It keeps the peer's set at some version of one epoch (version 0: the empty set we start from)
 * and acknowledges that version in our beats. A beat's delta applies when it starts at or before
 * our version and ends after it (a delta from 0 is the whole set and replaces ours); snapshot pieces are gathered until the whole set at their
 * version is there. The set is *known* only when our version is the beat's, and the count and
 * digest the beat names match what we have (or when our version is newer than the beat's: a beat
 * that came late on the other stream). Anything else (changes not received yet, a snapshot
 * half gathered, a digest that does not match) gives `known: false`: never a stale or partial set.
 * A digest mismatch, a malformed delta or snapshot, or a new epoch (the peer restarted) starts over
 * from the empty set at version 0, which makes the sender send the whole set again.
 */
import type { HeldSet__Output, HeldVip__Output } from '@vipd/proto';
import { decodeEntries, HeldCodecError, SetDigest } from './held-codec';
import type { HeldAck } from './held-sender';

/** A peer's set larger than this is refused (and unknown). */
export const MAX_HELD_ENTRIES = 200_000;
/** Largest snapshot gathered, in bytes. */
export const MAX_SNAPSHOT_BYTES = 32 * 1024 * 1024;

export interface HeldResult {
  /** The peer's set is exactly `held` now. */
  known: boolean;
  /** The set when known, else empty. The same array while the set does not change. */
  held: readonly HeldVip__Output[];
  /** Why the state was thrown away (for a log line), if it was. */
  problem?: string;
}

const NONE: readonly HeldVip__Output[] = Object.freeze([]);

export class HeldSetReceiver {
  private epoch = '0';
  private version = 0;
  private entries = new Map<string, HeldVip__Output>();
  private readonly digest = new SetDigest();
  /** Count and digest were checked against a beat at `version`. */
  private verified = false;
  private list: readonly HeldVip__Output[] | undefined;
  private gather: { version: number; total: number; buf: Buffer; have: [number, number][] } | undefined;

  /** What our beats acknowledge. */
  ack(): HeldAck {
    return { epoch: this.epoch, version: this.version };
  }

  receive(hs: HeldSet__Output): HeldResult {
    const V = Number(hs.version);
    if (hs.epoch === '0' || !Number.isSafeInteger(V) || V < 1) return this.fail('bad held set header');
    if (hs.epoch !== this.epoch) {
      this.reset();
      this.epoch = hs.epoch;
    }
    try {
      if (hs.count === 0 && V > this.version) this.replace(new Map(), V);
      const B = Number(hs.delta_base);
      const deltaServes = hs.delta.length > 0 && B <= this.version && this.version < V;
      // Pieces of a snapshot for some other peer are no use to us while the delta serves us.
      const S = Number(hs.snapshot_version);
      if (S > this.version && !deltaServes) this.piece(hs, S);
      if (deltaServes) this.apply(hs.delta, B, V);
    } catch (err) {
      if (err instanceof HeldCodecError) return this.fail(err.message);
      throw err;
    }
    // Checked on every beat at our version (16 bytes): a set that went wrong is not kept.
    if (this.version === V) {
      if (this.entries.size !== hs.count || !this.digest.equals(hs.digest)) {
        return this.fail(`held set at version ${V} does not match its digest`);
      }
      this.verified = true;
    }
    if (this.version < V || !this.verified) return { known: false, held: NONE };
    this.gather = undefined; // pieces of a snapshot we no longer need
    this.list ??= [...this.entries.values()];
    return { known: true, held: this.list };
  }

  /** Forgets everything (back to version 0 of no epoch). */
  private reset(): void {
    this.epoch = '0';
    this.replace(new Map(), 0);
    this.gather = undefined;
  }

  private fail(problem: string): HeldResult {
    const epoch = this.epoch;
    this.reset();
    this.epoch = epoch;
    return { known: false, held: NONE, problem };
  }

  private replace(entries: Map<string, HeldVip__Output>, version: number): void {
    this.entries = entries;
    this.version = version;
    this.verified = false;
    this.list = undefined;
    this.digest.clear();
    for (const e of entries.values()) this.digest.toggle(e.name, e.revision);
  }

  /** One piece of the snapshot at version S; takes it over once every byte is there. */
  private piece(hs: HeldSet__Output, S: number): void {
    const total = hs.snapshot_bytes;
    const offset = hs.snapshot_offset;
    const chunk = hs.snapshot_chunk;
    if (total > MAX_SNAPSHOT_BYTES) throw new HeldCodecError(`snapshot of ${total} bytes`);
    if (offset + chunk.length > total) throw new HeldCodecError('snapshot piece past its end');
    let g = this.gather;
    if (g?.version !== S || g.total !== total) {
      g = { version: S, total, buf: Buffer.alloc(total), have: [] };
      this.gather = g;
    }
    chunk.copy(g.buf, offset);
    g.have = addRange(g.have, offset, offset + chunk.length);
    const whole = total === 0 || (g.have.length === 1 && g.have[0]![0] === 0 && g.have[0]![1] === total);
    if (!whole) return;
    this.gather = undefined;
    const entries = new Map<string, HeldVip__Output>();
    for (const e of decodeEntries(g.buf, MAX_HELD_ENTRIES)) {
      if (e.revision === '') throw new HeldCodecError('snapshot entry without a revision');
      entries.set(e.name, e);
    }
    this.replace(entries, S);
  }

  /** A delta from version B to V; from 0 it is the whole set, in place of ours. */
  private apply(delta: Buffer, B: number, V: number): void {
    const changes = decodeEntries(delta, MAX_HELD_ENTRIES);
    if (B === 0) {
      const entries = new Map<string, HeldVip__Output>();
      for (const e of changes) {
        if (e.revision === '') throw new HeldCodecError('whole set with an entry without a revision');
        entries.set(e.name, e);
      }
      this.replace(entries, V);
      return;
    }
    for (const e of changes) {
      const old = this.entries.get(e.name);
      if (old !== undefined) this.digest.toggle(e.name, old.revision);
      if (e.revision === '') {
        this.entries.delete(e.name);
      } else {
        this.entries.set(e.name, e);
        this.digest.toggle(e.name, e.revision);
      }
    }
    if (this.entries.size > MAX_HELD_ENTRIES) throw new HeldCodecError('too many entries');
    this.version = V;
    this.verified = false;
    this.list = undefined;
  }
}

/** Adds [from, to) to sorted disjoint ranges, merging what touches. */
function addRange(ranges: [number, number][], from: number, to: number): [number, number][] {
  if (to <= from) return ranges;
  const out: [number, number][] = [];
  let lo = from;
  let hi = to;
  for (const [a, b] of ranges) {
    if (b < lo || a > hi) out.push([a, b]);
    else {
      lo = Math.min(lo, a);
      hi = Math.max(hi, b);
    }
  }
  out.push([lo, hi]);
  return out.sort((x, y) => x[0] - y[0]);
}
