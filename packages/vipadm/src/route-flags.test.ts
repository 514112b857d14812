import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from './errors';
import { parseRouteFlag, parseRuleFlag, parseVmacFlag, routeText, ruleText } from './route-flags';

describe('--route, --rule and --vmac', () => {
  it('reads ip-style words and shows them back the same way', () => {
    const r = parseRouteFlag('203.0.113.0/24 via 198.51.100.1 dev e1 table 100 metric 5');
    assert.deepEqual(r, { to: '203.0.113.0/24', via: '198.51.100.1', dev: 'e1', table: 100, metric: 5 });
    assert.equal(routeText(r), '203.0.113.0/24 via 198.51.100.1 dev e1 table 100 metric 5');
    assert.deepEqual(parseRouteFlag('default via 198.51.100.1'), {
      to: 'default',
      via: '198.51.100.1',
      dev: '',
      table: 0,
      metric: 0,
    });
    assert.equal(
      routeText({ to: '203.0.113.0/24', via: '', dev: 'e0', table: 254, metric: 0 }),
      '203.0.113.0/24 dev e0',
    );
    const u = parseRuleFlag('from 198.51.100.100/32 table 100 priority 1000');
    assert.deepEqual(u, { from: '198.51.100.100/32', to: '', table: 100, priority: 1000 });
    assert.equal(ruleText(u), 'from 198.51.100.100/32 table 100 priority 1000');
    assert.equal(parseVmacFlag('51'), 51);
    assert.equal(parseVmacFlag('0'), 0);
  });

  it('refuses bad words and numbers with one line', () => {
    for (const f of [
      () => parseRouteFlag(''),
      () => parseRouteFlag('via 198.51.100.1'),
      () => parseRouteFlag('203.0.113.0/24 gw 198.51.100.1'),
      () => parseRouteFlag('203.0.113.0/24 via'),
      () => parseRouteFlag('203.0.113.0/24 table 0'),
      () => parseRouteFlag('203.0.113.0/24 table 4294967296'),
      () => parseRouteFlag('203.0.113.0/24 metric -1'),
      () => parseRouteFlag('203.0.113.0/24 dev e0 dev e1'),
      () => parseRuleFlag('table 100'),
      () => parseRuleFlag('from 198.51.100.100/32'),
      () => parseRuleFlag('from 198.51.100.100/32 table x'),
      () => parseVmacFlag('256'),
      () => parseVmacFlag('-1'),
      () => parseVmacFlag('a'),
    ]) {
      assert.throws(f, (e: unknown) => e instanceof UsageError && !e.message.includes('\n'));
    }
  });
});
