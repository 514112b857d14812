/**
 * Fuzz: hostile bytes at every AdminService method of a real coordinator over a real etcd,
 * sent raw through a grpc-js client with pass-through (Buffer) serializers. Every call must
 * end in a clean gRPC status (never INTERNAL or UNKNOWN, one line, no stack), no write may
 * succeed, etcd must be unchanged, and the coordinator must still answer SERVING after.
 * Bounded: CASES_PER_METHOD calls per method; the seed is printed on failure.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { loadAdminProto } from '@vipd/proto';
import { type LocalEtcd, startLocalEtcd } from '../harness/etcd-local';
import {
  call,
  type Coordinator,
  FakeDaemons,
  healthStatus,
  startCoordinator,
} from '../coordinator/admin-client';
import { hostilePayload, nastyRequest, type Payload } from './payloads';
import { type Prng, withSeed } from './prng';

const CLUSTER = 'fuzz';
const CASES_PER_METHOD = 60;
const Status = grpc.status;
const WRITES = [
  'CreateVip',
  'UpdateVip',
  'DeleteVip',
  'MoveVip',
  'UnpinVip',
  'DrainNode',
  'UndrainNode',
  'CreateService',
  'UpdateService',
  'DeleteService',
  'CreatePool',
  'DeletePool',
];
/** Codes a hostile request may get. OK only for reads. */
const CLEAN = new Set([
  Status.OK,
  Status.INVALID_ARGUMENT,
  Status.NOT_FOUND,
  Status.FAILED_PRECONDITION,
  Status.ALREADY_EXISTS,
  Status.RESOURCE_EXHAUSTED,
  Status.UNAUTHENTICATED,
  Status.PERMISSION_DENIED,
]);

// Raw bytes go out and come back whatever the method, so one loose method type serves all.
type MethodDef = grpc.MethodDefinition<object, unknown>;
const service: Record<string, MethodDef> = loadAdminProto().AdminService.service;

const pass = (b: Buffer): Buffer => b;

/** One raw call; resolves the status code and details (a stream counts as OK once it opens). */
function rawCall(
  client: grpc.Client,
  def: MethodDef,
  body: Buffer,
  md: grpc.Metadata,
): Promise<{ code: grpc.status; details: string }> {
  const options = { deadline: Date.now() + 10_000 };
  return new Promise((resolve) => {
    if (def.responseStream) {
      const stream = client.makeServerStreamRequest(def.path, pass, pass, body, md, options);
      stream.on('metadata', () => {
        resolve({ code: Status.OK, details: '' });
        stream.cancel();
      });
      stream.on('data', () => undefined);
      stream.on('error', (e: grpc.ServiceError) => resolve({ code: e.code, details: e.details }));
      return;
    }
    client.makeUnaryRequest(def.path, pass, pass, body, md, options, (e: grpc.ServiceError | null) =>
      resolve(e ? { code: e.code, details: e.details } : { code: Status.OK, details: '' }),
    );
  });
}

describe('fuzz: hostile bytes at every admin call', { timeout: 300_000 }, () => {
  let etcd: LocalEtcd;
  let coord: Coordinator;
  let daemons: FakeDaemons;
  let client: grpc.Client;

  before(async () => {
    etcd = await startLocalEtcd();
    coord = await startCoordinator({ endpoints: [etcd.endpoint], cluster: CLUSTER });
    daemons = new FakeDaemons(etcd.endpoint, CLUSTER);
    // Something for the calls to find: a node, a VIP it holds, a drained node.
    const lease = await daemons.grantLease(120);
    await daemons.registerNode('n1', '127.0.0.1:1', { lease });
    await call(coord.client, 'CreateVip', {
      spec: { name: 'web', address: '198.51.100.100/24', interface: 'e0', nodes: { n1: {} } },
    });
    await daemons.put('leaders/web', { node: 'n1' }, lease);
    await daemons.put('drain/n9', { at: '2024-01-01T00:00:00Z', by: 'setup' });
    client = new grpc.Client(coord.address, grpc.credentials.createInsecure());
  });

  after(async () => {
    client?.close();
    await coord?.stop();
    await etcd?.stop();
  });

  it('covers every method of admin.proto', () => {
    assert.deepEqual(Object.keys(service).sort(), [
      ...[
        ...WRITES,
        'GetVip',
        'ListVips',
        'ListNodes',
        'GetStatus',
        'WatchEvents',
        'GetService',
        'ListServices',
        'GetPool',
        'ListPools',
      ].sort(),
    ]);
  });

  it(`${CASES_PER_METHOD} hostile requests per method: clean statuses, no write, etcd unchanged, still serving`, async () => {
    const before = await daemons.state();
    const tally = new Map<string, number>();
    await withSeed('admin fuzz', async (rng: Prng) => {
      for (const [method, def] of Object.entries(service)) {
        for (let i = 0; i < CASES_PER_METHOD; i++) {
          const valid = def.requestSerialize(nastyRequest(method, rng));
          const payload: Payload =
            rng.int(4) === 0 ? { kind: 'nasty-fields', bytes: valid } : hostilePayload(rng, valid);
          const md = new grpc.Metadata();
          const who = rng.int(10);
          if (who > 1) md.set('authorization', `Bearer ${who === 2 ? coord.tokens.view : coord.tokens.op}`);
          const res = await rawCall(client, def, payload.bytes, md);
          const what = `${method} #${i} ${payload.kind} (${payload.bytes.length} bytes, ${payload.bytes.subarray(0, 24).toString('hex')}…): ${Status[res.code]} ${JSON.stringify(res.details.slice(0, 200))}`;
          assert.ok(CLEAN.has(res.code), `unclean status: ${what}`);
          assert.ok(
            !(WRITES.includes(method) && res.code === Status.OK),
            `a hostile write succeeded: ${what}`,
          );
          assert.ok(!res.details.includes('\n') && res.details.length <= 1000, `not one line: ${what}`);
          assert.ok(!/\bat \S+ \(|\.js:\d+/.test(res.details), `a stack trace: ${what}`);
          const key = `${payload.kind} → ${Status[res.code]}`;
          tally.set(key, (tally.get(key) ?? 0) + 1);
        }
      }
      assert.equal(coord.proc.exitCode, null, 'the coordinator is still running');
      assert.equal(await healthStatus(coord.address, 2000), 'SERVING');
      assert.deepEqual(await daemons.state(), before, 'etcd unchanged (same revision, same keys)');
      assert.ok(!coord.log().includes('"level":50'), 'no error-level log line');
    });
    const summary = [...tally].sort().map(([k, n]) => `${k}: ${n}`);
    process.stdout.write(`# admin fuzz outcomes: ${summary.join(', ')}\n`);
  });
});
