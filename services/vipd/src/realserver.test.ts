import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRealserverArgs } from './realserver';

describe('vipd realserver arguments', () => {
  it('takes one or more --vip addresses', () => {
    assert.deepEqual(parseRealserverArgs(['--vip', '198.51.100.100']), { vips: ['198.51.100.100'] });
    assert.deepEqual(parseRealserverArgs(['--vip=198.51.100.100', '--vip', '2001:db8::100']), {
      vips: ['198.51.100.100', '2001:db8::100'],
    });
  });
  it('refuses anything else with one line', () => {
    const problem = (argv: string[]) => (parseRealserverArgs(argv) as { problem: string }).problem;
    assert.equal(problem([]), 'give at least one --vip ADDR');
    assert.equal(problem(['--vip']), '--vip needs an address');
    assert.match(problem(['--vip', '198.51.100.100/24']), /is not an IP address \(no prefix\)/);
    assert.match(problem(['--vip', '198.51.100.100', '--vip', '198.51.100.100']), /given twice/);
    assert.match(problem(['--interface', 'lo']), /unknown argument "--interface"/);
  });
});
