/**
 * The held set on the wire (held-codec.ts, held-sender.ts, held-receiver.ts): round trips at
 * 5000 VIPs, beat sizes, change sequences, and a receiver that never takes a stale or partial
 * set for the sender's under loss, reordering and restarts. Pure, with the real protobuf codec.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Beat__Output, HeldSet__Output, HeldVip__Output } from '@vipd/proto';
import { toWire } from './beat';
import { AUTH_OVERHEAD_BYTES } from './beat-auth';
import { decodeEntries, encodeEntries } from './held-codec';
import { HeldSetReceiver } from './held-receiver';
import { type HeldAck, HeldSetSender, MAX_LOG } from './held-sender';
import { encodedSize, MAX_MESSAGE_BYTES, nodeService } from './wire';

/** A seeded generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x6d2b79f5) >>> 0;
    s = (s ^ (s >>> 13)) >>> 0;
    return s / 2 ** 32;
  };
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789-';

/** `n` VIPs with 63-character names: a shared prefix and random tails (the worst realistic case). */
function vips(n: number, random = rng(1), firstRevision = 1_000_000): HeldVip__Output[] {
  return Array.from({ length: n }, (_, i) => {
    let tail = '';
    while (tail.length < 63) tail += ALPHABET[Math.floor(random() * ALPHABET.length)];
    const name = `vip-${String(i).padStart(5, '0')}-${tail}`.slice(0, 63);
    return { name, revision: String(firstRevision + i) };
  });
}

/** A beat as the mesh builds it: the peer view of `peers` nodes, acknowledgements included. */
function beatWith(held: HeldSet__Output | null, peers = 2): Beat__Output {
  const views = Array.from({ length: peers }, (_, i) => ({
    node: `node-${i}`,
    lastSeenMsAgo: 12,
    suspect: false,
    echoSentAtMs: 123456.789,
    leaseId: '7587006337581913094',
    heldAck: { epoch: '12345678901234567890', version: 4242 },
  }));
  const local = { health: 'SERVING' as const, held: [], leaseId: '7587006337581913094', etcdOk: true };
  return toWire('node-x', 123456, 100, local, views, 98765.4321, held);
}

/** What the mesh leaves for entries: the cap, less auth, the rest of the beat and framing. */
function budgetFor(sender: HeldSetSender): number {
  return MAX_MESSAGE_BYTES - AUTH_OVERHEAD_BYTES - encodedSize(beatWith(sender.header())) - 64;
}

/** Through the real serializer and the decoder a receiver uses. */
function overWire(hs: HeldSet__Output): HeldSet__Output {
  const m = nodeService().service.Heartbeat;
  const beat = m.requestDeserialize(m.requestSerialize(beatWith(hs))) as Beat__Output;
  return beat.held_set!;
}

function asMap(list: readonly HeldVip__Output[]): Map<string, string> {
  return new Map(list.map((h) => [h.name, h.revision]));
}

/**
 * A sender and its receivers, beat by beat. The sender's set at every version is recorded; each
 * receiver's answer is checked on every beat: known means exactly the set at that beat's version
 * (or at a newer one, for a beat that came late), never anything else.
 */
class Sim {
  sender = new HeldSetSender();
  list: HeldVip__Output[] = [];
  readonly history = new Map<string, Map<string, string>>();
  readonly rx = new Map<string, HeldSetReceiver>();
  /** The acknowledgement the sender has from each receiver (from its latest beat). */
  readonly acks = new Map<string, HeldAck>();
  maxBeatBytes = 0;
  knownBeats = 0;

  constructor(names: string[]) {
    for (const n of names) {
      this.rx.set(n, new HeldSetReceiver());
      this.acks.set(n, { epoch: '0', version: 0 }); // as the mesh takes a peer not heard from yet
    }
  }

  set(list: HeldVip__Output[]): void {
    this.list = list;
    this.sender.update(list);
    this.history.set(`${this.sender.epoch}/${this.sender.current}`, asMap(list));
  }

