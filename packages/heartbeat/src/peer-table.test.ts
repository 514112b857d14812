import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { ReceivedBeat } from './beat';
import { PeerTable } from './peer-table';

function fakeClock(start = 1_000_000): { now(): number; advance(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

function beat(node: string, intervalMs = 100): ReceivedBeat {
  return {
    node,
    seq: 1,
    health: 'SERVING',
    held: [],
    leaseId: '7',
    peers: [],
    intervalMs,
    sentAtMs: 0,
    etcdOk: true,
  };
}

// Any read of the wall clock while this is installed throws: liveness must not depend on it.
const RealDate = Date;
function poisonWallClock(): void {
  const Poisoned = function () {
    throw new Error('wall clock read');
  } as unknown as DateConstructor;
  Poisoned.now = () => {
    throw new Error('wall clock read');
  };
  globalThis.Date = Poisoned;
}
afterEach(() => {
  globalThis.Date = RealDate;
});

test('suspicion follows the monotonic clock exactly, and never reads the wall clock', () => {
  poisonWallClock();
  const clock = fakeClock();
  const table = new PeerTable(clock, 100, 3);
  assert.equal(table.set('n2', '127.0.0.1:1'), 'added');

  clock.advance(300);
  assert.deepEqual(table.check(), [], 'not suspect at exactly misses × interval after being added');
  clock.advance(1);
  assert.deepEqual(table.check(), ['n2'], 'a peer never heard from is reported');
  assert.deepEqual(table.check(), [], 'suspect is reported once per transition');

  assert.equal(table.record(beat('n2')), 'alive', 'recovery');
  assert.equal(table.record(beat('n2')), 'beat');
  clock.advance(300);
  assert.deepEqual(table.check(), []);
  clock.advance(1);
  assert.deepEqual(table.check(), ['n2']);
  assert.equal(table.record(beat('n2')), 'alive');
  assert.equal(table.record(beat('nobody')), 'unknown');
});

test('the larger of our and the peer’s advertised interval counts', () => {
  const clock = fakeClock();
  const table = new PeerTable(clock, 100, 3);
  table.set('slow', 'a:1');
  table.record(beat('slow', 400));
  assert.equal(table.thresholdMs('slow'), 1200);
  clock.advance(1200);
  assert.deepEqual(table.check(), []);
  clock.advance(1);
  assert.deepEqual(table.check(), ['slow']);
});

test('a wall-clock jump changes nothing: only the injected clock moves liveness', () => {
  const clock = fakeClock();
  const table = new PeerTable(clock, 100, 3);
  table.set('n2', 'a:1');
  table.record(beat('n2'));
  clock.advance(100);
  // The wall clock jumps a day forward, then back: the table must not notice.
  const real = RealDate.now();
  globalThis.Date = class extends RealDate {
    static override now(): number {
      return real + 86_400_000;
    }
  } as DateConstructor;
  assert.deepEqual(table.check(), []);
  globalThis.Date = class extends RealDate {
    static override now(): number {
      return real - 86_400_000;
    }
  } as DateConstructor;
  assert.deepEqual(table.check(), []);
  const view = table.views()[0];
  assert.equal(view?.lastSeenMsAgo, 100);
  assert.equal(view?.suspect, false);
});

test('an address change keeps liveness; removal forgets the peer', () => {
  const clock = fakeClock();
  const table = new PeerTable(clock, 100, 3);
  table.set('n2', 'a:1');
  table.record(beat('n2'));
  assert.equal(table.set('n2', 'a:1'), 'unchanged');
  assert.equal(table.set('n2', 'b:2'), 'changed');
  assert.equal(table.get('n2')?.lastBeat?.leaseId, '7');
  assert.equal(table.remove('n2'), true);
  assert.equal(table.set('n2', 'b:2'), 'added');
  assert.equal(table.get('n2')?.lastBeatAt, undefined);
});
