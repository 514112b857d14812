import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReceivedBeat } from '@vipd/heartbeat';
import { BeatStats } from './beat-stats';

function beat(
  seq: number,
  echo?: { sentAt: number; ago: number; lease?: string },
  lease = 'L2',
): ReceivedBeat {
  return {
    node: 'n2',
    seq,
    health: 'SERVING',
    held: [],
    leaseId: lease,
    intervalMs: 100,
    sentAtMs: 0,
    etcdOk: true,
    peers: echo
      ? [
          {
            node: 'n1',
            lastSeenMsAgo: echo.ago,
            suspect: false,
            echoSentAtMs: echo.sentAt,
            leaseId: echo.lease ?? 'L1',
          },
        ]
      : [],
  };
}

describe('beat stats', () => {
  it('round trip: now - echoed send time - the time the peer held our beat, once per echo', () => {
    const s = new BeatStats('n1');
    // Our beat sent at 1000; the peer had it 40 ms before building its beat; here at 1043.
    assert.deepEqual(s.observe(beat(1, { sentAt: 1000, ago: 40 }), 1043, 'L1', 300), { missed: 0, rttMs: 3 });
    // The same beat on the other stream: the same echo is not counted twice.
    assert.deepEqual(s.observe(beat(1, { sentAt: 1000, ago: 40 }), 1044, 'L1', 300), { missed: 0 });
    // Rounding on the wire can make it slightly negative: never below 0.
    assert.deepEqual(s.observe(beat(2, { sentAt: 1100, ago: 41 }), 1140.6, 'L1', 300), {
      missed: 0,
      rttMs: 0,
    });
  });

  it('no round trip from a peer that does not know our lease, or past the suspicion bound', () => {
    const s = new BeatStats('n1');
    assert.deepEqual(s.observe(beat(1, { sentAt: 1000, ago: 1, lease: 'OLD' }), 1010, 'L1', 300), {
      missed: 0,
    });
    assert.deepEqual(s.observe(beat(2, { sentAt: 1000, ago: 1 }), 1010, '', 300), { missed: 0 });
    assert.deepEqual(s.observe(beat(3, { sentAt: 2000, ago: 1 }), 2500, 'L1', 300), { missed: 0 });
    assert.deepEqual(s.observe(beat(4, { sentAt: 9000, ago: 1 }), 2600, 'L1', 300), { missed: 0 });
    assert.deepEqual(s.observe(beat(5), 2700, 'L1', 300), { missed: 0 });
  });

  it('misses: gaps in the sequence; duplicates and late beats are not; a new lease starts afresh', () => {
    const s = new BeatStats('n1');
    assert.equal(s.observe(beat(10), 0, 'L1', 300).missed, 0);
    assert.equal(s.observe(beat(11), 0, 'L1', 300).missed, 0);
    assert.equal(s.observe(beat(11), 0, 'L1', 300).missed, 0);
    assert.equal(s.observe(beat(15), 0, 'L1', 300).missed, 3);
    assert.equal(s.observe(beat(14), 0, 'L1', 300).missed, 0);
    assert.equal(s.observe(beat(1, undefined, 'L9'), 0, 'L1', 300).missed, 0, 'restarted peer');
    assert.equal(s.observe(beat(3, undefined, 'L9'), 0, 'L1', 300).missed, 1);
    s.forget('n2');
    assert.equal(s.observe(beat(50, undefined, 'L9'), 0, 'L1', 300).missed, 0);
  });
});
