import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decide, type DecideInput } from './decide';

const ranked = [
  { name: 'n1', priority: 150 },
  { name: 'n2', priority: 100 },
];

function input(over: Partial<DecideInput>): DecideInput {
  return {
    self: 'n2',
    leader: undefined,
    myLease: 'L2',
    sessionValid: true,
    ranked,
    preempt: true,
    preemptDelayMs: 0,
    acquireStepMs: 300,
    now: 10_000,
    vacantSince: 10_000,
    betterSince: undefined,
    ...over,
  };
}

describe('decide', () => {
  it('the best candidate takes a vacant VIP at once', () => {
    assert.deepEqual(decide(input({ self: 'n1', myLease: 'L1' })), { kind: 'acquire', rank: 0 });
  });

  it('a lower-ranked candidate waits rank × step, then takes it', () => {
    const d = decide(input({}));
    assert.equal(d.kind, 'wait');
    assert.equal(d.kind === 'wait' && d.untilMs, 10_300);
    assert.deepEqual(decide(input({ now: 10_300 })), { kind: 'acquire', rank: 1 });
  });

  it('never acquires without a valid session', () => {
    assert.deepEqual(decide(input({ self: 'n1', sessionValid: false })), {
      kind: 'idle',
      reason: { class: 'no_session', text: 'no live etcd session' },
    });
  });

  it('an ineligible node stays idle', () => {
    assert.deepEqual(decide(input({ self: 'n3' })), {
      kind: 'idle',
      reason: { class: 'not_eligible', text: 'not eligible' },
    });
  });

  it('follows a holder', () => {
    const d = decide(input({ leader: { node: 'n1', lease: 'L1', revision: '7' } }));
    assert.deepEqual(d, { kind: 'follow', holder: 'n1', revision: '7' });
  });

  it('holds what it holds', () => {
    const d = decide(
      input({ self: 'n1', myLease: 'L1', leader: { node: 'n1', lease: 'L1', revision: '7' } }),
    );
    assert.deepEqual(d, { kind: 'hold', revision: '7' });
  });

  it('drops locally when its lease deadline passed (fenced)', () => {
    const d = decide(
      input({
        self: 'n1',
        myLease: 'L1',
        sessionValid: false,
        leader: { node: 'n1', lease: 'L1', revision: '7' },
      }),
    );
    assert.deepEqual(d, { kind: 'fenced', revision: '7' });
  });

  it('releases when no longer eligible', () => {
    const d = decide(input({ ranked: [ranked[0]!], leader: { node: 'n2', lease: 'L2', revision: '9' } }));
    assert.deepEqual(d, {
      kind: 'release',
      revision: '9',
      reason: { class: 'not_eligible', text: 'this node is no longer eligible' },
    });
  });

  it('preempts for a better node after the delay, not before', () => {
    const held = { leader: { node: 'n2', lease: 'L2', revision: '9' }, preemptDelayMs: 1000 };
    assert.equal(decide(input({ ...held, betterSince: 9_500 })).kind, 'hold');
    const d = decide(input({ ...held, betterSince: 9_000 }));
    assert.equal(d.kind, 'release');
    assert.deepEqual(d.kind === 'release' ? d.reason : undefined, {
      class: 'preempted',
      text: 'preempted by n1',
    });
  });

  it('does not preempt when preempt is false', () => {
    const d = decide(
      input({ preempt: false, leader: { node: 'n2', lease: 'L2', revision: '9' }, betterSince: 0 }),
    );
    assert.equal(d.kind, 'hold');
  });

  it('hands a VIP to the node it is pinned to at once, even without preempt', () => {
    const pinnedRank = [ranked[1]!, ranked[0]!];
    const held = { self: 'n1', myLease: 'L1', leader: { node: 'n1', lease: 'L1', revision: '4' } };
    const d = decide(
      input({ ...held, ranked: pinnedRank, pinned: 'n2', preempt: false, preemptDelayMs: 60_000 }),
    );
    assert.equal(d.kind, 'release');
    assert.deepEqual(d.kind === 'release' ? d.reason : undefined, {
      class: 'moved',
      text: 'moved to n2 by an operator',
    });
    // The pinned holder keeps it although n1 has the higher priority.
    const d2 = decide(
      input({
        ranked: pinnedRank,
        pinned: 'n2',
        leader: { node: 'n2', lease: 'L2', revision: '5' },
        betterSince: 0,
      }),
    );
    assert.equal(d2.kind, 'hold');
  });

  it('after a takeover: nobody acquires before W ends, and ranks count from then', () => {
    const base = { vacantSince: 10_000, notBefore: 10_450 };
    const early = decide(input({ self: 'n1', myLease: 'L1', ...base, now: 10_200 }));
    assert.deepEqual(early, {
      kind: 'wait',
      untilMs: 10_450,
      reason: 'taken over from a silent holder: waiting W',
    });
    assert.deepEqual(decide(input({ self: 'n1', myLease: 'L1', ...base, now: 10_450 })), {
      kind: 'acquire',
      rank: 0,
    });
    // Rank 1 would be due at 10_300 counted from the vacancy; it must wait until 10_450 + 300.
    const second = decide(input({ ...base, now: 10_460 }));
    assert.equal(second.kind, 'wait');
    assert.equal(second.kind === 'wait' && second.untilMs, 10_750);
  });

  it('clears its own leader key left by an earlier lease', () => {
    const d = decide(input({ leader: { node: 'n2', lease: 'OLD', revision: '3' } }));
    assert.deepEqual(d, { kind: 'clear-stale', revision: '3' });
  });
});
