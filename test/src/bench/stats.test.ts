import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { max, median, p95, quantile, summarize } from './stats';

describe('bench stats', () => {
  it('median of odd and even counts, unsorted input, empty', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([7]), 7);
    assert.equal(median([]), undefined);
  });

  it('p95 by nearest rank', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => i + 1);
    assert.equal(p95(twenty), 19);
    assert.equal(p95([1, 2, 3]), 3, 'with few values p95 is the maximum');
    assert.equal(p95([]), undefined);
    assert.equal(quantile([5, 1, 9], 0), 1);
    assert.equal(quantile([5, 1, 9], 0.5), 5);
    assert.throws(() => quantile([1], 2), RangeError);
  });

  it('max and summarize do not reorder the input', () => {
    const v = [30, 10, 20];
    assert.deepEqual(summarize(v), { n: 3, median: 20, p95: 30, max: 30 });
    assert.deepEqual(v, [30, 10, 20]);
    assert.equal(max([]), undefined);
    assert.deepEqual(summarize([]), { n: 0, median: undefined, p95: undefined, max: undefined });
  });
});
