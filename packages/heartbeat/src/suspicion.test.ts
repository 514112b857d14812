import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay } from './backoff';
import { isSuspect, suspectAfterMs } from './suspicion';

test('a peer is suspect only after more than misses × the larger interval of silence', () => {
  assert.equal(suspectAfterMs(3, { ours: 100 }), 300);
  assert.equal(suspectAfterMs(3, { ours: 100, theirs: 250 }), 750);
  assert.equal(suspectAfterMs(3, { ours: 100, theirs: 50 }), 300);
  const iv = { ours: 100 };
  assert.equal(isSuspect(1300, 1000, 0, 3, iv), false);
  assert.equal(isSuspect(1300.5, 1000, 0, 3, iv), true);
  // A slow peer that advertises 500 ms is given 1500 ms.
  assert.equal(isSuspect(2400, 1000, 0, 3, { ours: 100, theirs: 500 }), false);
  assert.equal(isSuspect(2501, 1000, 0, 3, { ours: 100, theirs: 500 }), true);
});

test('a peer never heard from is measured from when it was added', () => {
  const iv = { ours: 100 };
  assert.equal(isSuspect(5300, undefined, 5000, 3, iv), false);
  assert.equal(isSuspect(5301, undefined, 5000, 3, iv), true);
  // The time it was added does not matter once it has beaten.
  assert.equal(isSuspect(5301, 5200, 5000, 3, iv), false);
});

test('reconnect backoff doubles from 50 ms, is capped at 1 s and jittered within [step/2, step]', () => {
  const low = (a: number): number => backoffDelay(a, undefined, () => 0);
  const high = (a: number): number => backoffDelay(a, undefined, () => 0.999999);
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map(low), [25, 50, 100, 200, 400, 500, 500]);
  assert.deepEqual(
    [0, 1, 4, 5, 100].map((a) => Math.round(high(a))),
    [50, 100, 800, 1000, 1000],
  );
  for (let i = 0; i < 1000; i++) {
    const d = backoffDelay(i % 40);
    assert.ok(d >= 25 && d <= 1000, `delay ${d}`);
  }
});