  /** Builds one beat (through the wire) for the receivers' current acknowledgements. */
  beat(): HeldSet__Output {
    const hs = this.sender.plan([...this.acks.values()], budgetFor(this.sender));
    const wire = overWire(hs);
    this.maxBeatBytes = Math.max(this.maxBeatBytes, encodedSize(beatWith(wire)) + AUTH_OVERHEAD_BYTES);
    return wire;
  }

  /** Delivers a beat to one receiver and checks what it says; true if known. */
  deliver(to: string, hs: HeldSet__Output, ack = true): boolean {
    const r = this.rx.get(to)!;
    const result = r.receive(hs);
    assert.equal(result.problem, undefined, result.problem);
    if (result.known) {
      this.knownBeats++;
      const newest = [...this.history.keys()].filter((k) => k.startsWith(`${hs.epoch}/`));
      const version = Math.max(...newest.map((k) => Number(k.split('/')[1])));
      const got = asMap(result.held);
      const atBeat = this.history.get(`${hs.epoch}/${hs.version}`);
      const atNewest = this.history.get(`${hs.epoch}/${version}`);
      const rxVersion = r.ack().version;
      assert.deepEqual(got, this.history.get(`${hs.epoch}/${rxVersion}`), 'known: the set at its version');
      assert.ok(rxVersion >= Number(hs.version), 'never older than the beat');
      assert.ok(atBeat !== undefined && atNewest !== undefined);
    } else {
      assert.equal(result.held.length, 0, 'unknown: nothing to act on');
    }
    if (ack) this.acks.set(to, r.ack());
    return result.known;
  }

  /** One beat to every receiver, each acknowledging; true when all know the current set. */
  round(): boolean {
    const hs = this.beat();
    let all = true;
    for (const n of this.rx.keys()) all = this.deliver(n, hs) && all;
    return all && Number(hs.version) === this.sender.current;
  }

  /** Rounds until every receiver knows the current set; how many it took. */
  settle(max = 50): number {
    for (let i = 1; i <= max; i++) if (this.round()) return i;
    assert.fail(`not settled in ${max} beats`);
  }
}

test('entries round-trip at 5000 VIPs with 63-character names, odd names and revisions included', () => {
  const list = vips(5000).sort((a, b) => (a.name < b.name ? -1 : 1));
  const odd = [
    { name: 'a', revision: '1' },
    { name: 'ab\u00e9\u{1f600}x', revision: '9223372036854775807' }, // 2^63 - 1
    { name: 'ab\u00e9\u{1f601}', revision: '9007199254740993' }, // above 2^53
    { name: 'ab\u00e9\u{1f601}z', revision: '' }, // a delta's removal
  ];
  for (const entries of [list, odd, []]) {
    const bytes = encodeEntries(entries);
    assert.deepEqual(decodeEntries(bytes, 10_000), entries);
  }
  const bytes = encodeEntries(list);
  assert.ok(bytes.length < 5000 * 66, `${bytes.length} bytes for 5000 entries`);
  assert.throws(() => encodeEntries([{ name: 'web', revision: 'r-1' }]), /not a positive decimal/);
  assert.throws(() => decodeEntries(bytes.subarray(0, 1000), 10_000), /cut short|bad name length/);
  assert.throws(() => decodeEntries(bytes, 100), /more than 100 entries/);
});

test('steady state: a beat with 5000 held VIPs carries ~50 bytes of held set, and a full-set beat stays under the cap', () => {
  const sim = new Sim(['n2']);
  sim.set(vips(5000));
  const header = sim.sender.header();
  const steady = encodedSize({ held_set: header });
  assert.ok(steady <= 64, `header ${steady} bytes`);
  const beats = sim.settle();
  // ~330 KB of names in pieces of up to ~64 KiB.
  assert.ok(beats >= 5 && beats <= 8, `${beats} beats to carry 5000 VIPs`);
  assert.ok(sim.maxBeatBytes <= MAX_MESSAGE_BYTES, `a beat of ${sim.maxBeatBytes} bytes`);
  // Settled: every later beat is the header alone.
  const next = sim.beat();
  assert.equal(next.delta.length + next.snapshot_chunk.length, 0);
  assert.ok(encodedSize(beatWith(next)) < 300, 'a whole steady beat');
  // One change goes as a delta of that one entry.
  const list = [...sim.list];
  list[17] = { ...list[17]!, revision: '99999999' };
  sim.set(list);
  const change = sim.beat();
  assert.equal(change.snapshot_chunk.length, 0);
  assert.ok(change.delta.length < 80, `delta of ${change.delta.length} bytes`);
  assert.equal(sim.deliver('n2', change), true, 'known at once');
});

