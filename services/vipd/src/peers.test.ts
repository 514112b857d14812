import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BeatKeyring, type ReceivedBeat } from '@vipd/heartbeat';
import { silentLogger } from '@vipd/log';
import { Peers } from './peers';

function beat(
  node: string,
  seq: number,
  suspects: string[],
  echoSentAtMs: number,
  seenN1MsAgo = 10,
): ReceivedBeat {
  return {
    node,
    seq,
    health: 'SERVING',
    held: [],
    leaseId: `lease-${node}`,
    intervalMs: 100,
    sentAtMs: seq * 100,
    etcdOk: true,
    peers: ['n1', 'n3'].map((p) => ({
      node: p,
      lastSeenMsAgo: p === 'n1' ? seenN1MsAgo : 10,
      suspect: suspects.includes(p),
      echoSentAtMs: p === 'n1' ? echoSentAtMs : 0,
      leaseId: p === 'n1' ? 'lease-n1' : '',
    })),
  };
}

/** n1's Peers, on the given clock (a fixed one by default). */
function newPeers(now: () => number = () => 1000, departedKeepMs?: number): Peers {
  return new Peers('n1', () => 'lease-n1', {
    intervalMs: 100,
    suspectAfterMisses: 3,
    localBeat: () => ({ health: 'SERVING', held: [], leaseId: 'lease-n1' }),
    clock: { now },
    log: silentLogger(),
    keyring: new BeatKeyring({ now }),
    departedKeepMs,
  });
}

/** Delivers a beat through the mesh's own table, as from the wire: its sender counts as heard. */
function fromTheWire(peers: Peers): (b: ReceivedBeat) => void {
  const mesh = (peers as unknown as { mesh: { received: (b: ReceivedBeat) => boolean } }).mesh;
  return (b) => void mesh.received(b);
}

/**
 * n2 as a member. Its address is a closed port on this host's loopback: the mesh's outbound
 * stream fails at once and no packet leaves the machine (this test runs in the root namespace).
 */
const N2 = new Map([['n2', { advertise: '127.0.0.1:9', lease: 'lease-n2' }]]);

/** The mesh's 'beat' event, as a beat arrives. */
function deliver(peers: Peers, b: ReceivedBeat): void {
  (peers as unknown as { mesh: { emit: (...a: unknown[]) => void } }).mesh.emit('beat', b.node, b);
}

