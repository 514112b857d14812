import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Semaphore } from './semaphore';

describe('Semaphore', () => {
  it('runs at most `limit` at once, all of them in the end, in FIFO order', async () => {
    const s = new Semaphore(3);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const jobs = [...Array(50).keys()].map((i) =>
      s.run(async () => {
        started.push(i);
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 1 + (i % 3)));
        running--;
        return i;
      }),
    );
    assert.deepEqual(await Promise.all(jobs), [...Array(50).keys()]);
    assert.equal(peak, 3);
    assert.deepEqual(started, [...Array(50).keys()]);
    assert.equal(s.inUse, 0);
    assert.equal(s.queued, 0);
  });

  it('frees the slot when a job throws', async () => {
    const s = new Semaphore(1);
    await assert.rejects(
      s.run(() => Promise.reject(new Error('txn failed'))),
      /txn failed/,
    );
    assert.equal(await s.run(() => Promise.resolve('next')), 'next');
    assert.equal(s.inUse, 0);
  });

  it('refuses a limit below 1', () => {
    assert.throws(() => new Semaphore(0), /≥ 1/);
  });

  it('tryEnter takes a free slot without waiting and refuses when none is free; leave gives it back', async () => {
    const s = new Semaphore(2);
    assert.equal(s.tryEnter(), true);
    assert.equal(s.tryEnter(), true);
    assert.equal(s.tryEnter(), false, 'both slots taken');
    let ran = false;
    const waiting = s.run(async () => {
      ran = true;
    });
    s.leave(); // the waiter gets the slot
    await waiting;
    assert.equal(ran, true);
    s.leave();
    assert.equal(s.inUse, 0);
  });
});
