/**
 * vip-coordinator authorization against a real etcd: every write call of admin.proto is
 * refused without a token, with a viewer token, with a wrong or malformed one, and nothing
 * reaches etcd; the operator token works. Reads work with a viewer token, and without one
 * only under `auth.anonymous: viewer`. Every write leaves one audit line (who, what,
 * result), and no token appears anywhere in the log. Reflection can be switched off.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { type LocalEtcd, startLocalEtcd } from '../harness/etcd-local';
import type { AdminRequest, AdminServiceClient, AdminUnaryMethod } from '@vipd/proto';
import {
  adminClient,
  call,
  type Coordinator,
  FakeDaemons,
  newToken,
  reflectionServices,
  startCoordinator,
} from './admin-client';

const CLUSTER = 'auth';
const Status = grpc.status;

type Method = AdminUnaryMethod;

interface WriteCase {
  method: Method;
  request: AdminRequest<Method>;
  /** What the audit line names. */
  fields: Record<string, string>;
  /** True once the operator's call took effect in etcd. */
  done(d: FakeDaemons): Promise<boolean>;
}

const spec = (name: string, address: string) => ({
  name,
  address,
  interface: 'e0',
  nodes: { n1: {}, n2: {} },
});

/** Every write call of admin.proto (auth.ts METHOD_KINDS lists the same six). */
const WRITES: WriteCase[] = [
  {
    method: 'CreateVip',
    request: { spec: spec('web2', '198.51.100.102/24') },
    fields: { vip: 'web2', address: '198.51.100.102/24' },
    done: async (d) => (await d.get('vips/web2')) !== undefined,
  },
  {
    method: 'UpdateVip',
    request: { spec: spec('web', '198.51.100.103/24') },
    fields: { vip: 'web', address: '198.51.100.103/24' },
    done: async (d) => ((await d.get('vips/web')) as { address: string }).address === '198.51.100.103/24',
  },
  {
    method: 'DeleteVip',
    request: { name: 'gone' },
    fields: { vip: 'gone' },
    done: async (d) => (await d.get('vips/gone')) === undefined,
  },
  {
    method: 'MoveVip',
    request: { name: 'web', to: 'n2', timeout_ms: 2000 },
    fields: { vip: 'web', target: 'n2' },
    done: async (d) => ((await d.get('pins/web')) as { node?: string } | undefined)?.node === 'n2',
  },
  {
    method: 'CreatePool',
    request: { spec: { name: 'p1', addresses: ['203.0.113.0/30'] } },
    fields: { pool: 'p1' },
    done: async (d) => (await d.get('pools/p1')) !== undefined,
  },
  {
    method: 'DeletePool',
    request: { name: 'p1' },
    fields: { pool: 'p1' },
    done: async (d) => (await d.get('pools/p1')) === undefined,
  },
  {
    method: 'UnpinVip',
    request: { name: 'web' },
    fields: { vip: 'web' },
    done: async (d) => (await d.get('pins/web')) === undefined,
  },
  {
    method: 'DrainNode',
    request: { name: 'n1' },
    fields: { node: 'n1' },
    done: async (d) => (await d.get('drain/n1')) !== undefined,
  },
  {
    method: 'UndrainNode',
    request: { name: 'n3' },
    fields: { node: 'n3' },
    done: async (d) => (await d.get('drain/n3')) === undefined,
  },
];

const READS: [Method, AdminRequest<Method>][] = [
  ['GetVip', { name: 'web' }],
  ['ListVips', {}],
  ['ListNodes', {}],
  ['GetStatus', {}],
];

async function refusal(
  client: AdminServiceClient,
  method: Method,
  req: AdminRequest<Method>,
  md?: grpc.Metadata,
): Promise<grpc.ServiceError> {
  try {
    await call(client, method, req, 5000, md);
  } catch (err) {
    return err as grpc.ServiceError;
  }
  throw new Error(`${method} succeeded but should have been refused`);
}

