import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkLeaseTimings, KERNEL_LIFETIME_LATENESS_MS } from './lease';
import { validateVipdConfig } from './schema';
import { checkTimings, PROFILES, takeoverWaitMs } from './takeover';

const base = {
  node: { name: 'n1', listen: '198.51.100.11:7400' },
  etcd: { endpoints: ['http://198.51.100.2:2379'] },
};

/** The problems validateVipdConfig reports for the base config with `extra` merged in. */
function problems(extra: Record<string, unknown>): string[] {
  const res = validateVipdConfig({ ...base, ...extra });
  return 'problems' in res ? res.problems : [];
}

describe('start-up checks of the timing inequalities', () => {
  it('the defaults and both profiles pass every check', () => {
    assert.deepEqual(problems({}), []);
    assert.deepEqual(problems({ takeover: { profile: 'fast' } }), []);
    for (const [name, t] of Object.entries(PROFILES)) {
      assert.deepEqual(checkTimings(t, t.holderFenceMs / 2, takeoverWaitMs(t)), [], name);
    }
  });

  it('W ≥ Df + Λ + γ (fast-takeover (1)): refused with the values', () => {
    assert.deepEqual(checkTimings(PROFILES.default, 150, 449), [
      'W ≥ Df + Λ + γ does not hold: W = 449 ms < 300 + 100 + 50 = 450 ms',
    ]);
  });

  it('S ≥ Df (fast-takeover (2)): a faster heartbeat alone breaks it', () => {
    assert.deepEqual(problems({ heartbeat: { intervalMs: 50 } }), [
      "takeover: S ≥ Df does not hold (suspicion must not come before the holder's fence): S = 3 × 50 = 150 ms < Df = 300 ms",
    ]);
  });

  it('renewal without peers ≤ Df/2 (fast-takeover (3))', () => {
    assert.deepEqual(checkTimings({ ...PROFILES.default, holderFenceMs: 300 }, 151), [
      'renewal without peers ≤ Df/2 does not hold: 151 ms > 300/2 = 150 ms',
    ]);
    // From a config: the renewal interval has a 10 ms floor, so a 10 ms Df breaks it.
    const p = problems({ heartbeat: { intervalMs: 10 }, takeover: { holderFenceMs: 10 } });
    assert.ok(
      p.includes('takeover: renewal without peers ≤ Df/2 does not hold: 10 ms > 10/2 = 5 ms'),
      p.join('\n'),
    );
  });

  it('Df ≥ 2h', () => {
    assert.deepEqual(problems({ heartbeat: { intervalMs: 200, suspectAfterMisses: 2 } }), [
      'takeover: Df ≥ 2h does not hold (the holder fence must cover two heartbeats): Df = 300 ms < 2 × 200 ms',
    ]);
  });

  it('takeover checks are off with takeover.enabled: false', () => {
    assert.deepEqual(problems({ heartbeat: { intervalMs: 50 }, takeover: { enabled: false } }), []);
  });

  it('2r ≤ T − m (safety.md): one renewal may fail without fencing', () => {
    assert.deepEqual(problems({ lease: { ttlSeconds: 3, renewIntervalMs: 1200 } }), [
      'lease: 2r ≤ T − m does not hold: 2 × 1200 = 2400 ms > 3000 − 750 = 2250 ms (renewIntervalMs r, ttl T, fenceMarginMs m)',
    ]);
  });

  it('c < T − m (safety.md): a hanging etcd call cannot outlive the deadline', () => {
    assert.deepEqual(problems({ etcd: { ...base.etcd, callTimeoutMs: 2250 } }), [
      'etcd: c < T − m does not hold: callTimeoutMs c = 2250 ms ≥ 3000 − 750 = 2250 ms (ttl T, fenceMarginMs m)',
    ]);
  });

  it('valid_lft + kernel lateness ≤ T (safety.md): the VIP outlives a killed daemon by less than T', () => {
    const ok = {
      ttlMs: 3000,
      renewIntervalMs: 750,
      fenceMarginMs: 750,
      callTimeoutMs: 1000,
      addressLifetimeSec: 2,
    };
    assert.deepEqual(checkLeaseTimings(ok), []);
    assert.deepEqual(checkLeaseTimings({ ...ok, addressLifetimeSec: 3 }), [
      `lease: valid_lft + kernel lateness ≤ T does not hold: 3000 + ${KERNEL_LIFETIME_LATENESS_MS} = ${3000 + KERNEL_LIFETIME_LATENESS_MS} ms > T = 3000 ms`,
    ]);
  });

  it('several broken inequalities: each named, in one problem list', () => {
    const p = problems({ heartbeat: { intervalMs: 50 }, lease: { ttlSeconds: 3, renewIntervalMs: 1200 } });
    assert.equal(p.length, 2);
    assert.match(p.join('; '), /2r ≤ T − m.*; takeover: S ≥ Df/);
  });
});
