// node test/dist/bench/held-set.js [--vips 2000,5000] [--beats 300] [--legacy-only]
//
// What a beat that carries a node's held VIPs costs, per beat, through the code the mesh runs
// (no network): the sender builds it (toWire, its size check, sealing and serializing it for each
// of two peers), a receiver decodes it (deserialize, verify the MAC, fromWire and, with held
// sets, the receiver's update). Names are 63 characters (a shared prefix, then random).
//
// - plain list: the list in every beat, as vipd sent it before held sets;
// - held set, steady: nothing changed (every beat in steady state);
// - held set, one change: a beat whose delta carries one VIP that changed hands;
// - held set, whole set: what a peer that joins (or restarts) receives, piece by piece.
//
// --legacy-only runs the first alone, with APIs that vipd had before held sets (to run this file
// against an older build). Prints a Markdown table. Not part of npm test.
import {
  AUTH_OVERHEAD_BYTES,
  BeatKeyring,
  fromWire,
  type HeldAck,
  HeldSetReceiver,
  HeldSetSender,
  type HeldVip,
  MAX_MESSAGE_BYTES,
  type ReceivedBeat,
  StreamAuth,
  toWire,
} from '@vipd/heartbeat';
import { type Beat__Output, type HeldSet__Output, loadNodeProto } from '@vipd/proto';

const method = loadNodeProto().NodeService.service.Heartbeat;
const serialize = (b: Beat__Output): Buffer => method.requestSerialize(b);
const deserialize = (b: Buffer): Beat__Output => method.requestDeserialize(b);
const clock = { now: () => performance.now() };
const KEY = Buffer.alloc(32, 11);
const PEERS = ['n2', 'n3'];

function vips(n: number, seed: number): HeldVip[] {
  let s = seed;
  const next = (): number => {
    s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x6d2b79f5) >>> 0;
    return (s ^ (s >>> 13)) >>> 0;
  };
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789-';
  return Array.from({ length: n }, (_, i) => {
    let name = `vip-${String(i).padStart(5, '0')}-`;
    while (name.length < 63) name += chars[next() % chars.length];
    return { name, revision: String(7_000_000 + i) };
  });
}

interface Row {
  n: number;
  what: string;
  bytes: string;
  sendMs: number;
  recvMs: number;
  note: string;
}

/** A sender and a receiver end of one stream each way, handshake done. */
function streams(): { tx: StreamAuth[]; rx: StreamAuth[] } {
  const ring = new BeatKeyring(clock);
  ring.setKey(KEY);
  const tx = PEERS.map(() => new StreamAuth(ring));
  const rx = PEERS.map(() => new StreamAuth(ring));
  const empty = toWire('n2', 1, 100, { health: 'SERVING', held: [], leaseId: '1' }, []);
  for (let i = 0; i < PEERS.length; i++) {
    rx[i]!.check(deserialize(serialize(tx[i]!.seal(empty)!)), 1);
    tx[i]!.check(deserialize(serialize(rx[i]!.seal(empty)!)), 1);
  }
  return { tx, rx };
}

function views(acks?: HeldAck): Parameters<typeof toWire>[4] {
  return PEERS.map((node) => ({
    node,
    lastSeenMsAgo: 40,
    suspect: false,
    echoSentAtMs: 123456.5,
    leaseId: '7587006337581913094',
    ...(acks ? { heldAck: acks } : {}),
  }));
}

/** Mean ms per beat of `fn` over `beats` runs, after a warm-up. */
function perBeat(beats: number, fn: (i: number) => void): number {
  for (let i = 0; i < Math.min(50, beats); i++) fn(i);
  const t0 = performance.now();
  for (let i = 0; i < beats; i++) fn(i);
  return (performance.now() - t0) / beats;
}

/** Mean ms to decode each of `wires` (each once: the replay rule refuses a beat twice). */
function decodeEach(wires: Buffer[], rx: StreamAuth, then: (b: ReceivedBeat) => void): number {
  const t0 = performance.now();
  for (const buf of wires) {
    const wire = deserialize(buf);
    const beat = fromWire(wire);
    if (rx.check(wire, beat.seq) !== 'fresh') throw new Error('beat not fresh');
    then(beat);
  }
  return (performance.now() - t0) / wires.length;
}

function plainList(n: number, beats: number): Row {
  const held = vips(n, 1);
  const s = streams();
  let seq = 10;
  const wires: Buffer[] = [];
  const sendMs = perBeat(beats, () => {
    const beat = toWire('n1', ++seq, 100, { health: 'SERVING', held, leaseId: '1' }, views(), clock.now());
    serialize({ ...beat, held: [] }); // the mesh's size check (the list's size is cached)
    const out = s.tx.map((t) => serialize(t.seal(beat)!));
    wires.push(out[0]!);
  });
  const recvMs = decodeEach(wires, s.rx[0]!, (b) => {
    if (b.held.length !== n) throw new Error('plain list did not arrive');
  });
  const bytes = wires[0]!.length;
  const over = bytes > MAX_MESSAGE_BYTES - AUTH_OVERHEAD_BYTES;
  return {
    n,
    what: 'plain list (before)',
    bytes: String(bytes),
    sendMs,
    recvMs,
    note: over ? 'over the 64 KiB cap: the mesh drops the list' : '',
  };
}

