import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryLogger } from '@vipd/log';
import { type LoopDelay, STALL_WARN_MS, StallMonitor, stallWarnMs } from './stall-monitor';

/** A histogram whose max and mean (nanoseconds, as node's) the test sets. */
function fakeDelay() {
  const d = { max: 0, mean: 0, resets: 0, enabled: false };
  const histogram = {
    get max() {
      return d.max;
    },
    get mean() {
      return d.mean;
    },
    reset: () => void d.resets++,
    enable: () => !d.enabled && (d.enabled = true),
    disable: () => d.enabled && !(d.enabled = false),
  } as unknown as LoopDelay;
  return { d, histogram };
}

describe('stall monitor', () => {
  it('warns above 150 ms, or above half of a shorter holder fence deadline', () => {
    assert.equal(stallWarnMs(300), 150);
    assert.equal(stallWarnMs(1000), 150);
    assert.equal(stallWarnMs(60), 30);
    const log = memoryLogger();
    const { d, histogram } = fakeDelay();
    const m = new StallMonitor(log, histogram, stallWarnMs(60));
    d.max = 31e6;
    m.check(1);
    assert.equal(log.lines.length, 1);
  });

  it('logs a delay over STALL_WARN_MS with the VIP count, in ms; quieter delays say nothing', () => {
    const log = memoryLogger();
    const { d, histogram } = fakeDelay();
    const m = new StallMonitor(log, histogram);
    d.max = STALL_WARN_MS * 1e6; // at the threshold: not a stall
    d.mean = 20e6;
    m.check(3);
    assert.deepEqual(log.lines, []);
    d.max = 412.6e6;
    d.mean = 31.2e6;
    m.check(2000);
    assert.deepEqual(log.lines, [
      {
        level: 'warn',
        msg: 'event loop stalled: heartbeats and renewals were late',
        fields: { maxMs: 413, meanMs: 31, vips: 2000 },
      },
    ]);
    assert.equal(d.resets, 2, 'every check starts the window over');
  });

  it('watches the real event loop: a 300 ms block is reported', async () => {
    const log = memoryLogger();
    const m = new StallMonitor(log);
    m.enable();
    await new Promise((r) => setTimeout(r, 30));
    const until = performance.now() + 300;
    while (performance.now() < until) {
      // block the loop
    }
    await new Promise((r) => setTimeout(r, 30));
    m.check(1);
    m.disable();
    const line = log.lines[0];
    assert.equal(line?.msg, 'event loop stalled: heartbeats and renewals were late');
    assert.ok(Number(line.fields.maxMs) >= 250, `maxMs ${String(line.fields.maxMs)}`);
  });
});
