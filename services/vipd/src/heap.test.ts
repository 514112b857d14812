import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { limitHeapGrowth } from './heap';

// What the setting does to RSS is measured by bench:scale (docs/scale.md), not here.
describe('heap growth limit', () => {
  it('sets --heap-growing-percent=50 when node was given none', () => {
    const set: string[] = [];
    assert.equal(
      limitHeapGrowth(['--max-semi-space-size=4'], (f) => set.push(f)),
      true,
    );
    assert.deepEqual(set, ['--heap-growing-percent=50']);
  });

  it('keeps an operator-given --heap-growing-percent (either spelling) and sets nothing', () => {
    const set: string[] = [];
    assert.equal(
      limitHeapGrowth(['--heap-growing-percent=80'], (f) => set.push(f)),
      false,
    );
    assert.equal(
      limitHeapGrowth(['--heap_growing_percent', '80'], (f) => set.push(f)),
      false,
    );
    assert.deepEqual(set, []);
  });
});
