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
