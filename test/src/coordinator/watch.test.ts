/**
 * vip-coordinator: WatchEvents turns etcd changes into the right Event sequence, ends
 * cleanly on cancel; two coordinators on one etcd see each other's writes (stateless).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { etcdctl, type LocalEtcd, startLocalEtcd } from '../harness/etcd-local';
import { pollUntil } from '../harness/proc';
import { START_REVISION_METADATA, type AdminServiceClient, type Event__Output as Event } from '@vipd/proto';
import {
  call,
  type Coordinator,
  FakeDaemons,
  healthStatus,
  reflectionServices,
  startCoordinator,
} from './admin-client';

const CLUSTER = 'watch';

/** An open WatchEvents stream that collects events; ready once the server sent headers. */
class EventStream {
  readonly events: Event[] = [];
  readonly stream: grpc.ClientReadableStream<Event>;
  readonly ready: Promise<void>;
  readonly ended: Promise<grpc.StatusObject>;

  /** The first revision the stream can deliver, from its vipd-start-revision header. */
  startRevision = '';

  constructor(client: AdminServiceClient, request: { start_revision?: string } = {}) {
    this.stream = client.WatchEvents(request);
    this.ready = new Promise((resolve) =>
      this.stream.once('metadata', (md: grpc.Metadata) => {
        this.startRevision = String(md.get(START_REVISION_METADATA)[0] ?? '');
        resolve();
      }),
    );
    this.ended = new Promise((resolve) => this.stream.once('status', resolve));
    this.stream.on('data', (e: Event) => this.events.push(e));
    this.stream.on('error', () => undefined); // the status promise reports the end
  }

  /** Waits (bounded) until at least n events arrived. */
  async atLeast(n: number, timeoutMs = 10_000): Promise<Event[]> {
    return pollUntil(async () => (this.events.length >= n ? this.events.slice() : undefined), {
      timeoutMs,
      intervalMs: 20,
      what: `${n} events (have ${JSON.stringify(this.events.map((e) => e.type))})`,
    });
  }
}

const brief = (e: Event): string => [e.type, e.vip, e.node, e.detail].filter((x) => x !== '').join(' ');

