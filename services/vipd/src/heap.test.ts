import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { limitHeapGrowth } from './heap';

describe('heap growth limit', () => {
  it('keeps an operator-given --heap-growing-percent', () => {
    assert.equal(limitHeapGrowth(['--heap-growing-percent=80']), false);
    assert.equal(limitHeapGrowth(['--heap_growing_percent', '80']), false);
  });
});
