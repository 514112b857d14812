/**
 * The sending side of the held set (vipd.v1.HeldSet). Pure apart from the random epoch.
 *
 * The set has a version, +1 for every change the daemon's list shows, within an epoch that is
 * random per process (a restarted sender starts over in a new one). Every beat carries the
 * header: epoch, version, count and digest. Each peer acknowledges in its own beats the version
 * of our set it has (PeerView.held_epoch/held_version; version 0 is the empty set of any epoch).
 * plan() picks what this beat carries beyond the header, from the acknowledgements of the peers
 * heard now (a silent peer's stale one would make every beat large):
 *
 * - nothing, when every peer has the current version (the steady state: ~40 bytes);
 * - a delta: every entry that changed since version B, as it is now; it serves every peer at a
 *   version from B on. B is the oldest acknowledged version whose delta fits the budget; when
 *   none fits for some peer but the whole set does, B is 0: the whole set, which a receiver takes
 *   in place of what it has (so it serves every peer);
 * - a piece of the whole set (a snapshot, taken at version S and sent in turn, piece after piece,
 *   cycling) for peers whose delta does not fit or is no longer known (the change log keeps
 *   the last MAX_LOG changes). A peer that has all of it is at S; the beat's delta then starts
 *   at S or before, so the peer catches up at once. A snapshot whose own delta grew past half a
 *   beat is replaced by one of the current version.
 *
 * A peer never acts on a stale set: it knows ours only at exactly the version our beat names
 * (held-receiver.ts).
 */
import { randomBytes } from 'node:crypto';
import type { HeldSet__Output, HeldVip__Output } from '@vipd/proto';
import { compareNames, encodeEntries, SetDigest } from './held-codec';

/** Changes kept for deltas (at least; more while the set is larger: 2 × its size). */
export const MAX_LOG = 4096;

/** A peer's acknowledgement of our set, from its latest beat ('0': none). */
export interface HeldAck {
  epoch: string;
  version: number;
}

export function newEpoch(): string {
  let e = 0n;
  while (e === 0n) e = randomBytes(8).readBigUInt64BE();
  return e.toString();
}

export class HeldSetSender {
  readonly epoch: string;
  private version = 1;
  private readonly entries = new Map<string, string>();
  private readonly digest = new SetDigest();
  private lastList: readonly HeldVip__Output[] | undefined;
  /** (version, name) of every change kept, oldest first. */
  private log: { version: number; name: string }[] = [];
  /** Deltas can start at this version or later (and at 0: the whole set). */
  private floor = 1;
  private snap: { version: number; bytes: Buffer; next: number } | undefined;
  /** Deltas encoded for the current version, by base. */
  private deltas = new Map<number, Buffer>();

  constructor(epoch = newEpoch()) {
    this.epoch = epoch;
  }

  get current(): number {
    return this.version;
  }

  /** The daemon's list this beat: names unique; the same array while nothing changed costs nothing. */
  update(list: readonly HeldVip__Output[]): void {
    if (list === this.lastList) return;
    this.lastList = list;
    const entries = this.entries;
    const changed: string[] = [];
    for (const h of list) {
      const old = entries.get(h.name);
      if (old === h.revision) continue;
      if (old !== undefined) this.digest.toggle(h.name, old);
      this.digest.toggle(h.name, h.revision);
      entries.set(h.name, h.revision);
      changed.push(h.name);
    }
    // Names in the list are unique (one per VIP), so more entries than the list has means some
    // were let go: look for them only then, and a change costs one lookup per entry.
    if (entries.size > list.length) {
      const names = new Set(list.map((h) => h.name));
      for (const [name, old] of entries) {
        if (names.has(name)) continue;
        entries.delete(name);
        this.digest.toggle(name, old);
        changed.push(name);
      }
    }
    if (changed.length === 0) return;
    this.version++;
    this.deltas.clear();
    for (const name of changed) this.log.push({ version: this.version, name });
    const keep = Math.max(MAX_LOG, 2 * entries.size);
    if (this.log.length > keep) {
      // Drop whole versions, oldest first, down to half of what may be kept.
      let cut = this.log.length - Math.floor(keep / 2);
      const dropped = this.log[cut - 1]!.version;
      while (cut < this.log.length && this.log[cut]!.version === dropped) cut++;
      this.log = this.log.slice(cut);
      this.floor = dropped;
    }
  }

