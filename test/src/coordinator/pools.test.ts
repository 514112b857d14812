/**
 * Address pools against a real etcd and coordinator, through the vipadm binary: 20 `vip add
 * --pool` processes at once all get an address and never the same one; a full pool refuses in
 * one line and writes nothing; bad pools (CIDR, range, overlap) are one line; a pool in use
 * cannot be removed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type LocalEtcd, startLocalEtcd } from '../harness/etcd-local';
import { runScript, type ScriptResult } from '../harness/proc';
import { VIPADM_BIN } from '../harness/paths';
import { type Coordinator, FakeDaemons, startCoordinator } from './admin-client';

const CLUSTER = 'pools';

describe('address pools: vipadm pool and vip add --pool', { timeout: 180_000 }, () => {
  let etcd: LocalEtcd;
  let coord: Coordinator;
  let daemons: FakeDaemons;
  const vipadm = (args: string[]): Promise<ScriptResult> =>
    runScript(VIPADM_BIN, ['--server', coord.address, ...args], { VIPADM_TOKEN_FILE: coord.tokenFiles.op });
  const ok = async (args: string[]): Promise<string> => {
    const r = await vipadm(args);
    assert.equal(r.code, 0, `vipadm ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  /** A refusal: non-zero, nothing on stdout, one line on stderr, and etcd unchanged. */
  const refused = async (args: string[], pattern: RegExp): Promise<void> => {
    const before = await daemons.state();
    const r = await vipadm(args);
    assert.notEqual(r.code, 0, `vipadm ${args.join(' ')} should fail`);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^vipadm: [^\n]+\n$/, r.stderr);
    assert.match(r.stderr, pattern);
    assert.deepEqual(await daemons.state(), before, `${args.join(' ')} wrote nothing`);
  };
  const addressOf = async (name: string): Promise<string> =>
    ((await daemons.get(`vips/${name}`)) as { address: string }).address;

  before(async () => {
    etcd = await startLocalEtcd();
    coord = await startCoordinator({ endpoints: [etcd.endpoint], cluster: CLUSTER });
    daemons = new FakeDaemons(etcd.endpoint, CLUSTER);
  });
  after(async () => {
    await coord?.stop();
    await etcd?.stop();
  });

  it('creates pools (IPv4 and IPv6, CIDRs and ranges) and refuses bad ones in one line', async () => {
    const out = await ok(['pool', 'add', 'public', '--address', '198.51.100.32/27', '--vip-prefix4', '24']);
    assert.match(out, /^created pool public\n/);
    assert.match(out, /^size: +30$/m);
    assert.match(out, /^next: +198\.51\.100\.33$/m);
    await ok([
      'pool',
      'add',
      'mixed',
      '--address',
      '203.0.113.10-203.0.113.11',
      '--address',
      '2001:db8:5::/126',
      '--vip-prefix6',
      '64',
    ]);
    assert.deepEqual(await daemons.get('pools/mixed'), {
      name: 'mixed',
      addresses: ['203.0.113.10-203.0.113.11', '2001:db8:5::/126'],
      vipPrefix4: 32,
      vipPrefix6: 64,
    });
    await refused(
      ['pool', 'add', 'bad', '--address', '198.51.100.0/33'],
      /"198\.51\.100\.0\/33" is not a CIDR/,
    );
    await refused(['pool', 'add', 'bad', '--address', '198.51.100.1/24'], /host bits set/);
    await refused(['pool', 'add', 'bad', '--address', '203.0.113.50-203.0.113.40'], /FIRST is after LAST/);
    await refused(
      ['pool', 'add', 'bad', '--address', '198.51.100.60-198.51.100.70'],
      /198\.51\.100\.60-198\.51\.100\.70 overlaps pool public's 198\.51\.100\.32\/27/,
    );
    await refused(['pool', 'add', 'public', '--address', '203.0.113.200/30'], /pool public already exists/);
    await refused(['pool', 'add', 'bad'], /needs --address/);
  });

  it('20 parallel vip add --pool processes all get an address, never the same one', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `w${i}`);
    const results = await Promise.all(
      names.map((n) => vipadm(['-o', 'json', 'vip', 'add', n, '--pool', 'public', '--interface', 'e0'])),
    );
    for (const [i, r] of results.entries()) assert.equal(r.code, 0, `w${i}: ${r.stderr}`);
    const fromOutput = results.map(
      (r) => (JSON.parse(r.stdout) as { spec: { address: string } }).spec.address,
    );
    const stored = await Promise.all(names.map(addressOf));
    assert.deepEqual(fromOutput, stored, 'each vipadm printed what etcd holds');
    assert.equal(new Set(stored).size, 20, `no address twice: ${stored.join(' ')}`);
    const expected = Array.from({ length: 20 }, (_, i) => `198.51.100.${33 + i}/24`);
    assert.deepEqual([...stored].sort(), [...expected].sort(), 'the 20 lowest of the pool');
    const got = await ok(['-o', 'json', 'pool', 'get', 'public']);
    const pool = JSON.parse(got) as { vips: string[]; next: string; size: string };
    assert.deepEqual([pool.vips.length, pool.next, pool.size], [20, '198.51.100.53', '30']);
  });

  it('a gap is reused; --family ipv6; a full pool refuses in one line and writes nothing', async () => {
    const freed = await addressOf('w3');
    await ok(['vip', 'rm', 'w3']);
    await ok(['vip', 'add', 'again', '--pool', 'public', '--interface', 'e0']);
    assert.equal(await addressOf('again'), freed, 'the lowest free address is the one w3 had');
    await ok(['vip', 'add', 'm1', '--pool', 'mixed', '--interface', 'e0']);
    await ok(['vip', 'add', 'm2', '--pool', 'mixed', '--interface', 'e0']);
    assert.deepEqual([await addressOf('m1'), await addressOf('m2')], ['203.0.113.10/32', '203.0.113.11/32']);
    await refused(
      ['vip', 'add', 'm3', '--pool', 'mixed', '--family', 'ipv4', '--interface', 'e0'],
      /pool mixed has no free ipv4 address/,
    );
    await ok(['vip', 'add', 'm3', '--pool', 'mixed', '--interface', 'e0']);
    assert.equal(await addressOf('m3'), '2001:db8:5::1/64');
    await ok(['vip', 'add', 'm4', '--pool', 'mixed', '--family', 'ipv6', '--interface', 'e0']);
    await ok(['vip', 'add', 'm5', '--pool', 'mixed', '--interface', 'e0']);
    await refused(
      ['vip', 'add', 'm6', '--pool', 'mixed', '--interface', 'e0'],
      /^vipadm: pool mixed is full: all its 5 addresses are in use\n$/,
    );
    await refused(['vip', 'add', 'x', '--pool', 'nope', '--interface', 'e0'], /pool nope not found/);
    await refused(
      ['vip', 'add', 'x', '--pool', 'mixed', '--address', '198.51.100.9/24', '--interface', 'e0'],
      /--address or --pool, not both/,
    );
  });

  it('a pool in use cannot be removed; once empty it can', async () => {
    await refused(
      ['pool', 'rm', 'mixed'],
      /pool mixed is in use by 5 VIPs \(m1, m2, m3, m4, m5\); delete them first/,
    );
    for (const n of ['m1', 'm2', 'm3', 'm4', 'm5']) await ok(['vip', 'rm', n]);
    assert.equal(await ok(['pool', 'rm', 'mixed']), 'deleted pool mixed\n');
    assert.equal(await daemons.get('pools/mixed'), undefined);
    const list = await ok(['pool', 'list']);
    assert.match(
      list,
      /^NAME +ADDRESSES +SIZE +USED +NEXT\npublic +198\.51\.100\.32\/27 +30 +20 +198\.51\.100\.53\n$/,
    );
  });
});
