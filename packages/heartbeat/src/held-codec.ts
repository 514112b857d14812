/**
 * The held set on the wire (vipd.v1.HeldSet): the compact encoding of its entries and its
 * digest. Pure.
 *
 * Entries are sorted by name and front-coded: per entry, a varint of the UTF-16 code units its
 * name shares with the previous name, a varint byte length of the rest in UTF-8, the rest, and
 * the revision as a varint (0 in a delta: the VIP was let go). Names of many VIPs share long
 * prefixes, so a 63-character name often costs ten bytes or so; even names with nothing in common
 * cost their length plus ~6 bytes, against ~14 for a repeated HeldVip message.
 *
 * The digest is the XOR of a 128-bit hash of each entry (name and revision): order-free and
 * updated per change on both sides, it catches a receiver whose set went wrong (a bug, not an
 * attack: the beat's MAC covers every byte).
 */
import type { HeldVip__Output } from '@vipd/proto';

export const DIGEST_BYTES = 16;
/** A name longer than this (UTF-8 bytes) is refused when decoding. */
export const MAX_NAME_BYTES = 1024;
const MAX_REVISION = 2n ** 63n - 1n;

export class HeldCodecError extends Error {
  override readonly name = 'HeldCodecError';
}

export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A revision as the varint it travels as: a canonical positive decimal below 2^63. */
function revisionValue(revision: string): number | bigint {
  if (!/^[1-9][0-9]{0,18}$/.test(revision)) {
    throw new HeldCodecError(`revision ${JSON.stringify(revision)} is not a positive decimal`);
  }
  if (revision.length <= 15) return Number(revision);
  const big = BigInt(revision);
  if (big > MAX_REVISION) throw new HeldCodecError(`revision ${revision} is above 2^63 - 1`);
  return big;
}

class Writer {
  buf: Buffer;
  pos = 0;
  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(Math.max(64, size));
  }
  room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }
  varint(v: number | bigint): void {
    this.room(10);
    if (typeof v === 'number') {
      while (v >= 0x80) {
        this.buf[this.pos++] = (v % 0x80) | 0x80;
        v = Math.floor(v / 0x80);
      }
      this.buf[this.pos++] = v;
      return;
    }
    while (v >= 0x80n) {
      this.buf[this.pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.pos++] = Number(v);
  }
  text(s: string): void {
    const n = Buffer.byteLength(s, 'utf8');
    if (n > MAX_NAME_BYTES) throw new HeldCodecError(`name of ${n} bytes is above ${MAX_NAME_BYTES}`);
    this.varint(n);
    this.room(n);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }
  done(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}

/**
 * Encodes entries sorted by name. `revision` '' (a delta's removal) travels as 0. Throws
 * HeldCodecError on a revision that is not a positive decimal (etcd revisions always are).
 */
export function encodeEntries(sorted: readonly { name: string; revision: string }[]): Buffer {
  let estimate = 0;
  for (const e of sorted) estimate += e.name.length + 8;
  const w = new Writer(estimate);
  let prev = '';
  for (const e of sorted) {
    const name = e.name;
    const limit = Math.min(prev.length, name.length);
    let shared = 0;
    while (shared < limit && prev.charCodeAt(shared) === name.charCodeAt(shared)) shared++;
    // Never split a surrogate pair: the rest would start with a lone low surrogate.
    const last = shared > 0 ? name.charCodeAt(shared - 1) : 0;
    if (last >= 0xd800 && last <= 0xdbff) shared--;
    w.varint(shared);
    w.text(shared === 0 ? name : name.slice(shared));
    w.varint(e.revision === '' ? 0 : revisionValue(e.revision));
    prev = name;
  }
  return w.done();
}

/** Decodes what encodeEntries made; revision 0 comes back as ''. Throws HeldCodecError. */
export function decodeEntries(buf: Uint8Array, maxEntries: number): HeldVip__Output[] {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  let pos = 0;
  const varint = (): number | bigint => {
    let value = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (pos >= b.length) throw new HeldCodecError('entries cut short');
      const byte = b[pos++]!;
      if (shift === 49 && byte >= 0x10) return bigVarint(b, pos, value, byte, (p) => (pos = p));
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return value;
    }
    throw new HeldCodecError('varint too long');
  };
  const out: HeldVip__Output[] = [];
  let prev = '';
  while (pos < b.length) {
    if (out.length >= maxEntries) throw new HeldCodecError(`more than ${maxEntries} entries`);
    const shared = varint();
    const len = varint();
    if (typeof shared !== 'number' || shared > prev.length) throw new HeldCodecError('bad shared prefix');
    if (typeof len !== 'number' || len > MAX_NAME_BYTES || pos + len > b.length) {
      throw new HeldCodecError('bad name length');
    }
    const rest = b.toString('utf8', pos, pos + len);
    pos += len;
    const name = shared === 0 ? rest : prev.slice(0, shared) + rest;
    if (name === '') throw new HeldCodecError('empty name');
    const rev = varint();
    if (typeof rev === 'bigint' && rev > MAX_REVISION) throw new HeldCodecError('revision above 2^63 - 1');
    out.push({ name, revision: rev === 0 ? '' : String(rev) });
    prev = name;
  }
  return out;
}

