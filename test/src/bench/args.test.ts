import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFailoverArgs } from './args';

describe('bench:failover arguments', () => {
  it('defaults: 10 trials, every system and fault, 10 s stale bound', () => {
    const a = parseFailoverArgs([]);
    assert.equal(a.trials, 10);
    assert.deepEqual(a.systems, ['vipd-default', 'vipd-fast', 'keepalived-1', 'keepalived-0.1']);
    assert.deepEqual(a.faults, ['link-cut', 'sigterm', 'sigkill']);
    assert.equal(a.staleBoundMs, 10_000);
    assert.equal(a.outDir, undefined);
  });

  it('flags, --flag=value, and the environment', () => {
    assert.equal(parseFailoverArgs(['--trials', '3']).trials, 3);
    assert.equal(parseFailoverArgs(['--trials=4']).trials, 4);
    assert.equal(parseFailoverArgs([], { VIPD_BENCH_TRIALS: '5' }).trials, 5);
    assert.equal(parseFailoverArgs(['--trials', '2'], { VIPD_BENCH_TRIALS: '5' }).trials, 2, 'flag wins');
    const a = parseFailoverArgs([
      '--systems',
      'keepalived-1,vipd-fast',
      '--faults=sigkill',
      '--out',
      '/tmp/x',
    ]);
    assert.deepEqual(a.systems, ['keepalived-1', 'vipd-fast']);
    assert.deepEqual(a.faults, ['sigkill']);
    assert.equal(a.outDir, '/tmp/x');
    assert.equal(parseFailoverArgs(['--help']).help, true);
  });

  it('rejects bad values and unknown arguments', () => {
    assert.throws(() => parseFailoverArgs(['--trials', '0']), /--trials/);
    assert.throws(() => parseFailoverArgs(['--trials', 'x']), /--trials/);
    assert.throws(() => parseFailoverArgs(['--trials']), /--trials/);
    assert.throws(() => parseFailoverArgs(['--systems', 'vrrpd']), /unknown "vrrpd"/);
    assert.throws(() => parseFailoverArgs(['--bogus']), /unknown argument/);
    assert.throws(() => parseFailoverArgs([], { VIPD_BENCH_TRIALS: '-1' }), /VIPD_BENCH_TRIALS/);
  });
});
