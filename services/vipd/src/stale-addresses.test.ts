import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryLogger } from '@vipd/log';
import { cleanStaleAddresses } from './stale-addresses';

describe('stale addresses', () => {
  it('removes every address an earlier run left, one after the other, and says so', async () => {
    const log = memoryLogger();
    const events: string[] = [];
    let removing = 0;
    const kernel = {
      listOwned: () =>
        Promise.resolve([
          { ifname: 'eth0', address: '10.0.0.10', prefixLen: 24, family: 4 as const },
          { ifname: 'eth1', address: '2001:db8::10', prefixLen: 64, family: 6 as const },
        ]),
      removeVip: async (
        ifname: string,
        spec: { address: string; prefixLen: number; family: 4 | 6; routes: unknown[]; rules: unknown[] },
      ) => {
        assert.equal(removing++, 0, 'one removal at a time');
        // The Linux kernel's removal walks the VIP's routes and rules: a stale address has none,
        // given as empty lists (missing ones made vipd exit at start with an address left over).
        assert.deepEqual([spec.routes, spec.rules], [[], []]);
        events.push(`rm ${ifname} ${spec.address}/${spec.prefixLen} v${spec.family}`);
        await new Promise((r) => setImmediate(r));
        removing--;
        return true;
      },
    };
    await cleanStaleAddresses(kernel, log);
    assert.deepEqual(events, ['rm eth0 10.0.0.10/24 v4', 'rm eth1 2001:db8::10/64 v6']);
    assert.deepEqual(
      log.lines.map((l) => [l.level, l.msg, l.fields.address, l.fields.interface]),
      [
        ['warn', 'removed a VIP address left by an earlier run', '10.0.0.10/24', 'eth0'],
        ['warn', 'removed a VIP address left by an earlier run', '2001:db8::10/64', 'eth1'],
      ],
    );
  });

  it('nothing left: nothing removed, nothing logged', async () => {
    const log = memoryLogger();
    const kernel = {
      listOwned: () => Promise.resolve([]),
      removeVip: () => Promise.reject(new Error('not expected')),
    };
    await cleanStaleAddresses(kernel, log);
    assert.deepEqual(log.lines, []);
  });
});

describe('leftovers of an earlier run besides addresses', () => {
  it('removes routes and rules first, addresses next, macvlans last; logs each at info; goes on past a failure', async () => {
    const log = memoryLogger();
    const events: string[] = [];
    const leftover = (kind: 'route' | 'rule' | 'virtual MAC', text: string, fails = false) => ({
      kind,
      text,
      remove: () => {
        events.push(`rm ${kind} ${text}`);
        return fails ? Promise.reject(new Error('EPERM: refused')) : Promise.resolve(true);
      },
    });
    const kernel = {
      listLeftovers: () =>
        Promise.resolve([
          leftover('route', '203.0.113.0/24 via 198.51.100.50 dev e0'),
          leftover('rule', '1000: from 198.51.100.100/32 lookup 100', true),
          leftover('virtual MAC', 'vmac4.51 (00:00:5e:00:01:33) on e0'),
        ]),
      listOwned: () =>
        Promise.resolve([
          { ifname: 'vmac4.51', address: '198.51.100.100', prefixLen: 24, family: 4 as const },
        ]),
      removeVip: (ifname: string, spec: { address: string }) => {
        events.push(`rm address ${spec.address} ${ifname}`);
        return Promise.resolve(true);
      },
    };
    await cleanStaleAddresses(kernel, log);
    assert.deepEqual(events, [
      'rm route 203.0.113.0/24 via 198.51.100.50 dev e0',
      'rm rule 1000: from 198.51.100.100/32 lookup 100',
      'rm address 198.51.100.100 vmac4.51',
      'rm virtual MAC vmac4.51 (00:00:5e:00:01:33) on e0',
    ]);
    assert.deepEqual(
      log.lines.map((l) => [l.level, l.msg]),
      [
        ['info', 'removed a route left by an earlier run'],
        ['warn', 'cannot remove a rule left by an earlier run'],
        ['warn', 'removed a VIP address left by an earlier run'],
        ['info', 'removed a virtual MAC left by an earlier run'],
      ],
    );
    assert.equal(log.lines[0]?.fields.route, '203.0.113.0/24 via 198.51.100.50 dev e0');
    assert.equal(log.lines[3]?.fields.vmac, 'vmac4.51 (00:00:5e:00:01:33) on e0');
  });
});

describe('leftovers that cannot be listed', () => {
  it('warn once and let the start go on (the addresses are still removed)', async () => {
    const log = memoryLogger();
    const removed: string[] = [];
    const kernel = {
      listLeftovers: () => Promise.reject(new Error('ip -6 route show failed')),
      listOwned: () =>
        Promise.resolve([{ ifname: 'eth0', address: '10.0.0.10', prefixLen: 24, family: 4 as const }]),
      removeVip: (ifname: string, spec: { address: string }) => {
        removed.push(`${spec.address} ${ifname}`);
        return Promise.resolve(true);
      },
    };
    await cleanStaleAddresses(kernel, log);
    assert.deepEqual(removed, ['10.0.0.10 eth0']);
    assert.deepEqual(
      log.lines.map((l) => [l.level, l.msg]),
      [
        ['warn', 'cannot list the routes, rules and macvlans an earlier run left'],
        ['warn', 'removed a VIP address left by an earlier run'],
      ],
    );
  });
});
