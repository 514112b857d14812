import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReceivedBeat } from '@vipd/heartbeat';
import { silentLogger } from '@vipd/log';
import { Peers } from './peers';

function beat(node: string, seq: number, suspects: string[], echoSentAtMs: number): ReceivedBeat {
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
      lastSeenMsAgo: 10,
      suspect: suspects.includes(p),
      echoSentAtMs: p === 'n1' ? echoSentAtMs : 0,
      leaseId: p === 'n1' ? 'lease-n1' : '',
    })),
  };
}

describe('peers', () => {
  it("a peer's new suspicion is a change even when its beat carries no new echo", (t) => {
    const peers = new Peers('n1', () => 'lease-n1', {
      intervalMs: 100,
      suspectAfterMisses: 3,
      localBeat: () => ({ health: 'SERVING', held: [], leaseId: 'lease-n1' }),
      clock: { now: () => 1000 },
      log: silentLogger(),
    });
    t.after(() => peers.stop());
    let changes = 0;
    peers.on('changed', () => changes++);
    // The mesh's 'beat' event, as a beat from n2 arrives.
    const receive = (b: ReceivedBeat) =>
      (peers as unknown as { mesh: { emit: (...a: unknown[]) => void } }).mesh.emit('beat', b.node, b);
    receive(beat('n2', 1, [], 500));
    assert.equal(changes, 1, 'a new echo');
    receive(beat('n2', 2, [], 500));
    assert.equal(changes, 1, 'nothing new');
    receive(beat('n2', 3, ['n3'], 500));
    assert.equal(changes, 2, 'n2 now reports n3 suspect: a takeover may go ahead');
    receive(beat('n2', 4, ['n3'], 500));
    assert.equal(changes, 2);
  });
});
