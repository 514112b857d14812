import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidPoolSpecError } from './errors';
import { Keys } from './keys';
import {
  createPoolTxn,
  deletePoolTxn,
  lowestFree,
  parsePoolSpec,
  parsePoolSpecJson,
  parseRange,
  poolContains,
  poolSize,
  serializePoolSpec,
} from './pool-spec';

const pool = (addresses: string[], extra: Record<string, unknown> = {}) =>
  parsePoolSpec({ name: 'public', addresses, ...extra });

function refused(value: unknown, pattern: RegExp): void {
  assert.throws(
    () => parsePoolSpec(value),
    (err: unknown) => {
      assert.ok(err instanceof InvalidPoolSpecError, String(err));
      assert.doesNotMatch(err.message, /\n/);
      assert.match(err.message, pattern);
      return true;
    },
  );
}

describe('address pools', () => {
  it('a CIDR skips IPv4 network and broadcast, IPv6 subnet-router anycast; a range is inclusive', () => {
    const r = parseRange('198.51.100.16/30');
    assert.ok(!('problem' in r));
    assert.deepEqual([r.first & 0xffn, r.last & 0xffn], [17n, 18n]);
    const p31 = parseRange('198.51.100.16/31');
    assert.ok(!('problem' in p31));
    assert.equal(p31.last - p31.first + 1n, 2n);
    assert.equal(poolSize(pool(['198.51.100.40-198.51.100.49'])), 10n);
    assert.equal(poolSize(pool(['2001:db8::/120'])), 255n);
    assert.equal(poolSize(pool(['2001:db8::/64'])), 2n ** 64n - 1n);
    assert.equal(poolSize(pool(['198.51.100.7/32', '2001:db8::5-2001:db8::6'])), 3n);
  });

  it('the lowest free address: IPv4 first, gaps reused, any VIP counts as used, full is undefined', () => {
    const p = pool(['2001:db8::10-2001:db8::11', '198.51.100.20-198.51.100.22', '198.51.100.10/31'], {
      vipPrefix4: 24,
      vipPrefix6: 64,
    });
    assert.deepEqual(lowestFree(p, []), { address: '198.51.100.10', prefixLen: 24 });
    assert.deepEqual(lowestFree(p, ['198.51.100.10', '198.51.100.21', '203.0.113.1']), {
      address: '198.51.100.11',
      prefixLen: 24,
    });
    const v4 = ['198.51.100.10', '198.51.100.11', '198.51.100.20', '198.51.100.21', '198.51.100.22'];
    assert.deepEqual(lowestFree(p, v4), { address: '2001:db8::10', prefixLen: 64 });
    assert.deepEqual(lowestFree(p, [], 6), { address: '2001:db8::10', prefixLen: 64 });
    assert.equal(lowestFree(p, [...v4, '2001:db8::10', '2001:db8:0::11']), undefined);
    assert.equal(lowestFree(p, v4, 4), undefined);
    assert.ok(poolContains(p, '198.51.100.21'));
    assert.ok(!poolContains(p, '198.51.100.23'));
    assert.deepEqual(lowestFree(pool(['2001:db8::/64']), []), { address: '2001:db8::1', prefixLen: 128 });
  });

  it('refuses bad input with one line naming it', () => {
    refused({ name: 'p', addresses: ['198.51.100.0/33'] }, /"198\.51\.100\.0\/33" is not a CIDR/);
    refused(
      { name: 'p', addresses: ['198.51.100.1/24'] },
      /host bits set \(the network is 198\.51\.100\.0\/24\)/,
    );
    refused({ name: 'p', addresses: ['198.51.100.9-198.51.100.2'] }, /FIRST is after LAST/);
    refused({ name: 'p', addresses: ['198.51.100.1-2001:db8::1'] }, /different families/);
    refused({ name: 'p', addresses: ['nope'] }, /give ADDR\/PREFIX or FIRST-LAST/);
    refused({ name: 'p', addresses: ['198.51.100.0/28', '198.51.100.10-198.51.100.20'] }, /overlaps/);
    refused({ name: 'p', addresses: [] }, /at least one CIDR/);
    refused({ name: 'P!', addresses: ['198.51.100.0/28'] }, /name: "P!"/);
    refused({ name: 'p', addresses: ['198.51.100.0/28'], vipPrefix4: 33 }, /vipPrefix4: 33 must be 1\.\.32/);
  });

  it('round-trips as stored, with the default prefix lengths', () => {
    const p = pool([' 198.51.100.0/28 ']);
    assert.deepEqual(p, { name: 'public', addresses: ['198.51.100.0/28'], vipPrefix4: 32, vipPrefix6: 128 });
    assert.deepEqual(parsePoolSpecJson(serializePoolSpec(p), 'public'), p);
    assert.throws(() => parsePoolSpecJson(serializePoolSpec(p), 'other'), /stored under other/);
  });

  it('create and delete are guarded by the range their check read', () => {
    const keys = new Keys('c1');
    const create = createPoolTxn(keys, pool(['198.51.100.0/28']), '41');
    assert.deepEqual(create.compare?.[1], {
      key: Buffer.from('/vipd/c1/pools/'),
      range_end: Buffer.from('/vipd/c1/pools0'),
      target: 'Mod',
      result: 'Less',
      mod_revision: '42',
    });
    const del = deletePoolTxn(keys, 'public', '7', '41');
    assert.deepEqual(del.compare?.[0], {
      key: Buffer.from('/vipd/c1/pools/public'),
      target: 'Mod',
      result: 'Equal',
      mod_revision: '7',
    });
    assert.deepEqual(del.compare?.[1]?.key, Buffer.from('/vipd/c1/vips/'));
  });
});
