// Unit tests of the leftovers parsers, on `ip -json` output captured on this machine (Debian 12,
// iproute2 6.1, kernel 6.18) in a throwaway namespace, 2026-12-07.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseOwnedRoutes, parseOwnedRules, parseVmacLinks } from './leftovers';

// `ip -4 -json route show table all proto 0x76`: a route in table 100 with a metric, a default
// route in table 101, a host route in main (no "table" key, no "/32").
const ROUTES4 =
  '[{"dst":"203.0.113.0/24","gateway":"198.51.100.9","dev":"d0","table":"100","metric":5,"flags":[]},{"dst":"default","gateway":"198.51.100.9","dev":"d0","table":"101","flags":[]},{"dst":"203.0.113.7","dev":"d0","scope":"link","flags":[]}]';
// `ip -6 -json route show table all proto 0x76`: IPv6 metric 0 is stored as 1024.
const ROUTES6 =
  '[{"dst":"2001:db8:5::/48","gateway":"2001:db8::9","dev":"d0","table":"100","metric":1024,"flags":[],"pref":"medium"},{"dst":"2001:db8:6::/48","dev":"d0","metric":7,"flags":[],"pref":"medium"}]';
// `ip -4 -json rule show` / `ip -6 -json rule show` with one rule of vipd's each.
const RULES4 =
  '[{"priority":0,"src":"all","table":"local"},{"priority":1000,"src":"198.51.100.5","table":"100","protocol":"118"},{"priority":1001,"src":"198.51.100.0","srclen":24,"table":"100","protocol":"static"},{"priority":32766,"src":"all","table":"main"},{"priority":32767,"src":"all","table":"default"}]';
const RULES6 =
  '[{"priority":0,"src":"all","table":"local"},{"priority":32765,"src":"all","dst":"2001:db8:7::","dstlen":48,"table":"100","protocol":"118"},{"priority":32766,"src":"all","table":"main"}]';
// `ip -json -details link show type macvlan`, trimmed: vipd's vmac4.5, a macvlan called vmac4.9
// whose MAC is not the virtual one, and keepalived's vrrp.5.
const MACVLANS =
  '[{"ifindex":4,"link":"v0","ifname":"vmac4.5","address":"00:00:5e:00:01:05","linkinfo":{"info_kind":"macvlan","info_data":{"mode":"private"}}},{"ifindex":5,"link":"v0","ifname":"vmac4.9","address":"02:00:00:00:00:09","linkinfo":{"info_kind":"macvlan"}},{"ifindex":6,"link":"v0","ifname":"vrrp.5","address":"00:00:5e:00:01:05","linkinfo":{"info_kind":"macvlan"}},{"ifindex":7,"link":"v0","ifname":"vmac6.52","address":"00:00:5e:00:02:34","linkinfo":{"info_kind":"macvlan"}}]';

describe('leftovers of an earlier run', () => {
  it('reads routes back as the agent removes them: host and default prefixes, main table, metric', () => {
    assert.deepEqual(parseOwnedRoutes(ROUTES4, 4), [
      { family: 4, to: '203.0.113.0/24', dev: 'd0', via: '198.51.100.9', table: 100, metric: 5 },
      { family: 4, to: '0.0.0.0/0', dev: 'd0', via: '198.51.100.9', table: 101, metric: 0 },
      { family: 4, to: '203.0.113.7/32', dev: 'd0', table: 254, metric: 0 },
    ]);
    assert.deepEqual(parseOwnedRoutes(ROUTES6, 6), [
      { family: 6, to: '2001:db8:5::/48', dev: 'd0', via: '2001:db8::9', table: 100, metric: 1024 },
      { family: 6, to: '2001:db8:6::/48', dev: 'd0', table: 254, metric: 7 },
    ]);
    assert.deepEqual(parseOwnedRoutes('', 4), []);
  });

  it("takes only rules of vipd's protocol", () => {
    assert.deepEqual(parseOwnedRules(RULES4, 4), [
      { family: 4, from: '198.51.100.5/32', table: 100, priority: 1000 },
    ]);
    assert.deepEqual(parseOwnedRules(RULES6, 6), [
      { family: 6, to: '2001:db8:7::/48', table: 100, priority: 32765 },
    ]);
  });

  it("takes only macvlans whose name and MAC are both a virtual MAC's", () => {
    assert.deepEqual(parseVmacLinks(MACVLANS), [
      { name: 'vmac4.5', parent: 'v0', mac: '00:00:5e:00:01:05' },
      { name: 'vmac6.52', parent: 'v0', mac: '00:00:5e:00:02:34' },
    ]);
  });
});
