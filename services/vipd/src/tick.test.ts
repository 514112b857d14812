import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { memoryLogger } from '@vipd/log';
import { Tick } from './tick';

describe('tick', () => {
  it('every interval: the stall check first, then the work; a failure is logged and the next tick runs again', async () => {
    mock.timers.enable({ apis: ['setInterval'] });
    try {
      const log = memoryLogger();
      const calls: string[] = [];
      let n = 0;
      const tick = new Tick({
        intervalMs: 1000,
        log,
        stall: {
          enable: () => void calls.push('enable'),
          disable: () => void calls.push('disable'),
          check: (vips) => void calls.push(`check ${vips}`),
        },
        vips: () => 7,
        work: () => {
          calls.push('work');
          return ++n === 1 ? Promise.reject(new Error('readiness: boom')) : Promise.resolve();
        },
      });
      tick.start();
      assert.deepEqual(calls, ['enable']);
      mock.timers.tick(999);
      assert.deepEqual(calls, ['enable'], 'nothing before the interval');
      mock.timers.tick(1);
      await new Promise((r) => setImmediate(r));
      mock.timers.tick(1000);
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(calls, ['enable', 'check 7', 'work', 'check 7', 'work']);
      assert.deepEqual(
        log.lines.map((l) => [l.level, l.msg, l.fields.err]),
        [['warn', 'periodic check failed', 'readiness: boom']],
      );
      tick.stop();
      mock.timers.tick(5000);
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(calls.slice(5), ['disable'], 'stopped: no more ticks');
    } finally {
      mock.timers.reset();
    }
  });
});
