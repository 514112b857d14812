import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summarizeLoad } from './load-summary';

describe('summarizeLoad', () => {
  it('leaves out the warm-up and counts only answers as throughput', () => {
    const s = summarizeLoad(
      [
        { start: 0, end: 400, body: 'b1' }, // warm-up: slow first request
        { start: 400, end: 401, body: 'b1' }, // warm-up
        { start: 1000, end: 1010, body: 'b1' },
        { start: 1010, end: 1030, body: 'b2' },
        { start: 1030, end: 1530, error: 'timeout' },
        { start: 1500, end: 2000, body: 'b3' },
      ],
      2,
    );
    assert.equal(s.measured, 4);
    assert.equal(s.answered, 3);
    assert.equal(s.failed, 1);
    assert.equal(s.windowMs, 1000); // 1000 .. 2000
    assert.equal(s.rps, 3);
    assert.equal(s.p50, 20); // latencies 10, 20, 500
    assert.equal(s.p99, 500);
  });

  it('sorts by start before leaving out the warm-up', () => {
    const s = summarizeLoad(
      [
        { start: 100, end: 110, body: 'x' },
        { start: 0, end: 1000, body: 'x' },
      ],
      1,
    );
    assert.equal(s.measured, 1);
    assert.equal(s.p99, 10);
  });

  it('gives zeros, not NaN, when nothing is left', () => {
    assert.deepEqual(summarizeLoad([], 0), {
      measured: 0,
      answered: 0,
      failed: 0,
      windowMs: 0,
      rps: 0,
      p50: 0,
      p99: 0,
    });
  });
});