describe('peers', () => {
  it("a peer's new suspicion is a change even when its beat carries no new echo", (t) => {
    const peers = newPeers();
    t.after(() => peers.stop());
    let changes = 0;
    peers.on('changed', () => changes++);
    const receive = (b: ReceivedBeat) => deliver(peers, b);
    receive(beat('n2', 1, [], 500));
    assert.equal(changes, 1, 'a new echo');
    receive(beat('n2', 2, [], 500));
    assert.equal(changes, 1, 'nothing new');
    receive(beat('n2', 3, ['n3'], 500));
    assert.equal(changes, 2, 'n2 now reports n3 suspect: a takeover may go ahead');
    receive(beat('n2', 4, ['n3'], 500));
    assert.equal(changes, 2);
  });

  it('a peer whose beats say it no longer hears ours is reported at once (one-way loss)', (t) => {
    const peers = newPeers();
    t.after(() => peers.stop());
    peers.setMembers(N2);
    let unheard = 0;
    peers.on('unheard', () => unheard++);
    const receive = (b: ReceivedBeat) => deliver(peers, b);
    receive(beat('n2', 1, [], 500, 90));
    assert.equal(peers.unheardByAny(), false, 'our last beat reached n2 90 ms ago: normal');
    receive(beat('n2', 2, [], 500, 160));
    assert.equal(peers.unheardByAny(), true, 'n2 has not heard us for 160 ms, before it suspects us at 300');
    assert.equal(unheard, 1);
    receive(beat('n2', 3, ['n1'], 500, 320));
    assert.equal(unheard, 1, 'said once while it lasts');
    receive(beat('n2', 4, [], 900, 20));
    assert.equal(peers.unheardByAny(), false, 'heard again');
  });

  it('failsafe: nobody can take over while every member is heard and either lacks etcd or still sees our lease', (t) => {
    const peers = newPeers();
    t.after(() => peers.stop());
    peers.setMembers(N2);
    // Through the mesh's own table, as a beat from the wire: the member must count as heard.
    const receive = fromTheWire(peers);
    assert.equal(peers.noneCanTakeOver(600), false, 'n2 never heard');
    receive({ ...beat('n2', 1, [], 700), etcdOk: false });
    assert.equal(peers.noneCanTakeOver(600), true, 'n2 heard, without etcd');
    receive(beat('n2', 2, [], 700));
    assert.equal(
      peers.noneCanTakeOver(600),
      true,
      'n2 reaches etcd again and echoed our beat of 700 with our lease',
    );
    assert.equal(peers.noneCanTakeOver(800), false, 'that echo is older than asked for');
    const other = beat('n2', 3, [], 900);
    other.peers = other.peers.map((p) => (p.node === 'n1' ? { ...p, leaseId: 'lease-old' } : p));
    receive(other);
    assert.equal(
      peers.noneCanTakeOver(800),
      false,
      "n2's view of etcd no longer has our lease: it may take the key, so we must not keep the VIP",
    );
    receive({ ...beat('n2', 4, [], 1000, 160), etcdOk: false });
    assert.equal(peers.noneCanTakeOver(800), true, 'one late beat of ours (160 ms) ends nothing');
    receive({ ...beat('n2', 5, ['n1'], 1000, 320), etcdOk: false });
    assert.equal(peers.noneCanTakeOver(800), false, 'n2 without etcd, but it suspects us');
    receive({ ...beat('n2', 6, [], 1000, 20), etcdOk: false });
    assert.equal(peers.noneCanTakeOver(800), true, 'heard both ways again, n2 without etcd');
  });

  it("holdersOf and failsafeHoldersOf follow each peer's latest held list", (t) => {
    const peers = newPeers();
    t.after(() => peers.stop());
    peers.setMembers(N2);
    const receive = fromTheWire(peers);
    const held = (...names: string[]) => names.map((name) => ({ name, revision: `r-${name}` }));
    receive({ ...beat('n2', 1, [], 500), held: held('web', 'db') });
    assert.deepEqual(peers.holdersOf('web'), [{ node: 'n2', revision: 'r-web' }]);
    assert.equal(peers.hasClaimant('web'), true);
    assert.deepEqual(peers.failsafeHoldersOf('web'), [], 'n2 reaches etcd');
    receive({ ...beat('n2', 2, [], 500), held: held('db', 'api'), etcdOk: false });
    assert.deepEqual(peers.holdersOf('web'), [], 'n2 let web go');
    assert.equal(peers.hasClaimant('web'), false);
    assert.deepEqual(peers.holdersOf('api'), [{ node: 'n2', revision: 'r-api' }]);
    assert.deepEqual(peers.failsafeHoldersOf('db'), ['n2'], 'n2 keeps db without etcd');
    peers.setMembers(new Map());
    assert.deepEqual(peers.holdersOf('db'), [], 'n2 is no longer a member');
    assert.deepEqual(peers.failsafeHoldersOf('db'), []);
  });

  it('a peer whose held set is unknown may hold any VIP: no yield hint, no failsafe keep, no add', (t) => {
    const peers = newPeers();
    t.after(() => peers.stop());
    peers.setMembers(N2);
    const receive = fromTheWire(peers);
    let heldChanges = 0;
    peers.on('heldChanged', () => heldChanges++);
    receive({ ...beat('n2', 1, [], 500), held: [{ name: 'web', revision: '7' }] });
    receive({ ...beat('n2', 2, [], 500), held: [], heldKnown: false });
    assert.deepEqual(peers.holdersOf('web'), [{ node: 'n2', revision: '' }]);
    assert.deepEqual(peers.holdersOf('api'), [{ node: 'n2', revision: '' }], 'any VIP');
    assert.deepEqual(peers.heldBy('n2'), [], 'nothing to yield to');
    assert.deepEqual(peers.failsafeHoldersOf('api'), [], 'n2 reaches etcd');
    receive({ ...beat('n2', 3, [], 500), held: [], heldKnown: false, etcdOk: false });
    assert.deepEqual(peers.failsafeHoldersOf('api'), ['n2'], 'n2 without etcd may keep it');
    receive({ ...beat('n2', 4, [], 500), held: [{ name: 'db', revision: '9' }], heldKnown: true });
    assert.deepEqual(peers.holdersOf('web'), []);
    assert.deepEqual(peers.holdersOf('db'), [{ node: 'n2', revision: '9' }]);
    assert.deepEqual(peers.failsafeHoldersOf('api'), []);
    assert.equal(heldChanges, 2, 'known, then known again');
  });

  it('membersSince: when the member set last turned non-empty', (t) => {
    let now = 1000;
    const peers = newPeers(() => now);
    t.after(() => peers.stop());
    const m = (...names: string[]) =>
      new Map(names.map((n) => [n, { advertise: `127.0.0.1:${n.slice(1)}`, lease: `lease-${n}` }]));
    peers.setMembers(m('n1'));
    assert.equal(peers.membersSince(), undefined, 'ourselves alone are no member');
    now = 2000;
    peers.setMembers(m('n1', 'n2'));
    assert.equal(peers.membersSince(), 2000);
    now = 3000;
    peers.setMembers(m('n1', 'n2', 'n3'));
    assert.equal(peers.membersSince(), 2000, 'a second peer changes nothing');
    peers.setMembers(m('n1'));
    assert.equal(peers.membersSince(), undefined);
    now = 4000;
    peers.setMembers(m('n3'));
    assert.equal(peers.membersSince(), 4000);
  });

  it('a member that left while it kept a VIP without etcd still holds others back, for a while', (t) => {
    let now = 1000;
    const peers = newPeers(() => now, 650);
    t.after(() => peers.stop());
    peers.setMembers(N2);
    const receive = fromTheWire(peers);
    // A node that revokes its own lease on shutdown says "no etcd" for a beat: it keeps nothing.
    receive({ ...beat('n2', 1, [], 500), held: [{ name: 'web', revision: '5' }], etcdOk: false });
    peers.setMembers(new Map());
    assert.deepEqual(peers.failsafeHoldersOf('web'), [], 'just left etcd: a shutdown, not a failsafe');
    peers.setMembers(N2);
    receive({ ...beat('n2', 2, [], 500), held: [{ name: 'web', revision: '5' }], etcdOk: false });
    now += 650; // without etcd for a while now, as under failsafe
    receive({ ...beat('n2', 3, [], 500), held: [{ name: 'web', revision: '5' }], etcdOk: false });
    assert.deepEqual(peers.failsafeHoldersOf('web'), ['n2']);
    // Back on etcd with a new lease, n1 finds n2's registration gone (its lease expired).
    peers.setMembers(new Map());
    assert.deepEqual(peers.failsafeHoldersOf('web'), ['n2'], 'it may still have the address');
    assert.deepEqual(peers.failsafeHoldersOf('db'), [], 'only what it said it kept');
    now += 650;
    assert.deepEqual(peers.failsafeHoldersOf('web'), [], 'by now it has lost us and let go');
  });
});
