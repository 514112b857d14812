// Takeover's wait bookkeeping (pure: fake mirrors and clock; evaluate(), which writes to etcd,
// is covered by the e2e and fault suites).
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { silentLogger } from '@vipd/log';
import { Keys, type EtcdClient, type MirrorEntry, type PrefixMirror } from '@vipd/store';
import type { Peers } from './peers';
import { Takeover } from './takeover';

const keys = new Keys('lab');
const entry = (vip: string, value: object, create = '7', mod = '9'): MirrorEntry => ({
  key: keys.leader(vip),
  value: JSON.stringify(value),
  createRevision: create,
  modRevision: mod,
  lease: '42',
});

function setup() {
  const clock = { t: 1000, now: () => clock.t };
  const held = new Map<string, MirrorEntry>();
  const leaders = Object.assign(new EventEmitter(), { get: (key: string) => held.get(key) });
  const client = {
    marks: [] as string[],
    kv: {
      range: () =>
        Promise.resolve({ kvs: client.marks.map((vip) => ({ key: Buffer.from(keys.takeoverMark(vip)) })) }),
    },
  };
  const takeover = new Takeover({
    self: 'n2',
    client: client as unknown as EtcdClient,
    keys,
    leaders: leaders as unknown as PrefixMirror,
    peers: {} as Peers,
    clock,
    waitMs: 450,
    intervalMs: 100,
    suspectMs: 300,
    alive: new EventEmitter() as unknown as PrefixMirror,
    callTimeoutMs: 500,
    probeAfterReadMs: 3000,
    log: silentLogger(),
  });
  /** n1's leader key for vip is marked as taken over, then deleted (its lease revoked). */
  const takenOver = (vip: string): void => {
    leaders.emit('change', keys.leader(vip), entry(vip, { node: 'n1', takeover: { by: 'n2' } }));
    leaders.emit('change', keys.leader(vip), undefined);
  };
  return { clock, leaders, takeover, takenOver, held, client };
}

void describe('Takeover waits', () => {
  void it('after a fresh read of the leaders, VIPs named in takeovers/ wait W; others only until it is read', async () => {
    const { clock, leaders, takeover, held, client } = setup();
    held.set(keys.leader('db'), entry('db', { node: 'n1' }));
    client.marks = ['web']; // a takeover whose marker this node never saw (it restarted)
    leaders.emit('synced');
    assert.equal(takeover.notBefore('api'), 1020, 'vacant, takeovers/ not read yet: look again soon');
    assert.equal(takeover.notBefore('db'), 0, 'held: nothing to wait for');
    await new Promise((r) => setImmediate(r));
    assert.equal(takeover.notBefore('web'), 1450, 'named in takeovers/: W from the read');
    assert.equal(takeover.notBefore('api'), 0, 'a cold start waits for nothing');
    clock.t = 2000;
    assert.equal(takeover.notBefore('web'), 1450, 'kept until held again, as after a takeover seen live');
  });

  void it('after a fresh read, a vacant VIP counts as taken over (probe before adding) for a TTL', () => {
    const { clock, leaders, takeover, held } = setup();
    held.set(keys.leader('db'), entry('db', { node: 'n1' }));
    assert.equal(takeover.takenOver('web'), false, 'no read yet: nothing known');
    leaders.emit('synced');
    assert.equal(
      takeover.takenOver('web'),
      true,
      'vacant at a fresh read: its last holder may still have it (failsafe after an outage)',
    );
    assert.equal(takeover.takenOver('db'), false, 'held');
    held.delete(keys.leader('db'));
    leaders.emit('change', keys.leader('db'), undefined);
    assert.equal(takeover.takenOver('db'), false, 'a release seen live: a handover, no probe');
    clock.t += 2999;
    assert.equal(takeover.takenOver('web'), true, 'still within a TTL of the read');
    clock.t += 1;
    assert.equal(takeover.takenOver('web'), false, 'a TTL later: a vacancy like any other');
  });

  void it('a VIP vacant after a takeover may not be added for W; held again, the wait is over', () => {
    const { clock, leaders, takeover, takenOver } = setup();
    takenOver('web');
    assert.equal(takeover.notBefore('web'), 1450);
    clock.t = 5000; // long over, but kept: the rank order of who takes it counts from it
    assert.equal(takeover.notBefore('web'), 1450);
    leaders.emit('change', keys.leader('web'), entry('web', { node: 'n3' }, '12', '12'));
    assert.equal(takeover.notBefore('web'), 0);
  });

  void it('prune drops waits that are over for VIPs without a spec, and nothing else', () => {
    const { clock, takeover, takenOver } = setup();
    takenOver('gone');
    takenOver('kept');
    const known = (vip: string): boolean => vip === 'kept';
    takeover.prune(known);
    assert.equal(takeover.notBefore('gone'), 1450, 'still running: a re-added VIP must wait too');
    clock.t = 1451;
    takeover.prune(known);
    assert.equal(takeover.notBefore('gone'), 0);
    assert.equal(takeover.notBefore('kept'), 1450);
  });
});