function heldSet(n: number, beats: number): Row[] {
  const rows: Row[] = [];
  const sender = new HeldSetSender();
  const s = streams();
  const rx = new HeldSetReceiver();
  let seq = 10;
  let list = vips(n, 1);
  /** Our beat for both peers, as the mesh builds it, for peers that acknowledged `ack`. */
  const send = (ack: HeldAck): Buffer[] => {
    sender.update(list);
    const local = { health: 'SERVING' as const, held: [], leaseId: '1' };
    const beat = toWire('n1', ++seq, 100, local, views(ack), clock.now(), sender.header());
    const budget = MAX_MESSAGE_BYTES - AUTH_OVERHEAD_BYTES - serialize(beat).length - 64;
    beat.held_set = sender.plan([ack, ack], budget);
    return s.tx.map((t) => serialize(t.seal(beat)!));
  };
  const known = (b: ReceivedBeat): boolean => rx.receive(b.heldSet as HeldSet__Output).known;

  // The whole set, to a receiver that has nothing: piece by piece until it is known.
  let pieces = 0;
  let maxBytes = 0;
  let sendTotal = 0;
  let recvTotal = 0;
  for (let done = false; !done; pieces++) {
    if (pieces > 100) throw new Error('whole set never arrived');
    const t0 = performance.now();
    const wires = send(rx.ack());
    const t1 = performance.now();
    recvTotal += decodeEach([wires[0]!], s.rx[0]!, (b) => (done = known(b)));
    sendTotal += t1 - t0;
    maxBytes = Math.max(maxBytes, wires[0]!.length);
  }
  rows.push({
    n,
    what: `held set, whole set (${pieces} beats)`,
    bytes: `≤ ${maxBytes}`,
    sendMs: sendTotal / pieces,
    recvMs: recvTotal / pieces,
    note: `all of it: ${(sendTotal + recvTotal).toFixed(1)} ms`,
  });

  // Steady: nothing changed and the receiver has the current version.
  let wires: Buffer[] = [];
  const steadyWires: Buffer[] = [];
  const steadySend = perBeat(beats, () => {
    wires = send(rx.ack());
    steadyWires.push(wires[0]!);
  });
  const steadyRecv = decodeEach(steadyWires, s.rx[0]!, (b) => {
    if (!known(b)) throw new Error('steady set not known');
  });
  rows.push({
    n,
    what: 'held set, steady',
    bytes: String(wires[0]!.length),
    sendMs: steadySend,
    recvMs: steadyRecv,
    note: '',
  });

  // One VIP changes hands in every beat (a new revision); the receiver acknowledged the last one.
  let rev = 9_000_000;
  const lists: HeldVip[][] = [];
  for (let i = 0; i < beats + 50; i++) {
    list = list.map((v, j) => (j === 17 ? { ...v, revision: String(++rev) } : v));
    lists.push(list);
  }
  const changeWires: Buffer[] = [];
  const changeSend = perBeat(beats, (i) => {
    const ack = { epoch: sender.epoch, version: sender.current };
    list = lists[changeWires.length]!;
    wires = send(ack);
    changeWires.push(wires[0]!);
    void i;
  });
  const changeRecv = decodeEach(changeWires, s.rx[0]!, (b) => {
    if (!known(b)) throw new Error('change not known at once');
  });
  rows.push({
    n,
    what: 'held set, one change',
    bytes: String(wires[0]!.length),
    sendMs: changeSend,
    recvMs: changeRecv,
    note: 'the sender diffs the new list (O(N)) once per change',
  });
  return rows;
}

function main(argv: string[]): void {
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const ns = (arg('--vips') ?? '2000,5000').split(',').map(Number);
  const beats = Number(arg('--beats') ?? 300);
  const legacyOnly = argv.includes('--legacy-only');
  const rows: Row[] = [];
  // Warm-up (the JIT), not reported.
  plainList(500, beats);
  if (!legacyOnly) heldSet(500, beats);
  for (const n of ns) {
    rows.push(plainList(n, beats));
    if (!legacyOnly) rows.push(...heldSet(n, beats));
  }
  console.log(
    `node ${process.version}, ${beats} beats per figure, 2 peers, 63-character names, signed beats`,
  );
  console.log('| N | beat | bytes | send ms/beat (2 streams) | receive ms/beat (1 stream) | note |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.n} | ${r.what} | ${r.bytes} | ${r.sendMs.toFixed(3)} | ${r.recvMs.toFixed(3)} | ${r.note} |`,
    );
  }
}

main(process.argv.slice(2));