describe('vip-coordinator: events and two coordinators', { timeout: 120_000 }, () => {
  let etcd: LocalEtcd;
  let a: Coordinator;
  let b: Coordinator;
  let daemons: FakeDaemons;

  before(async () => {
    etcd = await startLocalEtcd();
    [a, b] = await Promise.all([
      startCoordinator({ endpoints: [etcd.endpoint], cluster: CLUSTER }),
      startCoordinator({ endpoints: [etcd.endpoint], cluster: CLUSTER }),
    ]);
    daemons = new FakeDaemons(etcd.endpoint, CLUSTER);
  });
  after(async () => {
    await a?.stop();
    await b?.stop();
    await etcd?.stop();
  });

  it('serves grpc.health.v1 for the admin service', async () => {
    assert.equal(await healthStatus(a.address, 2000, 'vipd.v1.AdminService'), 'SERVING');
  });

  it('serves server reflection', async () => {
    const services = await reflectionServices(a.address);
    assert.ok(services.includes('vipd.v1.AdminService'), services.join(','));
    assert.ok(services.includes('grpc.health.v1.Health'), services.join(','));
  });

  it('WatchEvents yields each change as the right event, in order', async () => {
    const w = new EventStream(a.client);
    await w.ready;
    const lease = await daemons.grantLease(60);
    await daemons.registerNode('n1', '127.0.0.1:1', { lease });
    await call(a.client, 'CreateVip', {
      spec: { name: 'web', address: '198.51.100.100/24', interface: 'e0', nodes: { n1: {} } },
    });
    await call(a.client, 'UpdateVip', {
      spec: { name: 'web', address: '198.51.100.100/24', interface: 'e1' },
    });
    await daemons.put('leaders/web', { node: 'n1' }, lease);
    const fencing = await daemons.createRevision('leaders/web');
    await daemons.registerNode('n1', '127.0.0.1:1', { lease, unready: ['web'] });
    await daemons.registerNode('n1', '127.0.0.1:1', { lease, unready: [] });
    await call(a.client, 'DrainNode', { name: 'n1' });
    await call(a.client, 'UndrainNode', { name: 'n1' });
    await daemons.put('pins/web', { node: 'n1', at: new Date().toISOString(), by: 'carol' });
    await daemons.del('leaders/web');
    await call(a.client, 'DeleteVip', { name: 'web' });
    await daemons.del('nodes/n1');
    await daemons.put('status/web', { anything: true }); // not a watched prefix: no event
    const events = await w.atLeast(13);
    await new Promise((r) => setTimeout(r, 200));
    const lines = w.events.map((e) => brief(e).replace(/revision \d+/, 'revision N'));
    assert.deepEqual(lines, [
      'node_joined n1 127.0.0.1:1',
      'spec_created web revision N',
      'spec_updated web revision N',
      'acquired web n1',
      'health_changed web n1 unready',
      'health_changed web n1 ready',
      `node_drained n1 ${events[6]!.detail}`,
      'node_undrained n1',
      'pinned web n1 by carol',
      'released web n1',
      'spec_deleted web',
      'unpinned web n1',
      'node_left n1',
    ]);
    assert.match(events[6]!.detail, /^by 127\.0\.0\.1:\d+$/, 'drained by the caller (its peer address)');
    const acquired = events.find((e) => e.type === 'acquired')!;
    assert.equal(acquired.fencing_revision, fencing);
    assert.equal(events.find((e) => e.type === 'released')!.fencing_revision, fencing);
    for (const e of events) assert.ok(!Number.isNaN(Date.parse(e.time)), e.time);
    w.stream.cancel();
    const status = await w.ended;
    assert.equal(status.code, grpc.status.CANCELLED);
    // The coordinator carries on after the client went away.
    await call(a.client, 'ListVips', {});
  });

  it('each event carries its etcd revision; start_revision replays from there, in the same order', async () => {
    const w = new EventStream(a.client);
    await w.ready;
    assert.match(w.startRevision, /^\d+$/, 'the header says where the stream starts');
    const lease = await daemons.grantLease(60);
    // One node record with two VIPs' readiness: two events at one revision.
    await daemons.registerNode('r1', '127.0.0.1:1', { lease });
    await daemons.registerNode('r1', '127.0.0.1:1', { lease, unready: ['x', 'y'] });
    await call(a.client, 'CreateVip', {
      spec: { name: 'replay', address: '198.51.100.70/24', interface: 'e0' },
    });
    const live = await w.atLeast(4);
    assert.ok(BigInt(live[0]!.revision) >= BigInt(w.startRevision), 'no event before the start revision');
    assert.deepEqual(
      live.map((e) => [e.type, e.vip]),
      [
        ['node_joined', ''],
        ['health_changed', 'x'],
        ['health_changed', 'y'],
        ['spec_created', 'replay'],
      ],
    );
    assert.equal(live[1]!.revision, live[2]!.revision, 'one revision, two events');
    assert.ok(BigInt(live[3]!.revision) > BigInt(live[2]!.revision));
    // A client resuming at the health changes' revision (through B) gets them again, in order.
    const replay = new EventStream(b.client, { start_revision: live[1]!.revision });
    await replay.ready;
    assert.equal(replay.startRevision, live[1]!.revision);
    const again = await replay.atLeast(3);
    assert.deepEqual(
      again.slice(0, 3).map((e) => [e.type, e.vip, e.revision]),
      live.slice(1).map((e) => [e.type, e.vip, e.revision]),
    );
    for (const s of [w, replay]) s.stream.cancel();
    await daemons.del('nodes/r1');
  });

  it('start_revision: compacted or not a revision is refused with a clear status', async () => {
    const created = await call(a.client, 'CreateVip', {
      spec: { name: 'old', address: '198.51.100.71/24', interface: 'e0' },
    });
    await call(a.client, 'DeleteVip', { name: 'old' });
    const now = (
      await call(a.client, 'CreateVip', {
        spec: { name: 'new', address: '198.51.100.72/24', interface: 'e0' },
      })
    ).revision;
    await etcdctl(etcd.endpoint, ['compact', now]);
    const compacted = new EventStream(a.client, { start_revision: created.revision });
    const status = await compacted.ended;
    assert.equal(status.code, grpc.status.OUT_OF_RANGE);
    assert.match(
      status.details,
      new RegExp(`^events from revision ${created.revision} are no longer in etcd \\(compacted\\)`),
    );
    const bad = await new EventStream(a.client, { start_revision: 'abc' }).ended;
    assert.equal(bad.code, grpc.status.INVALID_ARGUMENT);
    assert.match(bad.details, /start_revision: must be a positive integer/);
    const future = await new EventStream(a.client, { start_revision: String(BigInt(now) + 1000n) }).ended;
    assert.equal(future.code, grpc.status.OUT_OF_RANGE);
    await call(a.client, 'DeleteVip', { name: 'new' });
  });

  it('create through A, read through B; B streams A’s changes', async () => {
    const w = new EventStream(b.client);
    await w.ready;
    const created = await call(a.client, 'CreateVip', {
      spec: { name: 'api', address: '198.51.100.50/24', interface: 'e0' },
    });
    const got = await call(b.client, 'GetVip', {
      name: 'api',
    });
    assert.equal(got.revision, created.revision);
    assert.equal(got.spec!.address, '198.51.100.50/24');
    // An update through B with A's revision works; A then sees B's revision.
    const updated = await call(b.client, 'UpdateVip', {
      spec: { name: 'api', address: '198.51.100.50/24', interface: 'e1' },
      expected_revision: created.revision,
    });
    const viaA = await call(a.client, 'GetVip', { name: 'api' });
    assert.equal(viaA.revision, updated.revision);
    const events = await w.atLeast(2);
    assert.deepEqual(
      events.map((e) => [e.type, e.vip, e.detail]),
      [
        ['spec_created', 'api', `revision ${created.revision}`],
        ['spec_updated', 'api', `revision ${updated.revision}`],
      ],
    );
    w.stream.cancel();
    assert.equal((await w.ended).code, grpc.status.CANCELLED);
  });

  it('a duplicate address is refused whichever coordinator is asked', async () => {
    const results = await Promise.allSettled(
      [a, b].map((c, i) =>
        call(c.client, 'CreateVip', {
          spec: { name: `dup${i}`, address: '198.51.100.60/24', interface: 'e0' },
        }),
      ),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, JSON.stringify(results));
  });
});