test('change sequences: random adds, drops and new revisions, receivers at different lags, all know each version', () => {
  const random = rng(7);
  const sim = new Sim(['n2', 'n3']);
  const pool = vips(3000, random);
  sim.set(pool.slice(0, 1000));
  sim.settle();
  const lagging: HeldSet__Output[] = [];
  for (let step = 0; step < 300; step++) {
    const held = asMap(sim.list);
    const changes = Math.floor(random() * (random() < 0.1 ? 400 : 5)) + 1;
    for (let i = 0; i < changes; i++) {
      const v = pool[Math.floor(random() * pool.length)]!;
      if (held.has(v.name) && random() < 0.5) held.delete(v.name);
      else held.set(v.name, String(2_000_000 + step * 1000 + i));
    }
    sim.set([...held].map(([name, revision]) => ({ name, revision })));
    const hs = sim.beat();
    sim.deliver('n2', hs); // n2 acknowledges every beat
    lagging.push(hs); // n3 gets the same beats three beats late
    if (lagging.length > 3) sim.deliver('n3', lagging.shift()!);
  }
  for (const hs of lagging) sim.deliver('n3', hs);
  sim.settle();
  assert.ok(sim.knownBeats > 400, `${sim.knownBeats} beats known`);
  assert.ok(sim.maxBeatBytes <= MAX_MESSAGE_BYTES);
});

test('loss and reordering: a lost beat is sent again until acknowledged; a late beat never turns the set back', () => {
  const sim = new Sim(['n2']);
  const all = vips(200);
  sim.set(all.slice(0, 100));
  sim.settle();
  sim.set(all.slice(0, 120));
  const lost = sim.beat(); // never delivered
  assert.ok(lost.delta.length > 0);
  const again = sim.beat(); // n2 did not acknowledge: the same delta again
  assert.deepEqual(again.delta, lost.delta);
  assert.equal(sim.deliver('n2', again), true);
  sim.set(all.slice(10, 120));
  const newer = sim.beat();
  assert.equal(sim.deliver('n2', newer), true);
  // The lost beat turns up late (on the other stream): its version is older; the newer set stays.
  const late = sim.rx.get('n2')!.receive(lost);
  assert.equal(late.known, true);
  assert.deepEqual(asMap(late.held), asMap(all.slice(10, 120)));
  // A beat that names a newer version without its changes (they were lost): unknown, not stale.
  sim.set(all.slice(20, 120));
  const ahead = { ...sim.sender.header() };
  assert.equal(sim.deliver('n2', overWire(ahead), false), false);
  assert.equal(sim.deliver('n2', sim.beat()), true, 'the next beat brings the changes');
});

test('a late joiner and a restarted receiver get the whole set in pieces, and know nothing until it is all there', () => {
  const sim = new Sim(['n2']);
  sim.set(vips(5000));
  sim.settle();
  sim.rx.set('n3', new HeldSetReceiver()); // joins late
  sim.acks.set('n3', { epoch: '0', version: 0 });
  let beats = 0;
  while (!sim.deliver('n3', sim.beat())) beats++;
  assert.ok(beats >= 4, 'unknown while pieces are missing');
  // n2 restarts: a new receiver, which acknowledges nothing.
  sim.rx.set('n2', new HeldSetReceiver());
  sim.acks.set('n2', { epoch: '0', version: 0 });
  sim.settle();
});

