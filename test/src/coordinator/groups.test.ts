/**
 * vip-coordinator and VIP groups (spec `group`, docs/groups.md): a member is held where its group's
 * lead is (the lead's leader key), node list shows the whole group on its holder, and a move of a
 * member moves the group: checked for every member, waited for on the lead's key. The daemons are
 * simulated with etcdctl writes (real etcd).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { startLocalEtcd, type LocalEtcd } from '../harness/etcd-local';
import { pollUntil } from '../harness/proc';
import { call, callError, type Coordinator, FakeDaemons, startCoordinator } from './admin-client';

const CLUSTER = 'groups';

describe('vip-coordinator: VIP groups', { timeout: 120_000 }, () => {
  let etcd: LocalEtcd;
  let coord: Coordinator;
  let daemons: FakeDaemons;
  let lease: string;

  before(async () => {
    etcd = await startLocalEtcd();
    coord = await startCoordinator({ endpoints: [etcd.endpoint], cluster: CLUSTER });
    daemons = new FakeDaemons(etcd.endpoint, CLUSTER);
    lease = await daemons.grantLease(60);
    await daemons.registerNode('n1', '127.0.0.1:1', { lease });
    await daemons.registerNode('n2', '127.0.0.1:1', { lease });
    // n3 cannot serve the group's lead (a tracked check failing there, say).
    await daemons.registerNode('n3', '127.0.0.1:1', { lease, unready: ['pair-a'] });
    for (const [name, address] of [
      ['pair-a', '198.51.100.100/24'],
      ['pair-b', '2001:db8::100/64'],
    ] as const) {
      await call(coord.client, 'CreateVip', { spec: { name, address, interface: 'e0', group: 'pair' } });
    }
    await daemons.put('leaders/pair-a', { node: 'n1' }, lease);
  });
  after(async () => {
    await coord?.stop();
    await etcd?.stop();
  });

  it('get and list: a follower is held where the lead is, with its fencing revision', async () => {
    const fencing = await daemons.createRevision('leaders/pair-a');
    const b = await call(coord.client, 'GetVip', { name: 'pair-b' });
    assert.deepEqual([b.spec!.group, b.holder, b.fencing_revision], ['pair', 'n1', fencing]);
    const { nodes } = await call(coord.client, 'ListNodes', {});
    assert.deepEqual(nodes.find((n) => n.name === 'n1')!.held, [
      { name: 'pair-a', revision: fencing },
      { name: 'pair-b', revision: fencing },
    ]);
  });

  it('a move of a follower is refused where a member cannot go, in one line', async () => {
    const e = await callError(coord.client, 'MoveVip', { name: 'pair-b', to: 'n3' });
    assert.equal(e.code, grpc.status.FAILED_PRECONDITION, e.details);
    assert.match(e.details, /^node n3 reports vip pair-a \(in group pair with pair-b\) unready/);
    assert.equal(await daemons.get('pins/pair-b'), undefined);
  });

  it('a move of a follower pins the lead and waits for the lead’s key on the target', async () => {
    // The "daemons": once the group's pin (the lead's) names n2, the lead key moves to n2.
    const handover = pollUntil(
      async () =>
        ((await daemons.get('pins/pair-a')) as { node?: string } | undefined)?.node === 'n2' || undefined,
      { timeoutMs: 10_000, intervalMs: 50, what: 'the pin to n2' },
    ).then(async () => {
      await new Promise((r) => setTimeout(r, 300));
      await daemons.del('leaders/pair-a');
      await daemons.put('leaders/pair-a', { node: 'n2' }, lease);
    });
    const res = await call(coord.client, 'MoveVip', { name: 'pair-b', to: 'n2', timeout_ms: 8000 }, 15_000);
    await handover;
    assert.equal(res.from, 'n1');
    assert.ok(res.elapsed_ms >= 250, `elapsed ${res.elapsed_ms}`);
    assert.deepEqual(
      [res.vip!.holder, res.vip!.fencing_revision],
      ['n2', await daemons.createRevision('leaders/pair-a')],
    );
    assert.equal(await daemons.get('pins/pair-b'), undefined, 'no pin of its own on the follower');
  });

  it('an unpin of any member removes the pins of every member, an old one on a follower too', async () => {
    await daemons.put('pins/pair-b', { node: 'n1', at: new Date().toISOString(), by: 'old' });
    const res = await call(coord.client, 'UnpinVip', { name: 'pair-b' });
    assert.equal(res.unpinned_from, 'n2', "the lead's pin, from the move above");
    assert.equal(await daemons.get('pins/pair-a'), undefined);
    assert.equal(await daemons.get('pins/pair-b'), undefined);
  });
});
