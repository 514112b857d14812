import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidArgumentError } from './errors';
import { describeRoute, describeRule, routeArgs, ruleArgs } from './route-args';

void describe('route and rule arguments of the kernel agent', () => {
  void it('renders routes: dev and via as given, "-" when absent, main table and metric 0 by default', () => {
    assert.equal(
      routeArgs({ family: 4, to: '203.0.113.0/24', via: '198.51.100.1' }),
      '203.0.113.0/24 - 198.51.100.1 254 0',
    );
    assert.equal(
      routeArgs({ family: 6, to: '2001:db8:1::/48', dev: 'e0', table: 100, metric: 5 }),
      '2001:db8:1::/48 e0 - 100 5',
    );
    assert.equal(
      describeRoute({ family: 4, to: '203.0.113.0/24', via: '198.51.100.1', dev: 'e0', table: 7, metric: 3 }),
      '203.0.113.0/24 via 198.51.100.1 dev e0 table 7 metric 3',
    );
  });

  void it('renders rules: "-" for an absent side, priority 0 for the kernel to pick', () => {
    assert.equal(ruleArgs({ family: 4, from: '198.51.100.10/32', table: 100 }), '198.51.100.10/32 - 100 0');
    assert.equal(
      ruleArgs({ family: 6, to: '2001:db8::/64', table: 9, priority: 100 }),
      '- 2001:db8::/64 9 100',
    );
    assert.equal(
      describeRule({ family: 4, from: '198.51.100.10/32', table: 100, priority: 5 }),
      '5: from 198.51.100.10/32 lookup 100',
    );
  });

  void it('refuses malformed prefixes, a wrong family, out-of-range numbers, and empty routes and rules', () => {
    const bad = [
      () => routeArgs({ family: 4, to: '203.0.113.0', via: '198.51.100.1' }),
      () => routeArgs({ family: 4, to: '203.0.113.0/33', via: '198.51.100.1' }),
      () => routeArgs({ family: 4, to: '2001:db8::/64', via: '198.51.100.1' }),
      () => routeArgs({ family: 4, to: '203.0.113.0/24', via: '2001:db8::1' }),
      () => routeArgs({ family: 4, to: '203.0.113.0/24' }),
      () => routeArgs({ family: 4, to: '203.0.113.0/24', dev: 'e0', table: 0 }),
      () => routeArgs({ family: 4, to: '203.0.113.0/24', dev: 'e0', metric: 2 ** 32 }),
      () => routeArgs({ family: 4, to: '203.0.113.0/24', dev: 'bad dev' }),
      () => ruleArgs({ family: 4, table: 100 }),
      () => ruleArgs({ family: 4, from: '198.51.100.10/32', table: 1.5 }),
      () => ruleArgs({ family: 6, from: '198.51.100.10/32', table: 100 }),
    ];
    for (const f of bad) assert.throws(f, InvalidArgumentError);
  });
});