/** The rest of a varint past 49 bits, as a bigint (revisions up to 2^63). */
function bigVarint(b: Buffer, pos: number, low: number, byte: number, setPos: (p: number) => void): bigint {
  let value = BigInt(low) + (BigInt(byte & 0x7f) << 49n);
  let shift = 56n;
  let cur = byte;
  while (cur & 0x80) {
    if (pos >= b.length || shift > 63n) throw new HeldCodecError('varint too long');
    cur = b[pos++]!;
    value += BigInt(cur & 0x7f) << shift;
    shift += 7n;
  }
  setPos(pos);
  return value;
}

/** The order-free digest of a set: XOR of each entry's 128-bit hash. */
export class SetDigest {
  private h = [0, 0, 0, 0];

  /** Adds an entry, or removes it (XOR is its own inverse). */
  toggle(name: string, revision: string): void {
    let a = 0x9e3779b9;
    let b = 0x85ebca6b;
    let c = 0xc2b2ae35;
    let d = 0x27d4eb2f;
    const n = name.length;
    const total = n + 1 + revision.length;
    for (let i = 0; i < total; i++) {
      // A separator no character has between name and revision.
      const ch = i < n ? name.charCodeAt(i) : i === n ? 0x10000 : revision.charCodeAt(i - n - 1);
      a = Math.imul(a ^ ch, 2654435761);
      b = Math.imul(b ^ ch, 1597334677);
      c = Math.imul(c ^ ch, 2246822507);
      d = Math.imul(d ^ ch, 3266489909);
    }
    a = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(d ^ (d >>> 13), 3266489909);
    b = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
    c = Math.imul(c ^ (c >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
    d = Math.imul(d ^ (d >>> 16), 2246822507) ^ Math.imul(c ^ (c >>> 13), 3266489909);
    const h = this.h;
    this.h = [(h[0]! ^ a) >>> 0, (h[1]! ^ b) >>> 0, (h[2]! ^ c) >>> 0, (h[3]! ^ d) >>> 0];
  }

  clear(): void {
    this.h = [0, 0, 0, 0];
  }

  bytes(): Buffer {
    const out = Buffer.allocUnsafe(DIGEST_BYTES);
    this.h.forEach((v, i) => out.writeUInt32BE(v, i * 4));
    return out;
  }

  equals(digest: Uint8Array): boolean {
    if (digest.length !== DIGEST_BYTES) return false;
    const v = new DataView(digest.buffer, digest.byteOffset, DIGEST_BYTES);
    return this.h.every((x, i) => v.getUint32(i * 4) === x);
  }
}
