/** Signing, verification and replay refusal of beats (pure, with the real protobuf codec). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Beat__Output } from '@vipd/proto';
import { toWire } from './beat';
import { BeatKeyring, keyId, PREVIOUS_KEY_GRACE_MS, SIGN_PREVIOUS_MS, StreamAuth } from './beat-auth';
import { HeldSetSender } from './held-sender';
import { nodeService } from './wire';

const KEY = Buffer.alloc(32, 7);
const OTHER = Buffer.alloc(32, 9);

function fakeClock(): { now(): number; t: number } {
  const c = { t: 1000, now: () => c.t };
  return c;
}

function beat(seq: number, held = [{ name: 'web', revision: '42' }]): Beat__Output {
  return toWire(
    'n2',
    seq,
    100,
    { health: 'SERVING', held, leaseId: '7', etcdOk: true },
    [{ node: 'n1', lastSeenMsAgo: 12, suspect: false, echoSentAtMs: 1234.5678, leaseId: '' }],
    98765.4321,
  );
}

/** Through the real serializer and the decoder the receiver uses. */
function overWire(b: Beat__Output): Beat__Output {
  const m = nodeService().service.Heartbeat;
  return m.requestDeserialize(m.requestSerialize(b)) as Beat__Output;
}

/** A sender's and a receiver's end of one stream, sharing a keyring each. */
function stream(sendKey = KEY, recvKey = KEY) {
  const clock = fakeClock();
  const senderRing = new BeatKeyring(clock);
  senderRing.setKey(sendKey);
  const receiverRing = new BeatKeyring(clock);
  receiverRing.setKey(recvKey);
  return {
    clock,
    senderRing,
    receiverRing,
    tx: new StreamAuth(senderRing),
    rx: new StreamAuth(receiverRing),
  };
}

/** Completes the handshake: rx learns tx's nonce, tx learns rx's. */
function handshake(s: ReturnType<typeof stream>): void {
  assert.equal(s.rx.check(overWire(s.tx.seal(beat(1))!), 1), 'handshake');
  const answer = overWire(s.rx.seal(beat(1))!);
  assert.equal(s.tx.check(answer, 1), 'fresh');
}

test('a sealed beat verifies after the wire: the first opens the stream, the next ones count', () => {
  const s = stream();
  handshake(s);
  assert.equal(s.rx.check(overWire(s.tx.seal(beat(2))!), 2), 'fresh');
  assert.equal(s.rx.check(overWire(s.tx.seal(beat(3))!), 3), 'fresh');
  // A beat too big to be cached by identity (a new held list each time) verifies the same.
  const held = Array.from({ length: 500 }, (_, i) => ({ name: `vip-${i}`, revision: String(1000 + i) }));
  assert.equal(s.rx.check(overWire(s.tx.seal(beat(4, held))!), 4), 'fresh');
});

test('an unsigned beat, another key, or altered content is refused', () => {
  const s = stream();
  handshake(s);
  assert.equal(s.rx.check(overWire(beat(2)), 2), 'unsigned');
  const forger = stream(OTHER, KEY);
  assert.equal(s.rx.check(overWire(forger.tx.seal(beat(2))!), 2), 'unknown_key');
  const good = overWire(s.tx.seal(beat(2))!);
  const tampered: Beat__Output = { ...good, held: [{ name: 'web', revision: '999999999' }] };
  assert.equal(s.rx.check(tampered, 2), 'bad_mac');
  const renamed: Beat__Output = { ...good, etcd_ok: false };
  assert.equal(s.rx.check(renamed, 2), 'bad_mac');
  // A forger that knows the key id but not the key.
  const guessed: Beat__Output = {
    ...good,
    auth: { ...good.auth!, mac: Buffer.alloc(32) },
  };
  assert.equal(s.rx.check(guessed, 2), 'bad_mac');
  // ...or puts the MAC in the unused field.
  const moved: Beat__Output = {
    ...good,
    auth: { ...good.auth!, mac: Buffer.alloc(0), mac_v2: good.auth!.mac },
  };
  assert.equal(s.rx.check(moved, 2), 'bad_mac');
  // The acknowledgements are covered too.
  const acked: Beat__Output = { ...good, peers: good.peers.map((p) => ({ ...p, held_version: '5' })) };
  assert.equal(s.rx.check(acked, 2), 'bad_mac');
  // Untouched, it still counts: none of the above moved the stream on.
  assert.equal(s.rx.check(good, 2), 'fresh');
});