  /**
   * The held_set of this beat, for peers that acknowledged `acks`, carrying at most `budget`
   * bytes of entries (delta and snapshot piece together).
   */
  plan(acks: readonly HeldAck[], budget: number): HeldSet__Output {
    const V = this.version;
    const out = this.header();
    const bases = new Set<number>();
    for (const a of acks) {
      const v = a.epoch === this.epoch && a.version <= V ? a.version : 0;
      if (v !== V) bases.add(v);
    }
    if (bases.size === 0 || this.entries.size === 0) {
      // Nobody is behind, or the set is empty (count 0 says all a receiver needs).
      this.snap = undefined;
      return out;
    }
    const sorted = [...bases].sort((x, y) => x - y);
    let chosen = this.choose(sorted, budget);
    // The whole set as a delta from 0 replaces whatever a receiver has: it serves everyone.
    if (chosen.needSnapshot && this.deltaFrom(0)!.length <= budget) chosen = { base: 0, needSnapshot: false };
    if (chosen.needSnapshot) chosen = this.choose(sorted, budget / 2); // room for a piece
    let base = chosen.base;
    if (chosen.needSnapshot) {
      if (this.snap && this.snap.version !== V) {
        const d = this.deltaFrom(this.snap.version);
        if (d === undefined || d.length > budget / 2) this.snap = undefined;
      }
      this.snap ??= { version: V, bytes: this.deltaFrom(0)!, next: 0 };
      const S = this.snap.version;
      if (S < V && (base === undefined || S < base)) base = S;
    } else {
      this.snap = undefined;
    }
    const delta = base === undefined ? EMPTY : this.deltaFrom(base)!;
    if (base !== undefined) {
      out.delta_base = String(base);
      out.delta = delta;
    }
    const s = this.snap;
    if (s) {
      const offset = s.next;
      const len = Math.max(0, Math.min(Math.floor(budget - delta.length), s.bytes.length - offset));
      if (len > 0 || s.bytes.length === 0) {
        out.snapshot_version = String(s.version);
        out.snapshot_bytes = s.bytes.length;
        out.snapshot_offset = offset;
        out.snapshot_chunk = s.bytes.subarray(offset, offset + len);
        s.next = offset + len >= s.bytes.length ? 0 : offset + len;
      }
    }
    return out;
  }

  /** The header alone: epoch, version, count and digest. */
  header(): HeldSet__Output {
    return {
      epoch: this.epoch,
      version: String(this.version),
      count: this.entries.size,
      digest: this.digest.bytes(),
      delta_base: '0',
      delta: EMPTY,
      snapshot_version: '0',
      snapshot_bytes: 0,
      snapshot_offset: 0,
      snapshot_chunk: EMPTY,
    };
  }

  /** The oldest base (ascending list) whose delta fits `limit`; needSnapshot if some older one does not. */
  private choose(bases: number[], limit: number): { base: number | undefined; needSnapshot: boolean } {
    for (let i = 0; i < bases.length; i++) {
      const d = this.deltaFrom(bases[i]!);
      if (d !== undefined && d.length <= limit) return { base: bases[i], needSnapshot: i > 0 };
    }
    return { base: undefined, needSnapshot: true };
  }

  /**
   * Every entry changed after version `base`, as it is now ('' if gone); from 0, the whole set
   * (which a receiver takes in place of what it has, whatever its version).
   */
  private deltaFrom(base: number): Buffer | undefined {
    if (base !== 0 && base < this.floor) return undefined;
    let d = this.deltas.get(base);
    if (d !== undefined) return d;
    let entries: { name: string; revision: string }[];
    if (base === 0) {
      entries = [...this.entries].map(([name, revision]) => ({ name, revision }));
    } else {
      const names = new Set<string>();
      for (let i = this.log.length - 1; i >= 0 && this.log[i]!.version > base; i--) {
        names.add(this.log[i]!.name);
      }
      entries = [...names].map((name) => ({ name, revision: this.entries.get(name) ?? '' }));
    }
    entries.sort((x, y) => compareNames(x.name, y.name));
    d = encodeEntries(entries);
    this.deltas.set(base, d);
    return d;
  }
}

const EMPTY = Buffer.alloc(0);
