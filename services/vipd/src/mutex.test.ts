import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Mutex } from './mutex';

void describe('Mutex', () => {
  void it('runs holders one at a time, in order, and says when nobody holds or waits', async () => {
    const m = new Mutex();
    const order: string[] = [];
    assert.equal(m.idle, true);
    const release = await m.acquire();
    const a = m.run(async () => void order.push('a'));
    const b = m.run(async () => void order.push('b'));
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(order, []); // held: both wait
    assert.equal(m.idle, false);
    release();
    release(); // a second release changes nothing
    await Promise.all([a, b]);
    assert.deepEqual(order, ['a', 'b']);
    assert.equal(m.idle, true);
    await assert.rejects(
      m.run(async () => Promise.reject(new Error('boom'))),
      /boom/,
    );
    assert.equal(m.idle, true); // a failing holder still releases
  });
});
