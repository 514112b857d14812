// Unit tests of input validation, the ownership mark and the argv given to `ip`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  VIPD_ADDR_METRIC,
  buildDeleteArgs,
  buildReplaceArgs,
  agentOptionTokens,
  defaultLabel,
  isOwned,
  normalizeKey,
} from './address-args';
import { InvalidArgumentError } from './errors';
import type { AddressInfo } from './parse';

const v4 = { ifname: 'eth0', address: '198.51.100.7', prefixLen: 24, family: 4, validLftSec: 10 } as const;
const v6 = { ifname: 'eth0', address: '2001:DB8:0::0:7', prefixLen: 64, family: 6, validLftSec: 10 } as const;

void describe('address options (IPaddr2)', () => {
  void it('become agent tokens and ip arguments; scope and broadcast are IPv4 only', () => {
    const o = { noPrefixRoute: true, scope: 253, broadcast: '198.51.100.255' };
    assert.deepEqual(agentOptionTokens({ ...v4, ...o }), [
      'noprefixroute',
      'scope=253',
      'brd=198.51.100.255',
    ]);
    assert.deepEqual(buildReplaceArgs({ ...v4, ...o, label: 'eth0:web' }, false).slice(-7), [
      ...['label', 'eth0:web', 'noprefixroute', 'scope', '253', 'broadcast', '198.51.100.255'],
    ]);
    assert.deepEqual(agentOptionTokens({ ...v4, scope: 0 }), [], 'global is the default: nothing sent');
    assert.deepEqual(agentOptionTokens({ ...v6, noPrefixRoute: true }), ['noprefixroute']);
    assert.throws(() => agentOptionTokens({ ...v6, scope: 253 }), InvalidArgumentError);
    assert.throws(() => agentOptionTokens({ ...v4, broadcast: '2001:db8::1' }), InvalidArgumentError);
  });
});

void describe('buildReplaceArgs', () => {
  void it('IPv4: lifetime, never preferred, metric mark, <ifname>:vip label', () => {
    assert.deepEqual(buildReplaceArgs(v4, false), [
      ...['address', 'replace', '198.51.100.7/24', 'dev', 'eth0'],
      ...['valid_lft', '10', 'preferred_lft', '0', 'metric', String(VIPD_ADDR_METRIC), 'label', 'eth0:vip'],
    ]);
  });

  void it('IPv6: canonical address, nodad, no label; proto when ip supports it', () => {
    assert.deepEqual(buildReplaceArgs({ ...v6, label: 'ignored' }, true), [
      ...['address', 'replace', '2001:db8::7/64', 'dev', 'eth0'],
      ...[
        'valid_lft',
        '10',
        'preferred_lft',
        '0',
        'metric',
        String(VIPD_ADDR_METRIC),
        'nodad',
        'proto',
        '0x76',
      ],
    ]);
  });

  void it('drops the label when <ifname>:vip does not fit in 15 characters', () => {
    assert.equal(defaultLabel('enp0s31f6'), 'enp0s31f6:vip');
    assert.equal(defaultLabel('enx0123456789'), undefined);
    assert.ok(!buildReplaceArgs({ ...v4, ifname: 'enx0123456789' }, false).includes('label'));
    assert.deepEqual(buildReplaceArgs({ ...v4, label: 'vip7' }, false).slice(-2), ['label', 'vip7']);
  });

  void it('refuses what must never reach the kernel', () => {
    const bad = [
      { ...v4, validLftSec: 0 },
      { ...v4, validLftSec: 0xffffffff },
      { ...v4, validLftSec: 1.5 },
      { ...v4, address: '2001:db8::1' },
      { ...v4, address: '010.1.2.3' },
      { ...v4, prefixLen: 33 },
      { ...v6, address: 'fe80::1%eth0' },
      { ...v6, prefixLen: -1 },
      { ...v4, ifname: 'eth0 label x' },
      { ...v4, ifname: 'a-very-long-name0' },
      { ...v4, ifname: '' },
      { ...v4, label: 'much-too-long-label' },
      { ...v4, family: 5 as 4 },
    ];
    for (const spec of bad) {
      assert.throws(() => buildReplaceArgs(spec, false), InvalidArgumentError, JSON.stringify(spec));
    }
  });
});

void describe('buildDeleteArgs / normalizeKey', () => {
  void it('deletes by canonical address, prefix and device', () => {
    assert.deepEqual(buildDeleteArgs(v6), ['address', 'del', '2001:db8::7/64', 'dev', 'eth0']);
    assert.equal(normalizeKey({ ...v6, address: '::FFFF:198.51.100.1' }).address, '::ffff:198.51.100.1');
  });
});

void describe('isOwned', () => {
  const base: AddressInfo = {
    ifname: 'eth0',
    ifindex: 2,
    address: '203.0.113.1',
    prefixLen: 24,
    family: 4,
    validLftSec: 'forever',
    preferredLftSec: 'forever',
    flags: [],
  };
  void it('recognises the metric mark, and the proto mark where ip shows it', () => {
    assert.equal(isOwned(base), false);
    assert.equal(isOwned({ ...base, metric: VIPD_ADDR_METRIC }), true);
    assert.equal(isOwned({ ...base, proto: 0x76 }), true);
    assert.equal(isOwned({ ...base, metric: 100, proto: 3 }), false);
    assert.equal(isOwned({ ...base, label: 'eth0:vip' }), false, 'a label alone proves nothing');
  });
});
