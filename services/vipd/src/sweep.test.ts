import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Reconcilable, SWEEP_PER_TICK, Sweeper, yieldToNewer } from './sweep';

function controllers(n: number, holding?: (i: number) => string | undefined) {
  const counts = new Array<number>(n).fill(0);
  const map = new Map<string, Reconcilable>();
  for (let i = 0; i < n; i++) {
    map.set(`v${i}`, { holding: holding?.(i), reconcile: () => void counts[i]!++ });
  }
  return { map, counts };
}

describe('sweep', () => {
  it('up to SWEEP_PER_TICK controllers: every one on every tick', () => {
    const { map, counts } = controllers(SWEEP_PER_TICK);
    const s = new Sweeper(map);
    s.sweep();
    s.sweep();
    assert.ok(counts.every((c) => c === 2));
  });

  it('beyond that: SWEEP_PER_TICK a tick, in rounds, so each is reached within ceil(n / SWEEP_PER_TICK) ticks', () => {
    const n = 2000;
    const { map, counts } = controllers(n);
    const s = new Sweeper(map);
    s.sweep();
    assert.equal(
      counts.reduce((a, b) => a + b),
      SWEEP_PER_TICK,
    );
    assert.equal(counts.filter((c) => c === 1).length, SWEEP_PER_TICK, 'each of them once');
    for (let t = 1; t < n / SWEEP_PER_TICK; t++) s.sweep();
    assert.ok(
      counts.every((c) => c === 1),
      'five ticks: every controller once',
    );
  });

  it('the round wraps around when the count does not divide evenly', () => {
    const n = SWEEP_PER_TICK + 100;
    const { map, counts } = controllers(n);
    const s = new Sweeper(map);
    s.sweep();
    s.sweep();
    // 800 reconciles over 500 controllers: the first 300 twice, the rest once.
    assert.deepEqual(
      [counts.filter((c) => c === 2).length, counts.filter((c) => c === 1).length],
      [300, 200],
    );
    assert.equal(counts[0], 2);
    assert.equal(counts[n - 1], 1);
  });
});

describe('yield to newer', () => {
  it('reconciles a VIP held here when a peer holds it with a newer revision (compared as numbers)', () => {
    const { map, counts } = controllers(4, (i) => ['9', '10', undefined, '30'][i]);
    yieldToNewer(map, [
      { vip: 'v0', revision: '10' }, // 10 > 9 (not as strings: '10' < '9')
      { vip: 'v1', revision: '9' }, // ours is newer
      { vip: 'v2', revision: '50' }, // not held here
      { vip: 'v3', revision: '30' }, // the same revision
      { vip: 'gone', revision: '99' }, // no controller
    ]);
    assert.deepEqual(counts, [1, 0, 0, 0]);
  });
});
