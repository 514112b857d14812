/**
 * vip-coordinator: ListNodes (with grpc.health.v1 probes), Drain/Undrain, MoveVip and
 * GetStatus. The daemons are simulated with etcdctl writes (real etcd) and a real health
 * server standing in for one node's gRPC listener.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import { bindServer, type MoveVipRequest } from '@vipd/proto';
import { freePort, type LocalEtcd, startLocalEtcd } from '../harness/etcd-local';
import { pollUntil } from '../harness/proc';
import { call, callError, type Coordinator, FakeDaemons, startCoordinator } from './admin-client';

const CLUSTER = 'nodes';
const Status = grpc.status;

async function startHealthServer(): Promise<{
  address: string;
  server: grpc.Server;
  health: HealthImplementation;
}> {
  const server = new grpc.Server();
  const health = new HealthImplementation({ '': 'SERVING' });
  health.addToServer(server);
  const port = await bindServer(server, '127.0.0.1:0');
  return { address: `127.0.0.1:${port}`, server, health };
}

describe('vip-coordinator: nodes, drain, move, status', { timeout: 120_000 }, () => {
  let etcd: LocalEtcd;
  let coord: Coordinator;
  let daemons: FakeDaemons;
  let n1: Awaited<ReturnType<typeof startHealthServer>>;
  let deadAddress: string;
  let lease: string;

  before(async () => {
    etcd = await startLocalEtcd();
    coord = await startCoordinator({ endpoints: [etcd.endpoint], cluster: CLUSTER });
    daemons = new FakeDaemons(etcd.endpoint, CLUSTER);
    n1 = await startHealthServer();
    deadAddress = `127.0.0.1:${await freePort()}`; // nothing listens there
    lease = await daemons.grantLease(60);
    await daemons.registerNode('n1', n1.address, { lease });
    await daemons.registerNode('n2', deadAddress, { lease });
    await daemons.registerNode('n3', '127.0.0.1:1', {
      lease,
      unready: ['web'],
      unreadyWhy: { web: 'e0: interface has no carrier' },
    });
    await call(coord.client, 'CreateVip', {
      spec: { name: 'web', address: '198.51.100.100/24', interface: 'e0', nodes: { n1: {}, n2: {}, n3: {} } },
    });
    await call(coord.client, 'CreateVip', {
      spec: { name: 'db', address: '198.51.100.101/24', interface: 'e0', nodes: { n1: {} } },
    });
    await daemons.put('leaders/web', { node: 'n1' }, lease);
  });
  after(async () => {
    n1?.server.forceShutdown();
    await coord?.stop();
    await etcd?.stop();
  });

  it('lists nodes with health from grpc.health.v1: SERVING, NOT_SERVING, UNREACHABLE', async () => {
    const fencing = await daemons.createRevision('leaders/web');
    let { nodes } = await call(coord.client, 'ListNodes', {});
    assert.deepEqual(
      nodes.map((n) => [n.name, n.alive, n.health]),
      [
        ['n1', true, 'SERVING'],
        ['n2', true, 'UNREACHABLE'],
        ['n3', true, 'UNREACHABLE'],
      ],
    );
    const first = nodes[0]!;
    assert.equal(first.advertise, n1.address);
    assert.deepEqual(first.labels, { zone: 'a' });
    assert.deepEqual(first.held, [{ name: 'web', revision: fencing }]);
    assert.deepEqual(nodes[2]!.unready, ['web']);
    assert.deepEqual(nodes[2]!.unready_why, { web: 'e0: interface has no carrier' });
    // A registration without reasons (a vipd older than them): none, not an error.
    assert.deepEqual(nodes[1]!.unready_why, {});
    n1.health.setStatus('', 'NOT_SERVING');
    ({ nodes } = await call(coord.client, 'ListNodes', {}));
    assert.equal(nodes[0]!.health, 'NOT_SERVING');
    n1.health.setStatus('', 'SERVING');
  });

  it('drains and undrains a node through drain/<node>, recording who', async () => {
    const md = new grpc.Metadata();
    md.set('x-vipd-by', 'alice@ops');
    const drained = await call(coord.client, 'DrainNode', { name: 'n2' }, 10_000, md);
    assert.equal(drained.drained, true);
    assert.equal(drained.name, 'n2');
    const rec = (await daemons.get('drain/n2')) as { at: string; by: string };
    assert.equal(rec.by, 'alice@ops');
    assert.ok(!Number.isNaN(Date.parse(rec.at)));
    // Draining again keeps the first record.
    await call(coord.client, 'DrainNode', { name: 'n2' });
    assert.deepEqual(await daemons.get('drain/n2'), rec);
    const undrained = await call(coord.client, 'UndrainNode', { name: 'n2' });
    assert.equal(undrained.drained, false);
    assert.equal(await daemons.get('drain/n2'), undefined);
  });

  it('lists a drained node that is not registered, and undrains it', async () => {
    await daemons.put('drain/gone', { at: new Date().toISOString(), by: 'test' });
    const { nodes } = await call(coord.client, 'ListNodes', {});
    const gone = nodes.find((n) => n.name === 'gone');
    assert.deepEqual([gone?.alive, gone?.drained, gone?.health], [false, true, 'UNREACHABLE']);
    const r = await call(coord.client, 'UndrainNode', { name: 'gone' });
    assert.equal(r.drained, false);
  });

  it('refuses drain/undrain of unknown nodes (NOT_FOUND) and bad names (INVALID_ARGUMENT)', async () => {
    for (const method of ['DrainNode', 'UndrainNode'] as const) {
      const e = await callError(coord.client, method, { name: 'n9' });
      assert.equal(e.code, Status.NOT_FOUND, e.details);
      assert.match(e.details, /node n9 is not registered/);
      const bad = await callError(coord.client, method, { name: 'bad name' });
      assert.equal(bad.code, Status.INVALID_ARGUMENT, bad.details);
      assert.match(bad.details, /name: "bad name" is not a node name/);
    }
  });

  it('refuses moves the daemons could never carry out', async () => {
    await daemons.put('drain/n2', { at: new Date().toISOString(), by: 'test' });
    const cases: [MoveVipRequest, grpc.status, RegExp][] = [
      [{ name: 'nope', to: 'n1' }, Status.NOT_FOUND, /^vip nope not found$/],
      [{ name: 'web' }, Status.INVALID_ARGUMENT, /^name: required$/],
      [{ name: 'web', to: 'n9' }, Status.FAILED_PRECONDITION, /node n9 is not registered/],
      [
        { name: 'db', to: 'n2' },
        Status.FAILED_PRECONDITION,
        /node n2 is not eligible for vip db \(its nodes: n1\)/,
      ],
      [{ name: 'web', to: 'n2' }, Status.FAILED_PRECONDITION, /node n2 is drained; undrain it first/],
      [{ name: 'web', to: 'n3' }, Status.FAILED_PRECONDITION, /node n3 reports vip web unready/],
    ];
    for (const [req, code, re] of cases) {
      const e = await callError(coord.client, 'MoveVip', req);
      assert.equal(e.code, code, `${JSON.stringify(req)}: ${e.details}`);
      assert.match(e.details, re);
    }
    assert.equal(await daemons.get('pins/web'), undefined, 'a refused move writes no pin');
    await daemons.del('drain/n2');
  });

  it('moves a VIP: pins it, waits until the target holds it, reports from and elapsed', async () => {
    // The "daemons": once the pin names n2, n1 releases and n2 acquires.
    const handover = pollUntil(
      async () =>
        ((await daemons.get('pins/web')) as { node?: string } | undefined)?.node === 'n2' || undefined,
      { timeoutMs: 10_000, intervalMs: 50, what: 'the pin to n2' },
    ).then(async () => {
      await new Promise((r) => setTimeout(r, 300));
      await daemons.del('leaders/web');
      await daemons.put('leaders/web', { node: 'n2' }, lease);
    });
    const md = new grpc.Metadata();
    md.set('x-vipd-by', 'bob');
    const res = await call(coord.client, 'MoveVip', { name: 'web', to: 'n2', timeout_ms: 8000 }, 15_000, md);
    await handover;
    assert.equal(res.from, 'n1');
    assert.ok(res.elapsed_ms >= 250 && res.elapsed_ms < 8000, `elapsed ${res.elapsed_ms}`);
    assert.equal(res.vip!.holder, 'n2');
    assert.equal(res.vip!.pinned_to, 'n2');
    assert.equal(res.vip!.fencing_revision, await daemons.createRevision('leaders/web'));
    const pin = (await daemons.get('pins/web')) as { node: string; by: string; at: string };
    assert.deepEqual([pin.node, pin.by], ['n2', 'bob']);
  });

  it('returns at once when the target already holds the VIP', async () => {
    const res = await call(coord.client, 'MoveVip', {
      name: 'web',
      to: 'n2',
    });
    assert.equal(res.from, 'n2');
    assert.ok(res.elapsed_ms < 1000);
  });

  it('times out with DEADLINE_EXCEEDED when the target never takes it, leaving the pin', async () => {
    const started = Date.now();
    const e = await callError(coord.client, 'MoveVip', { name: 'web', to: 'n1', timeout_ms: 600 });
    assert.equal(e.code, Status.DEADLINE_EXCEEDED, e.details);
    assert.match(
      e.details,
      /vip web: node n1 did not take it within 600 ms \(holder now: n2\); the pin to n1 stays/,
    );
    assert.ok(Date.now() - started < 5000);
    assert.equal(((await daemons.get('pins/web')) as { node: string }).node, 'n1');
  });

  it('GetStatus reports the cluster, etcd, VIPs and nodes', async () => {
    const s = await call(coord.client, 'GetStatus', {});
    assert.equal(s.cluster, CLUSTER);
    assert.deepEqual(s.etcd_endpoints, [etcd.endpoint]);
    assert.equal(s.etcd_healthy, true);
    assert.deepEqual(
      s.vips.map((v) => [v.spec!.name, v.holder, v.pinned_to]),
      [
        ['db', '', ''],
        ['web', 'n2', 'n1'],
      ],
    );
    assert.deepEqual(
      s.nodes.map((n) => [n.name, n.health]),
      [
        ['n1', 'SERVING'],
        ['n2', 'UNREACHABLE'],
        ['n3', 'UNREACHABLE'],
      ],
    );
  });

  it('a node whose lease ends drops out of the list', async () => {
    await daemons.registerNode('n4', deadAddress, { lease: await daemons.grantLease(2) });
    await pollUntil(
      async () => {
        const { nodes } = await call(coord.client, 'ListNodes', {});
        return nodes.some((n) => n.name === 'n4') ? undefined : true;
      },
      { timeoutMs: 10_000, intervalMs: 200, what: 'n4 to expire' },
    );
  });
});

describe('vip-coordinator without etcd', { timeout: 60_000 }, () => {
  let coord: Coordinator;
  before(async () => {
    coord = await startCoordinator({
      endpoints: [`http://127.0.0.1:${await freePort()}`],
      cluster: 'down',
      callTimeoutMs: 300,
    });
  });
  after(async () => {
    await coord?.stop();
  });

  it('answers UNAVAILABLE (etcd unreachable) within the call deadline', async () => {
    const started = Date.now();
    const e = await callError(coord.client, 'ListVips', {});
    assert.equal(e.code, Status.UNAVAILABLE, e.details);
    assert.match(e.details, /etcd unavailable during read cluster state/);
    assert.ok(Date.now() - started < 5000);
  });

  it('GetStatus says etcd is unhealthy instead of failing', async () => {
    const s = await call(coord.client, 'GetStatus', {});
    assert.equal(s.etcd_healthy, false);
    assert.equal(s.cluster, 'down');
  });
});
