import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReceivedBeat } from '@vipd/heartbeat';
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

/** n1's Peers, on a fixed clock. */
function newPeers(): Peers {
  return new Peers('n1', () => 'lease-n1', {
    intervalMs: 100,
    suspectAfterMisses: 3,
    localBeat: () => ({ health: 'SERVING', held: [], leaseId: 'lease-n1' }),
    clock: { now: () => 1000 },
    log: silentLogger(),
  });
}

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
    peers.setMembers(new Map([['n2', { advertise: '198.51.100.12:7400', lease: 'lease-n2' }]]));
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

  it('membersSince: when the member set last turned non-empty', (t) => {
    let now = 1000;
    const peers = new Peers('n1', () => 'lease-n1', {
      intervalMs: 100,
      suspectAfterMisses: 3,
      localBeat: () => ({ health: 'SERVING', held: [], leaseId: 'lease-n1' }),
      clock: { now: () => now },
      log: silentLogger(),
    });
    t.after(() => peers.stop());
    const m = (...names: string[]) =>
      new Map(names.map((n) => [n, { advertise: `198.51.100.1${n.slice(1)}:7400`, lease: `lease-${n}` }]));
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
});