test('pieces lost and the set changing while they travel: the receiver catches up with a delta', () => {
  const random = rng(3);
  const sim = new Sim(['n2']);
  const pool = vips(6000, random);
  sim.set(pool.slice(0, 5000));
  let known = false;
  for (let i = 0; i < 60 && !known; i++) {
    if (i % 2 === 0) {
      const list = [...sim.list];
      list.splice(Math.floor(random() * list.length), 1, pool[5000 + i]!);
      sim.set(list);
    }
    const hs = sim.beat();
    if (i % 4 === 1) continue; // lost
    known = sim.deliver('n2', hs) && Number(hs.version) === sim.sender.current;
  }
  assert.ok(known, 'the receiver has the current set despite losses and changes');
});

test('a restarted sender starts a new epoch: its first beats are unknown until its set arrives', () => {
  const sim = new Sim(['n2']);
  const all = vips(300);
  sim.set(all.slice(0, 200));
  sim.settle();
  const before = sim.sender.epoch;
  sim.sender = new HeldSetSender();
  assert.notEqual(sim.sender.epoch, before);
  sim.set(all.slice(100, 300));
  // Its acknowledgement names the old epoch: the new sender starts from nothing, as for a joiner.
  const first = sim.beat();
  assert.equal(first.delta_base, '0');
  assert.equal(sim.deliver('n2', first), true, 'a set that fits one beat is known at once');
  // Same version number in the new epoch as an old one: never mixed up.
  assert.equal(sim.rx.get('n2')!.ack().epoch, sim.sender.epoch);
  const big = new Sim(['n2']);
  big.set(vips(5000));
  big.settle();
  big.sender = new HeldSetSender();
  big.set(vips(5000, rng(9), 5_000_000));
  assert.equal(big.deliver('n2', big.beat()), false, 'a piece of a large set: unknown');
  big.settle();
});

test('a receiver far behind the change log gets a snapshot; a digest that does not match starts over', () => {
  const sim = new Sim(['n2']);
  const pool = vips(10);
  sim.set(pool);
  sim.settle();
  const stale = sim.rx.get('n2')!.ack();
  // More changes than the log keeps.
  for (let i = 0; i < MAX_LOG + 10; i++) {
    sim.set(pool.map((v, j) => (j === 0 ? { ...v, revision: String(10 + i) } : v)));
  }
  sim.acks.set('n2', stale);
  const hs = sim.beat();
  assert.equal(hs.delta_base, '0', 'no delta from a pruned version: the whole set');
  sim.settle();
  // A receiver whose set went wrong (a bug): the digest tells, it drops the set and asks again.
  const r = sim.rx.get('n2')!;
  const entries = (r as unknown as { entries: Map<string, HeldVip__Output> }).entries;
  entries.set('bogus', { name: 'bogus', revision: '1' });
  sim.set(sim.list.slice(1));
  const result = r.receive(sim.beat());
  assert.match(result.problem ?? '', /does not match its digest/);
  assert.equal(result.known, false);
  assert.deepEqual(r.ack(), { epoch: sim.sender.epoch, version: 0 });
  sim.acks.set('n2', r.ack());
  sim.settle();
});

test('an empty set is known from the header alone', () => {
  const sim = new Sim(['n2']);
  sim.set([]);
  const hs = sim.beat();
  assert.equal(hs.delta.length + hs.snapshot_chunk.length, 0);
  assert.equal(sim.deliver('n2', hs), true);
  sim.set(vips(3));
  sim.settle();
  sim.set([]);
  assert.equal(sim.deliver('n2', sim.beat()), true);
  assert.equal(sim.rx.get('n2')!.receive(sim.beat()).held.length, 0);
});

test('a joiner and a peer that missed removals in the same beat: the whole set replaces, nothing goes wrong', () => {
  const sim = new Sim(['n2']);
  const all = vips(300);
  sim.set(all.slice(0, 200));
  sim.settle();
  sim.set(all.slice(50, 200)); // 50 let go: n2 has not seen it
  sim.rx.set('n3', new HeldSetReceiver()); // joins now
  sim.acks.set('n3', { epoch: '0', version: 0 });
  const hs = sim.beat();
  assert.equal(hs.delta_base, '0', 'the whole set fits one beat: it serves both');
  assert.equal(sim.deliver('n2', hs), true, 'no removal left behind (no digest mismatch)');
  assert.equal(sim.deliver('n3', hs), true);
});
