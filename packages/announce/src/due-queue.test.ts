import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DueQueue } from './due-queue';

void describe('DueQueue', () => {
  void it('pops by due time, then by order, whatever the order of pushes', () => {
    const queue = new DueQueue<{ due: number; order: number }>();
    const items = Array.from({ length: 500 }, (_, order) => ({ due: (order * 7919) % 37, order }));
    for (const item of [...items].reverse()) queue.push(item);
    assert.equal(queue.size, 500);
    const popped = [];
    for (let item = queue.pop(); item; item = queue.pop()) popped.push(item);
    const expected = [...items].sort((a, b) => a.due - b.due || a.order - b.order);
    assert.deepEqual(popped, expected);
    assert.equal(queue.peek(), undefined);
  });
});
