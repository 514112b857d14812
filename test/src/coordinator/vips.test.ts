/**
 * vip-coordinator against a real etcd: the VIP calls, every validation error (code and
 * message), and the transaction guards (concurrent updates, duplicate addresses).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { status as Status, type ServiceError } from '@grpc/grpc-js';
import { type LocalEtcd, startLocalEtcd } from '../harness/etcd-local';
import type { AdminRequest, AdminUnaryMethod, VipSpec, Vip__Output } from '@vipd/proto';
import { call, callError, type Coordinator, FakeDaemons, startCoordinator } from './admin-client';

const CLUSTER = 'vips';

function spec(name: string, address: string, extra: Partial<VipSpec> = {}): VipSpec {
  return { name, address, interface: 'e0', ...extra };
}

function assertError(err: ServiceError, code: Status, re: RegExp): void {
  assert.equal(err.code, code, `${Status[err.code]} ${err.details}`);
  assert.match(err.details, re);
  assert.ok(!err.details.includes('\n'), 'one-line message');
}

describe('vip-coordinator: VIPs', { timeout: 120_000 }, () => {
  let etcd: LocalEtcd;
  let coord: Coordinator;
  let daemons: FakeDaemons;

  before(async () => {
    etcd = await startLocalEtcd();
    coord = await startCoordinator({ endpoints: [etcd.endpoint], cluster: CLUSTER });
    daemons = new FakeDaemons(etcd.endpoint, CLUSTER);
  });
  after(async () => {
    await coord?.stop();
    await etcd?.stop();
  });

  it('creates a VIP with defaults filled in, stores the README JSON, and gets it back', async () => {
    const created = await call(coord.client, 'CreateVip', {
      spec: spec('web', '198.51.100.100/24', { nodes: { n1: { priority: 150 }, n2: {} } }),
    });
    assert.match(created.revision, /^\d+$/);
    assert.equal(created.spec!.address, '198.51.100.100/24');
    assert.equal(created.spec!.preempt, true);
    assert.deepEqual(created.spec!.nodes, {
      n1: { priority: 150, interface: '' },
      n2: { priority: 100, interface: '' },
    });
    assert.deepEqual(created.spec!.announce, {
      count: 3,
      interval_ms: 100,
      refresh_ms: 30000,
      probe_ms: 10000,
      second_burst_delay_ms: 0,
      mode: 'arp',
    });
    assert.deepEqual(created.spec!.track, []);
    assert.deepEqual([created.spec!.routes, created.spec!.rules, created.spec!.vmac], [[], [], 0]);
    assert.equal(created.spec!.on_etcd_loss, 'failsafe');
    const stored = (await daemons.get('vips/web')) as Record<string, unknown>;
    assert.deepEqual(
      { ...stored, track: undefined },
      {
        name: 'web',
        address: '198.51.100.100/24',
        interface: 'e0',
        nodes: { n1: { priority: 150 }, n2: { priority: 100 } },
        preempt: true,
        preemptDelayMs: 0,
        announce: { count: 3, intervalMs: 100, refreshMs: 30000, probeMs: 10000 },
        track: undefined,
        onEtcdLoss: 'failsafe',
      },
    );
    const got = await call(coord.client, 'GetVip', { name: 'web' });
    assert.deepEqual(got, created);
    assert.equal(got.holder, '');
  });

  it('keeps preempt false and per-node interfaces', async () => {
    const v = await call(coord.client, 'CreateVip', {
      spec: spec('db', '2001:db8::10/64', {
        preempt: false,
        preempt_delay_ms: 500,
        nodes: { n1: { interface: 'e1' } },
      }),
    });
    assert.equal(v.spec!.preempt, false);
    assert.equal(v.spec!.preempt_delay_ms, 500);
    assert.equal(v.spec!.nodes.n1?.interface, 'e1');
    const stored = (await daemons.get('vips/db')) as { preempt: boolean };
    assert.equal(stored.preempt, false);
  });

  it('lists VIPs by name with holder, fencing revision and pin from etcd', async () => {
    await daemons.put('leaders/web', { node: 'n1' });
    await daemons.put('pins/web', { node: 'n1', at: new Date().toISOString(), by: 'test' });
    const fencing = await daemons.createRevision('leaders/web');
    const { vips } = await call(coord.client, 'ListVips', {});
    assert.deepEqual(
      vips.map((v) => v.spec!.name),
      ['db', 'web'],
    );
    const web = vips.find((v) => v.spec!.name === 'web')!;
    assert.equal(web.holder, 'n1');
    assert.equal(web.fencing_revision, fencing);
    assert.equal(web.pinned_to, 'n1');
  });

  it('skips an invalid stored spec in the list and explains it on get', async () => {
    await daemons.put('vips/broken', { name: 'broken', address: 'nope' });
    const { vips } = await call(coord.client, 'ListVips', {});
    assert.ok(!vips.some((v) => v.spec!.name === 'broken'));
    const err = await callError(coord.client, 'GetVip', { name: 'broken' });
    assertError(err, Status.FAILED_PRECONDITION, /vip broken: the stored spec is invalid .*UpdateVip/);
    const fixed = await call(coord.client, 'UpdateVip', {
      spec: spec('broken', '198.51.100.7/24'),
    });
    assert.equal(fixed.spec!.address, '198.51.100.7/24');
    await call(coord.client, 'DeleteVip', { name: 'broken' });
  });

  it('updates with and without expected_revision; a stale revision is ABORTED with the new one', async () => {
    const before = await call(coord.client, 'GetVip', { name: 'web' });
    const updated = await call(coord.client, 'UpdateVip', {
      spec: spec('web', '198.51.100.100/24', { interface: 'e1', nodes: { n1: { priority: 150 } } }),
      expected_revision: before.revision,
    });
    assert.equal(updated.spec!.interface, 'e1');
    assert.ok(BigInt(updated.revision) > BigInt(before.revision));
    const err = await callError(coord.client, 'UpdateVip', {
      spec: spec('web', '198.51.100.100/24'),
      expected_revision: before.revision,
    });
    assertError(
      err,
      Status.ABORTED,
      new RegExp(
        `vip web changed concurrently: expected revision ${before.revision}, now ${updated.revision}`,
      ),
    );
    const unconditional = await call(coord.client, 'UpdateVip', {
      spec: spec('web', '198.51.100.100/24', { interface: 'e0' }),
    });
    assert.equal(unconditional.spec!.interface, 'e0');
  });

  it('sets track and onEtcdLoss through the API; UpdateVip replaces them like every field', async () => {
    await call(coord.client, 'UpdateVip', {
      spec: spec('db', '2001:db8::10/64', {
        interface: 'e2',
        track: ['web-check'],
        on_etcd_loss: 'fence',
      }),
    });
    const after = (await daemons.get('vips/db')) as Record<string, unknown>;
    assert.equal(after.interface, 'e2');
    assert.deepEqual(after.track, ['web-check']);
    assert.equal(after.onEtcdLoss, 'fence');
    await call(coord.client, 'UpdateVip', { spec: spec('db', '2001:db8::10/64', { interface: 'e2' }) });
    const cleared = (await daemons.get('vips/db')) as Record<string, unknown>;
    assert.deepEqual(cleared.track, []);
    assert.equal(cleared.onEtcdLoss, 'failsafe');
    await assert.rejects(
      call(coord.client, 'UpdateVip', { spec: spec('db', '2001:db8::10/64', { on_etcd_loss: 'sometimes' }) }),
      (err: ServiceError) => err.code === Status.INVALID_ARGUMENT && /onEtcdLoss/.test(err.details),
    );
  });

  it('two UpdateVip with the same expected_revision at once: exactly one wins, the other is ABORTED', async () => {
    for (let round = 0; round < 5; round++) {
      const { revision } = await call(coord.client, 'GetVip', { name: 'web' });
      const results = await Promise.allSettled(
        ['e1', 'e2'].map((ifname) =>
          call(coord.client, 'UpdateVip', {
            spec: spec('web', '198.51.100.100/24', { interface: ifname }),
            expected_revision: revision,
          }),
        ),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      assert.equal(won.length, 1, `round ${round}: ${JSON.stringify(results)}`);
      assert.equal(lost.length, 1);
      assertError(lost[0]!.reason as ServiceError, Status.ABORTED, /changed concurrently/);
      const winner = (won[0] as PromiseFulfilledResult<Vip__Output>).value;
      const now = await call(coord.client, 'GetVip', { name: 'web' });
      assert.equal(now.revision, winner.revision);
      assert.equal(now.spec!.interface, winner.spec!.interface);
    }
  });

  it("a virtual MAC id is one VIP's per family", async () => {
    await call(coord.client, 'CreateVip', { spec: spec('vm1', '198.51.100.40/24', { vmac: 7 }) });
    const err = await callError(coord.client, 'CreateVip', {
      spec: spec('vm2', '198.51.100.41/24', { vmac: 7 }),
    });
    assertError(err, Status.FAILED_PRECONDITION, /vmac 7 is already used by vip vm1 \(IPv4\)/);
    await call(coord.client, 'CreateVip', { spec: spec('vm3', '2001:db8::40/64', { vmac: 7 }) });
    const got = await call(coord.client, 'GetVip', { name: 'vm1' });
    assert.equal(got.spec?.vmac, 7);
    await call(coord.client, 'UpdateVip', {
      spec: spec('vm1', '198.51.100.40/24', { vmac: 7, interface: 'e1' }),
    });
    for (const name of ['vm1', 'vm3']) await call(coord.client, 'DeleteVip', { name });
  });

  it('two CreateVip with one address at once: exactly one succeeds', async () => {
    for (let round = 0; round < 5; round++) {
      const address = `198.51.100.${20 + round}/24`;
      const results = await Promise.allSettled(
        ['a', 'b'].map((s) => call(coord.client, 'CreateVip', { spec: spec(`race${round}${s}`, address) })),
      );
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      assert.equal(lost.length, 1, `round ${round}: ${JSON.stringify(results)}`);
      assertError(lost[0]!.reason as ServiceError, Status.FAILED_PRECONDITION, /is already used by vip race/);
    }
  });

  describe('refuses bad requests with a code and one line', () => {
    const cases: [string, AdminUnaryMethod, AdminRequest<AdminUnaryMethod>, Status, RegExp][] = [
      ['no spec', 'CreateVip', {}, Status.INVALID_ARGUMENT, /^spec: required$/],
      [
        'a bad CIDR',
        'CreateVip',
        { spec: spec('x1', '198.51.100.300/24') },
        Status.INVALID_ARGUMENT,
        /address "198.51.100.300\/24" is not ADDRESS\/PREFIX/,
      ],
      [
        'a missing prefix',
        'CreateVip',
        { spec: spec('x1', '198.51.100.30') },
        Status.INVALID_ARGUMENT,
        /is not ADDRESS\/PREFIX/,
      ],
      [
        'a network address',
        'CreateVip',
        { spec: spec('x1', '198.51.100.0/24') },
        Status.INVALID_ARGUMENT,
        /198.51.100.0\/24 is the network address/,
      ],
      [
        'a broadcast address',
        'CreateVip',
        { spec: spec('x1', '198.51.100.255/24') },
        Status.INVALID_ARGUMENT,
        /198.51.100.255\/24 is the broadcast address/,
      ],
      [
        'a multicast address',
        'CreateVip',
        { spec: spec('x1', '224.0.0.5/24') },
        Status.INVALID_ARGUMENT,
        /multicast address/,
      ],
      [
        'a bad name',
        'CreateVip',
        { spec: spec('Web_1', '198.51.100.31/24') },
        Status.INVALID_ARGUMENT,
        /name: must be lower-case/,
      ],
      [
        'a bad interface name',
        'CreateVip',
        { spec: spec('x1', '198.51.100.31/24', { interface: 'eth0:1' }) },
        Status.INVALID_ARGUMENT,
        /interface: must be a Linux interface name/,
      ],
      [
        'a too long interface name',
        'CreateVip',
        { spec: spec('x1', '198.51.100.31/24', { interface: 'averyveryverylongif' }) },
        Status.INVALID_ARGUMENT,
        /interface: must be a Linux interface name/,
      ],
      [
        'a priority above 255',
        'CreateVip',
        { spec: spec('x1', '198.51.100.31/24', { nodes: { n1: { priority: 300 } } }) },
        Status.INVALID_ARGUMENT,
        /nodes.n1.priority/,
      ],
      [
        'a bad node name',
        'CreateVip',
        { spec: spec('x1', '198.51.100.31/24', { nodes: { 'n 1': {} } }) },
        Status.INVALID_ARGUMENT,
        /node names are letters/,
      ],
      [
        'an existing name',
        'CreateVip',
        { spec: spec('web', '198.51.100.32/24') },
        Status.ALREADY_EXISTS,
        /vip web already exists \(revision \d+\)/,
      ],
      [
        'an address another VIP has',
        'CreateVip',
        { spec: spec('x1', '198.51.100.100/25') },
        Status.FAILED_PRECONDITION,
        /address 198.51.100.100 is already used by vip web \(198.51.100.100\/24\)/,
      ],
      [
        'an IPv6 address another VIP has, written differently',
        'CreateVip',
        { spec: spec('x1', '2001:db8:0::0:10/64') },
        Status.FAILED_PRECONDITION,
        /already used by vip db/,
      ],
      [
        'an update of a missing VIP',
        'UpdateVip',
        { spec: spec('nope', '198.51.100.33/24') },
        Status.NOT_FOUND,
        /^vip nope not found$/,
      ],
      [
        'a malformed expected_revision',
        'UpdateVip',
        { spec: spec('web', '198.51.100.100/24'), expected_revision: 'abc' },
        Status.INVALID_ARGUMENT,
        /expected_revision: "abc" is not a revision/,
      ],
      ['get of a missing VIP', 'GetVip', { name: 'nope' }, Status.NOT_FOUND, /^vip nope not found$/],
      ['get without a name', 'GetVip', {}, Status.INVALID_ARGUMENT, /^name: required$/],
      ['get with a bad name', 'GetVip', { name: 'a/b' }, Status.INVALID_ARGUMENT, /name: "a\/b" must be/],
      ['delete of a missing VIP', 'DeleteVip', { name: 'nope' }, Status.NOT_FOUND, /^vip nope not found$/],
    ];
    for (const [what, method, req, code, re] of cases) {
      it(`${method}: ${what} → ${Status[code]}`, async () => {
        assertError(await callError(coord.client, method, req), code, re);
      });
    }
  });

  it("refuses a node's own address, and nodes that are not registered once some are", async () => {
    await daemons.registerNode('n1', '198.51.100.11:7400');
    await daemons.registerNode('n2', '[2001:db8::11]:7400');
    assertError(
      await callError(coord.client, 'CreateVip', { spec: spec('x2', '198.51.100.11/24') }),
      Status.FAILED_PRECONDITION,
      /address 198.51.100.11 is node n1's own address \(advertise 198.51.100.11:7400\)/,
    );
    assertError(
      await callError(coord.client, 'CreateVip', { spec: spec('x2', '2001:db8:0::11/64') }),
      Status.FAILED_PRECONDITION,
      /node n2's own address/,
    );
    assertError(
      await callError(coord.client, 'CreateVip', {
        spec: spec('x2', '198.51.100.40/24', { nodes: { n1: {}, n9: {} } }),
      }),
      Status.FAILED_PRECONDITION,
      /nodes: n9 is not registered \(registered: n1, n2\)/,
    );
    // Names already in the stored spec may stay while their node is down.
    await call(coord.client, 'UpdateVip', { spec: spec('web', '198.51.100.100/24', { nodes: { n1: {} } }) });
    await daemons.del('nodes/n1');
    const kept = await call(coord.client, 'UpdateVip', {
      spec: spec('web', '198.51.100.100/24', { nodes: { n1: { priority: 120 } } }),
    });
    assert.equal(kept.spec!.nodes.n1?.priority, 120);
    await daemons.del('nodes/', true);
  });

  it('deletes a VIP and its pin in one go', async () => {
    assert.ok(await daemons.get('pins/web'));
    await call(coord.client, 'DeleteVip', { name: 'web' });
    assert.equal(await daemons.get('vips/web'), undefined);
    assert.equal(await daemons.get('pins/web'), undefined);
    assertError(await callError(coord.client, 'GetVip', { name: 'web' }), Status.NOT_FOUND, /not found/);
  });
});