/** Opens WatchEvents; resolves 'open' once headers arrive, or the refusal's code. */
function watchOutcome(client: AdminServiceClient): Promise<'open' | grpc.status> {
  const stream = client.WatchEvents({}, { deadline: Date.now() + 5000 });
  return new Promise((resolve) => {
    stream.once('metadata', () => {
      resolve('open');
      stream.cancel();
    });
    stream.on('error', (err: grpc.ServiceError) => resolve(err.code));
  });
}

interface AuditLine {
  component: string;
  who: string;
  via: string;
  peer: string;
  method: string;
  result: string;
  message: string;
  [field: string]: string;
}

function auditLines(log: string): AuditLine[] {
  return log
    .split('\n')
    .filter((l) => l.includes('"component":"audit"'))
    .map((l) => JSON.parse(l) as AuditLine);
}

describe('vip-coordinator: tokens, roles, audit', { timeout: 120_000 }, () => {
  let etcd: LocalEtcd;
  let coord: Coordinator;
  let daemons: FakeDaemons;
  let anonymous: AdminServiceClient;
  let viewer: AdminServiceClient;
  let wrong: AdminServiceClient;
  const wrongToken = newToken();

  before(async () => {
    etcd = await startLocalEtcd();
    coord = await startCoordinator({ endpoints: [etcd.endpoint], cluster: CLUSTER });
    daemons = new FakeDaemons(etcd.endpoint, CLUSTER);
    const lease = await daemons.grantLease(60);
    for (const n of ['n1', 'n2']) await daemons.registerNode(n, '127.0.0.1:1', { lease });
    await daemons.put('drain/n3', { at: '2024-01-01T00:00:00Z', by: 'setup' });
    await call(coord.client, 'CreateVip', { spec: spec('web', '198.51.100.100/24') });
    await call(coord.client, 'CreateVip', { spec: spec('gone', '198.51.100.101/24') });
    await daemons.put('leaders/web', { node: 'n2' }, lease);
    anonymous = adminClient(coord.address);
    viewer = adminClient(coord.address, coord.tokens.view);
    wrong = adminClient(coord.address, wrongToken);
  });

  after(async () => {
    for (const c of [anonymous, viewer, wrong]) c?.close();
    await coord?.stop();
    await etcd?.stop();
  });

  it('refuses every write without a token, with a viewer, wrong or malformed token; etcd unchanged', async () => {
    const before = await daemons.state();
    const basic = new grpc.Metadata();
    basic.set('authorization', `Basic ${coord.tokens.op}`);
    for (const w of WRITES) {
      const none = await refusal(anonymous, w.method, w.request);
      assert.equal(none.code, Status.UNAUTHENTICATED, `${w.method} without a token: ${none.details}`);
      assert.match(none.details, new RegExp(`^${w.method} changes the cluster and needs an operator token`));
      const view = await refusal(viewer, w.method, w.request);
      assert.equal(view.code, Status.PERMISSION_DENIED, `${w.method} as viewer: ${view.details}`);
      assert.equal(view.details, `${w.method} needs the operator role; view has role viewer`);
      const bad = await refusal(wrong, w.method, w.request);
      assert.equal(bad.code, Status.UNAUTHENTICATED, `${w.method} with a wrong token`);
      assert.equal(bad.details, 'invalid token');
      const malformed = await refusal(anonymous, w.method, w.request, basic);
      assert.equal(malformed.code, Status.UNAUTHENTICATED, `${w.method} with Basic auth`);
      assert.match(malformed.details, /must be one "Bearer <token>"/);
    }
    assert.deepEqual(
      await daemons.state(),
      before,
      'no refused write reached etcd (same revision, same keys)',
    );
  });

  it('lets the operator token make every write', async () => {
    for (const w of WRITES) {
      assert.equal(await w.done(daemons), false, `${w.method} has not happened yet`);
      await call(coord.client, w.method, w.request);
      assert.equal(await w.done(daemons), true, `${w.method} took effect in etcd`);
    }
  });

  it('serves reads and the event stream to a viewer; refuses them anonymously by default', async () => {
    for (const [method, req] of READS) {
      await call(viewer, method, req);
      const e = await refusal(anonymous, method, req);
      assert.equal(e.code, Status.UNAUTHENTICATED, `${method} without a token`);
      assert.match(
        e.details,
        /needs a token \(viewer or operator\); this coordinator allows no anonymous reads/,
      );
    }
    assert.equal(await watchOutcome(viewer), 'open');
    assert.equal(await watchOutcome(anonymous), Status.UNAUTHENTICATED);
    assert.equal(await watchOutcome(wrong), Status.UNAUTHENTICATED);
  });

  it('writes one audit line per write call with who, what and result, and never a token', () => {
    const log = coord.log();
    const lines = auditLines(log);
    for (const w of WRITES) {
      const of = (who: string, result: string) =>
        lines.filter((l) => l.method === w.method && l.who === who && l.result === result);
      const ok = of('op', 'OK').filter((l) => Object.entries(w.fields).every(([k, v]) => l[k] === v));
      assert.equal(ok.length, 1, `one OK audit line for ${w.method} by op`);
      for (const [k, v] of Object.entries(w.fields)) assert.equal(ok[0]![k], v, `${w.method} audit ${k}`);
      assert.equal(ok[0]!.via, 'token');
      assert.match(ok[0]!.peer, /^(ipv4:)?127\.0\.0\.1:\d+$/);
      assert.equal(of('anonymous', 'UNAUTHENTICATED').length, 1, `${w.method} without a token`);
      const denied = of('view', 'PERMISSION_DENIED');
      assert.equal(denied.length, 1, `${w.method} by view`);
      assert.match(denied[0]!.message, /needs the operator role/);
      const refused = of('unauthenticated', 'UNAUTHENTICATED');
      assert.equal(refused.length, 2, `${w.method} with a wrong token, with Basic`);
    }
    assert.ok(
      lines.every((l) => !['GetVip', 'ListVips', 'ListNodes', 'GetStatus', 'WatchEvents'].includes(l.method)),
      'reads are not audited',
    );
    for (const token of [coord.tokens.op, coord.tokens.view, wrongToken]) {
      assert.ok(!log.includes(token), 'no token text anywhere in the log');
    }
  });
});

