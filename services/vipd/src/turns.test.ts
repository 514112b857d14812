import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Turns } from './turns';

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

void describe('Turns', () => {
  void it('runs every job in order, a slice per turn, and lets timers and I/O run in between', async () => {
    const turns = new Turns(5);
    const order: number[] = [];
    let timerFiredAfter = -1;
    setTimeout(() => (timerFiredAfter = order.length), 0);
    const jobs = Array.from({ length: 200 }, (_, i) =>
      turns.run(async () => {
        busy(0.5); // 200 × 0.5 ms: 100 ms of work in one go would stall everything
        order.push(i);
      }),
    );
    await Promise.all(jobs);
    assert.deepEqual(
      order,
      Array.from({ length: 200 }, (_, i) => i),
    );
    assert.ok(turns.turns >= 10, `${turns.turns} turns`);
    assert.ok(timerFiredAfter >= 0 && timerFiredAfter < 200, `timer ran after ${timerFiredAfter} jobs`);
    assert.equal(turns.pending, 0);
  });

  void it('passes on a job failure to its caller only', async () => {
    const turns = new Turns();
    const bad = turns.run(async () => Promise.reject(new Error('boom')));
    const good = turns.run(async () => undefined);
    await assert.rejects(bad, /boom/);
    await good;
  });
});