test('replays are refused: the same beat again, an older one, or one from another stream', () => {
  const s = stream();
  handshake(s);
  const b2 = overWire(s.tx.seal(beat(2))!);
  const b3 = overWire(s.tx.seal(beat(3))!);
  assert.equal(s.rx.check(b3, 3), 'fresh');
  assert.equal(s.rx.check(b3, 3), 'replay', 'the same beat twice');
  assert.equal(s.rx.check(b2, 2), 'replay', 'an older beat');
  // The same sender's beats recorded on an earlier stream, played into a new one at the
  // receiver: they name the old stream's receiver nonce.
  const later = new StreamAuth(s.receiverRing);
  assert.equal(later.check(b3, 3), 'replay');
  // A recorded first beat (no receiver nonce yet) only opens the new stream; nothing after it counts.
  const opening = overWire(new StreamAuth(s.senderRing).seal(beat(5))!);
  const again = new StreamAuth(s.receiverRing);
  assert.equal(again.check(opening, 5), 'handshake');
  assert.equal(again.check(b3, 3), 'nonce_changed');
  // A sender that changes its nonce mid-stream.
  const other = new StreamAuth(s.senderRing);
  const foreign = overWire(other.seal(beat(10))!);
  assert.equal(s.rx.check(foreign, 10), 'nonce_changed');
});

test('after a rotation the previous key is accepted for a grace period, then refused', () => {
  const s = stream();
  handshake(s);
  const oldKeyed = overWire(s.tx.seal(beat(2))!);
  assert.equal(s.receiverRing.setKey(OTHER), true);
  assert.equal(s.receiverRing.setKey(OTHER), false, 'the same key again changes nothing');
  assert.equal(s.receiverRing.currentId, keyId(OTHER));
  assert.equal(s.rx.check(oldKeyed, 2), 'fresh', 'signed with the previous key, within the grace');
  s.clock.t += PREVIOUS_KEY_GRACE_MS + 1;
  assert.equal(s.rx.check(overWire(s.tx.seal(beat(3))!), 3), 'unknown_key');
  s.senderRing.setKey(OTHER);
  s.clock.t += SIGN_PREVIOUS_MS;
  assert.equal(s.rx.check(overWire(s.tx.seal(beat(4))!), 4), 'fresh');
});

test('a node that reads a rotated key first keeps signing with the previous one until its peers have it too', () => {
  const s = stream();
  handshake(s);
  // The sender's watch delivers the new key; the receiver's has not yet.
  assert.equal(s.senderRing.setKey(OTHER), true);
  assert.equal(s.senderRing.currentId, keyId(OTHER));
  assert.equal(s.senderRing.signingId, keyId(KEY));
  assert.equal(s.rx.check(overWire(s.tx.seal(beat(2))!), 2), 'fresh', 'the receiver still knows only KEY');
  // The receiver reads it a moment later: beats signed with either key count.
  s.clock.t += 200;
  s.receiverRing.setKey(OTHER);
  assert.equal(s.rx.check(overWire(s.tx.seal(beat(3))!), 3), 'fresh');
  s.clock.t += SIGN_PREVIOUS_MS;
  assert.equal(s.senderRing.signingId, keyId(OTHER));
  const sealed = overWire(s.tx.seal(beat(4))!);
  assert.equal(sealed.auth?.key_id, keyId(OTHER));
  assert.equal(s.rx.check(sealed, 4), 'fresh');
  // A receiver that never read the new key refuses from then on.
  const stale = new BeatKeyring(s.clock);
  stale.setKey(KEY);
  assert.equal(stale.verify(sealed), 'unknown_key');
});

test('no key, no beat; a short key is refused; the key id reveals nothing of the key', () => {
  const ring = new BeatKeyring(fakeClock());
  assert.equal(ring.ready, false);
  assert.equal(new StreamAuth(ring).seal(beat(1)), undefined);
  assert.equal(ring.setKey(Buffer.alloc(16, 1)), false);
  assert.equal(ring.ready, false);
  ring.setKey(KEY);
  const sealed = new StreamAuth(ring).seal(beat(1))!;
  assert.match(sealed.auth!.key_id, /^[0-9a-f]{16}$/);
  assert.equal(JSON.stringify(sealed).includes(KEY.toString('hex')), false);
  assert.equal(JSON.stringify(sealed).includes(KEY.toString('base64')), false);
});

test('the one MAC covers the held set: its header, delta and snapshot bytes', () => {
  const sender = new HeldSetSender('77');
  sender.update([{ name: 'web', revision: '42' }]);
  const withSet = (seq: number): Beat__Output => ({
    ...beat(seq, []),
    held_set: sender.plan([{ epoch: '0', version: 0 }], 1000),
  });
  const s = stream();
  handshake(s);
  const good = overWire(s.tx.seal(withSet(2))!);
  assert.ok(good.held_set && good.held_set.delta.length > 0);
  assert.equal(good.auth?.mac.length, 32);
  assert.equal(good.auth?.mac_v2.length, 0, 'mac_v2 is not used');
  const delta = Buffer.from(good.held_set.delta);
  delta[delta.length - 1] = 43;
  assert.equal(s.rx.check({ ...good, held_set: { ...good.held_set, delta } }, 2), 'bad_mac');
  assert.equal(s.rx.check({ ...good, held_set: { ...good.held_set, version: '9' } }, 2), 'bad_mac');
  const chunk = Buffer.from('x');
  assert.equal(s.rx.check({ ...good, held_set: { ...good.held_set, snapshot_chunk: chunk } }, 2), 'bad_mac');
  assert.equal(s.rx.check({ ...good, held_set: null }, 2), 'bad_mac', 'the held set stripped');
  assert.equal(s.rx.check(good, 2), 'fresh');
});
