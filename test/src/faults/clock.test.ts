/**
 * Fault 11: wall-clock jumps of ±1 h, injected (the machine's clock is never touched).
 * - A NodeSession against a local etcd keeps renewing while Date.now (and `new Date()`) jump
 *   +1 h and −1 h: no 'fenced' or 'lost' event, valid() stays true throughout.
 * - vipd's pure decide() uses only the `now` it is given: the same inputs give the same
 *   decision whatever the wall clock says.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { memoryLogger, monotonicClock } from '@vipd/log';
import { Keys, NodeSession } from '@vipd/store';
import { sleep } from '../harness/proc';
import { VIPD_DIR } from '../harness/paths';
import { nodeInfo, useStoreEtcd } from '../harness/store-etcd';

const HOUR = 3_600_000;

/** Shifts the process's wall clock (Date.now and `new Date()`) by offset ms; restore() undoes it. */
class WallClockShift {
  private readonly RealDate = globalThis.Date;
  private readonly realNow = Date.now.bind(Date);
  offset = 0;

  install(): void {
    const offset = (): number => this.offset;
    const RealDate = this.RealDate;
    const realNow = this.realNow;
    class ShiftedDate extends RealDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(realNow() + offset());
        else super(...(args as [string | number | Date]));
      }
      static override now(): number {
        return realNow() + offset();
      }
    }
    globalThis.Date = ShiftedDate as DateConstructor;
  }

  restore(): void {
    globalThis.Date = this.RealDate;
  }
}

describe('fault suite: wall-clock jumps', { concurrency: 1 }, () => {
  const env = useStoreEtcd();

  it('11a. a NodeSession keeps renewing across wall-clock jumps of +1 h and −1 h (no fence, no loss)', async () => {
    const log = memoryLogger();
    // vipd's defaults for TTL 3: renew every 750 ms, fence 750 ms before expiry, calls 1 s.
    const session = await NodeSession.open(
      env.client,
      new Keys(`clock${process.pid}`),
      nodeInfo('n1'),
      { ttlSeconds: 3, renewIntervalMs: 750, fenceMarginMs: 750, callTimeoutMs: 1000, clock: monotonicClock },
      log,
    );
    const shift = new WallClockShift();
    const events: string[] = [];
    let renewed = 0;
    session.on('renewed', () => renewed++);
    session.on('renewFailed', (err) => events.push(`renewFailed: ${err.message}`));
    session.on('fenced', () => events.push('fenced'));
    session.on('lost', (err) => events.push(`lost: ${err.message}`));
    let invalidSamples = 0;
    let minRemaining = Infinity;
    try {
      shift.install();
      // +1 h, back, −1 h, back, each held for longer than a renewal interval. Bounded: 5 steps.
      for (const offset of [HOUR, 0, -HOUR, HOUR, 0]) {
        shift.offset = offset;
        assert.ok(Math.abs(Date.now() - new shift['RealDate']().getTime() - offset) < 1000);
        for (let i = 0; i < 30; i++) {
          // 30 × 50 ms = 1.5 s per step: two renewals.
          if (!session.valid()) invalidSamples++;
          minRemaining = Math.min(minRemaining, session.remainingMs());
          await sleep(50);
        }
      }
    } finally {
      shift.restore();
      await session.close(true);
    }
    console.log(
      `# 11 clock jumps: ${renewed} renewals across ±1 h jumps, min time to fence ${Math.round(minRemaining)} ms, events: ${events.join('; ') || 'none'}`,
    );
    assert.equal(invalidSamples, 0, 'valid() stayed true');
    assert.deepEqual(
      events.filter((e) => e === 'fenced' || e.startsWith('lost')),
      [],
      'no fenced or lost event',
    );
    assert.ok(renewed >= 8, `the session renewed ${renewed} times in 7.5 s`);
  });

  it("11b. vipd's decide() uses only the `now` it is given", () => {
    // Loaded at run time from the built service (a test may not import another package's dist).
    type Decide = (input: Record<string, unknown>) => unknown;
    const { decide } = createRequire(__filename)(join(VIPD_DIR, 'dist', 'decide.js')) as {
      decide: Decide;
    };
    const now = 5_000; // monotonic ms: unrelated to the wall clock
    const ranked = [
      { name: 'n1', priority: 150 },
      { name: 'n2', priority: 100 },
    ];
    const base = {
      ranked,
      myLease: 'L2',
      sessionValid: true,
      preempt: true,
      preemptDelayMs: 2000,
      acquireStepMs: 300,
      now,
      vacantSince: undefined,
      betterSince: undefined,
    };
    const inputs: Record<string, Record<string, unknown>> = {
      'vacant, rank 1 waiting': { ...base, self: 'n2', leader: undefined, vacantSince: now - 100 },
      'vacant, rank 1 due': { ...base, self: 'n2', leader: undefined, vacantSince: now - 400 },
      'holding, better present, preempt delay running': {
        ...base,
        self: 'n2',
        leader: { node: 'n2', lease: 'L2', revision: '7' },
        betterSince: now - 1000,
      },
      'holding, preempt delay over': {
        ...base,
        self: 'n2',
        leader: { node: 'n2', lease: 'L2', revision: '7' },
        betterSince: now - 2500,
      },
      'held by another node': { ...base, self: 'n2', leader: { node: 'n1', lease: 'L1', revision: '5' } },
      'holding, session invalid': {
        ...base,
        self: 'n2',
        sessionValid: false,
        leader: { node: 'n2', lease: 'L2', revision: '7' },
      },
    };
    const shift = new WallClockShift();
    const at = (offset: number): Record<string, unknown> => {
      shift.offset = offset;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(inputs)) out[k] = decide(structuredClone(v));
      return out;
    };
    let plain: Record<string, unknown>;
    let plus: Record<string, unknown>;
    let minus: Record<string, unknown>;
    try {
      shift.install();
      plain = at(0);
      plus = at(HOUR);
      minus = at(-HOUR);
    } finally {
      shift.restore();
    }
    assert.deepEqual(plus, plain, 'Date.now + 1 h changes no decision');
    assert.deepEqual(minus, plain, 'Date.now − 1 h changes no decision');
    // And the inputs do matter (the test is not vacuous): the given `now` moves the decisions.
    assert.notDeepEqual(plain['vacant, rank 1 waiting'], plain['vacant, rank 1 due']);
    assert.notDeepEqual(
      plain['holding, better present, preempt delay running'],
      plain['holding, preempt delay over'],
    );
  });
});