describe('vip-coordinator: anonymous viewer and reflection off', { timeout: 60_000 }, () => {
  let etcd: LocalEtcd;
  let coord: Coordinator;
  let anonymous: AdminServiceClient;

  before(async () => {
    etcd = await startLocalEtcd();
    coord = await startCoordinator({
      endpoints: [etcd.endpoint],
      cluster: CLUSTER,
      anonymous: 'viewer',
      reflection: false,
    });
    anonymous = adminClient(coord.address);
    await call(coord.client, 'CreateVip', { spec: spec('web', '198.51.100.100/24') });
  });

  after(async () => {
    anonymous?.close();
    await coord?.stop();
    await etcd?.stop();
  });

  it('with auth.anonymous: viewer, reads need no token but writes still do', async () => {
    for (const [method, req] of READS) await call(anonymous, method, req);
    assert.equal(await watchOutcome(anonymous), 'open');
    const daemons = new FakeDaemons(etcd.endpoint, CLUSTER);
    const before = await daemons.state();
    for (const w of WRITES) {
      const e = await refusal(anonymous, w.method, w.request);
      assert.equal(e.code, Status.UNAUTHENTICATED, `${w.method} anonymously`);
    }
    assert.deepEqual(await daemons.state(), before);
  });

  it('with reflection: false, a reflection client gets UNIMPLEMENTED', async () => {
    await assert.rejects(reflectionServices(coord.address), (err: grpc.ServiceError) => {
      assert.equal(err.code, Status.UNIMPLEMENTED, err.details);
      return true;
    });
  });
});
