// One VIP's failsafe state: kept while the guard allows, carried over a lost lease only when it was
// kept, and for as long as the decisions are those of a new session still taking the key again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryLogger } from '@vipd/log';
import { FailsafeKeep } from './failsafe-keep';

function setUp() {
  const guard = { until: 5000 };
  const log = memoryLogger();
  const keep = new FailsafeKeep({
    vip: 'web',
    self: 'n1',
    standing: { failsafeUntil: () => guard.until },
    log,
  });
  const lines = (msg: string): number => log.lines.filter((l) => l.msg === msg).length;
  return { keep, guard, lines };
}

describe('FailsafeKeep', () => {
  it('keeps a VIP only while it is held under a failsafe spec, until the guard says', () => {
    const { keep, guard } = setUp();
    assert.equal(keep.until(false), -Infinity);
    assert.equal(keep.until(true), 5000);
    guard.until = 6000;
    assert.equal(keep.until(true), 6000);
  });

  it('logs failsafe once as it starts and once as it ends', () => {
    const { keep, lines } = setUp();
    keep.keep(5000, '12');
    keep.keep(5000, '12');
    assert.equal(keep.active, true);
    keep.set(false, '12');
    keep.set(false, '12');
    assert.equal(keep.active, false);
    assert.equal(
      lines('failsafe: etcd unreachable for everyone; keeping the VIP while all peers confirm'),
      1,
    );
    assert.equal(lines('failsafe ended'), 1);
  });

  it('carries a lost lease only for a VIP kept under failsafe, until its deadline', () => {
    const { keep, guard } = setUp();
    assert.equal(keep.carryOver('12', true, 1000), undefined, 'not kept: dropped');
    keep.keep(5000, '12');
    guard.until = -Infinity; // the guard no longer confirms, but the last kept deadline stands
    assert.equal(keep.carryOver('12', true, 1000), 4000);
    assert.equal(keep.carriedUntil, 5000);
    assert.equal(keep.until(true), 5000, 'the carry counts as failsafe time');
    assert.equal(keep.carryOver('12', true, 5000), undefined, 'past the deadline: dropped');
  });

  it('keeps carrying while a new session takes the vacant key again, and no longer', () => {
    const { keep, guard, lines } = setUp();
    keep.keep(5000, '12');
    keep.carryOver('12', true, 1000);
    assert.equal(keep.keepCarried({ kind: 'acquire', rank: 0 }, 1100, '12'), true);
    assert.equal(keep.keepCarried({ kind: 'follow', holder: 'n1', revision: '12' }, 1200, '12'), true);
    guard.until = 7000; // the peers still confirm: the carry is extended
    assert.equal(
      keep.keepCarried({ kind: 'idle', reason: { class: 'no_session', text: 'x' } }, 1300, '12'),
      true,
    );
    assert.equal(keep.carriedUntil, 7000);
    assert.equal(keep.keepCarried({ kind: 'acquire', rank: 0 }, 7000, '12'), false, 'its deadline passed');
    assert.equal(keep.carriedUntil, -Infinity);
    assert.equal(lines('failsafe carry-over ended before the key was taken again'), 1);
  });

  it('ends the carry at once when another node holds the key, or the address is not the one carried', () => {
    const { keep } = setUp();
    keep.keep(5000, '12');
    keep.carryOver('12', true, 1000);
    assert.equal(keep.keepCarried({ kind: 'follow', holder: 'n2', revision: '13' }, 1100, '12'), false);
    assert.equal(keep.carriedUntil, -Infinity);
    keep.carryOver('12', true, 1000);
    assert.equal(keep.keepCarried({ kind: 'acquire', rank: 0 }, 1100, undefined), false, 'dropped meanwhile');
    assert.equal(keep.carriedUntil, -Infinity);
  });
});
