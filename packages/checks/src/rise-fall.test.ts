import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { INITIAL_COUNTERS, isUp, nextCounters, type Counters } from './rise-fall';

function run(results: boolean[], rise: number, fall: number): string[] {
  let counters: Counters = INITIAL_COUNTERS;
  return results.map((ok) => {
    counters = nextCounters(counters, ok, rise, fall);
    return counters.state;
  });
}

describe('rise and fall', () => {
  it('stays unknown until rise successes or fall failures in a row', () => {
    assert.deepEqual(run([true, false, true, false], 2, 2), ['unknown', 'unknown', 'unknown', 'unknown']);
    assert.deepEqual(run([true, true], 2, 3), ['unknown', 'up']);
    assert.deepEqual(run([false, false, false], 2, 3), ['unknown', 'unknown', 'down']);
  });

  it('goes down only after fall failures in a row, and up again after rise successes', () => {
    const states = run([true, true, false, false, true, false, false, false, true, true, true], 3, 3);
    assert.deepEqual(states, [
      'unknown',
      'unknown',
      'unknown',
      'unknown',
      'unknown',
      'unknown',
      'unknown',
      'down',
      'down',
      'down',
      'up',
    ]);
    assert.deepEqual(run([true, false, true, false, false], 1, 2), ['up', 'up', 'up', 'up', 'down']);
  });

  it('rise 1 / fall 1 follows every result', () => {
    assert.deepEqual(run([true, false, true], 1, 1), ['up', 'down', 'up']);
  });

  it('counts unknown as not up', () => {
    assert.equal(isUp('unknown'), false);
    assert.equal(isUp('down'), false);
    assert.equal(isUp('up'), true);
  });
});
