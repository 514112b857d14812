/**
 * PeerMesh with signed beats and stream binding, on real gRPC servers on 127.0.0.1: members
 * with the cluster key hear each other; a member with another key, an unsigned forger and a
 * stream from the wrong address change nothing and are counted and logged.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { memoryLogger, monotonicClock } from '@vipd/log';
import { type Beat__Output, bindServer } from '@vipd/proto';
import type { LocalBeat } from './beat';
import { BeatKeyring, type RejectReason } from './beat-auth';
import { PeerMesh } from './mesh';
import { REJECT_LOG_LINES } from './rejections';
import { CLIENT_OPTIONS, nodeService, serverOptions } from './wire';

const INTERVAL = 50;
const KEY = Buffer.alloc(32, 3);

interface Node {
  name: string;
  address: string;
  mesh: PeerMesh;
  server: grpc.Server;
  log: ReturnType<typeof memoryLogger>;
  rejected: RejectReason[];
}

async function startNode(name: string, key: Buffer, local: LocalBeat): Promise<Node> {
  const server = new grpc.Server(serverOptions());
  const log = memoryLogger();
  const keyring = new BeatKeyring(monotonicClock);
  keyring.setKey(key);
  const mesh = new PeerMesh({
    self: name,
    intervalMs: INTERVAL,
    suspectAfterMisses: 3,
    localBeat: () => local,
    log,
    keyring,
  });
  const rejected: RejectReason[] = [];
  mesh.on('rejected', (reason) => rejected.push(reason));
  mesh.addToServer(server);
  const port = await bindServer(server, '127.0.0.1:0');
  return { name, address: `127.0.0.1:${port}`, mesh, server, log, rejected };
}

function stop(...nodes: Node[]): void {
  for (const n of nodes) {
    n.mesh.stop();
    n.server.forceShutdown();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(what: string, timeoutMs: number, predicate: () => boolean): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

const forged = (node: string, seq: number): Beat__Output => ({
  node,
  seq: String(seq),
  health: 'SERVING',
  held: [{ name: 'web', revision: '999999999' }],
  lease_id: '7',
  peers: [],
  interval_ms: INTERVAL,
  sent_at_ms: seq,
  etcd_ok: true,
  auth: null,
  held_set: null,
});

test('members with the cluster key hear each other; one with another key is refused both ways', async () => {
  const held = [{ name: 'web', revision: '12' }];
  const n1 = await startNode('n1', KEY, { health: 'SERVING', held, leaseId: '1' });
  const n2 = await startNode('n2', KEY, { health: 'SERVING', held: [], leaseId: '2' });
  const n3 = await startNode('n3', Buffer.alloc(32, 4), { health: 'SERVING', held, leaseId: '3' });
  try {
    const all = [n1, n2, n3];
    for (const n of all) n.mesh.setPeers(new Map(all.filter((o) => o !== n).map((o) => [o.name, o.address])));
    await waitFor('n1 and n2 to hear each other', 3000, () =>
      [n1.mesh.view().get('n2'), n2.mesh.view().get('n1')].every((s) => s?.lastBeat && !s.suspect),
    );
    // n1's first beat can predate its peer set (the header of its set, no entries): wait for the set.
    await waitFor(
      'n2 to know what n1 holds',
      3000,
      () => n2.mesh.view().get('n1')?.lastBeat?.heldKnown !== false,
    );
    assert.deepEqual(n2.mesh.view().get('n1')?.lastBeat?.held, held);
    await sleep(8 * INTERVAL);
    assert.equal(n1.mesh.view().get('n3')?.lastBeat, undefined, 'n1 never counted a beat of n3');
    assert.equal(n3.mesh.view().get('n1')?.lastBeat, undefined, 'n3 never counted a beat of n1');
    assert.equal(n1.mesh.view().get('n3')?.suspect, true);
    assert.ok(n1.rejected.includes('unknown_key'), `n1 rejected: ${n1.rejected.join(',')}`);
    // One log line per stream, not one per beat: n3 reopens its silent stream about once a
    // second (CONNECT_TIMEOUT_MS), so wait for a second stream's line.
    const refused = () => n1.log.lines.filter((l) => l.msg === 'beat refused');
    await waitFor('a second stream of n3 refused', 5000, () => refused().length >= 2);
    const lines = refused();
    assert.ok(lines.length <= REJECT_LOG_LINES, `${lines.length} lines`);
    const streams = lines.map((l) => `${String(l.fields.direction)} ${String(l.fields.peer)}`);
    assert.equal(new Set(streams).size, lines.length, `a stream logged twice: ${streams.join(', ')}`);
    assert.ok(n1.rejected.length > 2 * lines.length, `${n1.rejected.length} beats refused`);
    for (const l of lines) {
      assert.equal(l.fields.reason, 'unknown_key');
      assert.equal(l.fields.claimed, 'n3');
    }
    for (const l of n1.log.lines) assert.equal(JSON.stringify(l).includes(KEY.toString('base64')), false);
  } finally {
    stop(n1, n2, n3);
  }
});

test('an unsigned forger is never answered nor counted; a stream from the wrong address is refused', async () => {
  const n1 = await startNode('n1', KEY, { health: 'SERVING', held: [], leaseId: '1' });
  const n2 = await startNode('n2', KEY, { health: 'SERVING', held: [], leaseId: '2' });
  const Client = nodeService();
  const client = new Client(n1.address, grpc.credentials.createInsecure(), CLIENT_OPTIONS);
  try {
    // n2 is registered at 127.0.0.1 (where the forger is): binding passes, the signature does not.
    n1.mesh.setPeers(new Map([['n2', n2.address]]));
    const claims: string[] = [];
    n1.mesh.on('beat', (_node, b) => claims.push(...b.held.map((h) => `${h.name}@${h.revision}`)));
    const call = client.Heartbeat();
    let answers = 0;
    call.on('data', () => answers++);
    call.on('error', () => undefined);
    for (let i = 1; i <= 5; i++) {
      call.write(forged('n2', i));
      await sleep(INTERVAL);
    }
    assert.equal(answers, 0, 'no answer to unsigned beats');
    assert.deepEqual(claims, [], 'the forged claim was never counted (the real n2 holds nothing)');
    assert.deepEqual([...new Set(n1.rejected)], ['unsigned']);
    call.cancel();

    // Now n2 is registered at 127.0.0.2: a stream from 127.0.0.1 claiming n2 is refused at once.
    n1.mesh.setPeers(new Map([['n2', '127.0.0.2:7400']]));
    const call2 = client.Heartbeat();
    const status = new Promise<grpc.StatusObject>((resolve) => call2.on('status', resolve));
    call2.on('error', () => undefined);
    call2.write(forged('n2', 1));
    assert.equal((await status).code, grpc.status.PERMISSION_DENIED);
    assert.ok(n1.rejected.includes('address'));
    const line = n1.log.lines.find((l) => l.msg === 'heartbeat stream refused');
    assert.match(
      String(line?.fields.detail),
      /claims to be n2 but comes from 127\.0\.0\.1; n2 is registered at 127\.0\.0\.2/,
    );
  } finally {
    client.close();
    stop(n1, n2);
  }
});
