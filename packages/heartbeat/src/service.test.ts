/** HeartbeatService on a real gRPC server, driven by hand-made clients. */
import assert from 'node:assert/strict';
import http2 from 'node:http2';
import { test } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { type Beat__Output, bindServer } from '@vipd/proto';
import type { LocalBeat } from './beat';
import { PeerMesh } from './mesh';
import { CLIENT_OPTIONS, nodeService, serverOptions } from './wire';

const beat: Beat__Output = {
  node: 'x',
  seq: '1',
  health: 'SERVING',
  held: [],
  lease_id: '',
  peers: [],
  interval_ms: 100,
  sent_at_ms: 0,
  etcd_ok: true,
  auth: null,
  held_set: null,
};

async function serve(
  intervalMs: number,
  local: LocalBeat,
): Promise<{ mesh: PeerMesh; address: string; close(): void }> {
  const server = new grpc.Server(serverOptions());
  const mesh = new PeerMesh({ self: 'n1', intervalMs, suspectAfterMisses: 3, localBeat: () => local });
  mesh.addToServer(server);
  const port = await bindServer(server, '127.0.0.1:0');
  return {
    mesh,
    address: `127.0.0.1:${port}`,
    close: () => {
      mesh.stop();
      server.forceShutdown();
    },
  };
}

function within<T>(ms: number, p: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

test('an unknown sender is answered; a sender change mid-stream ends the stream with INVALID_ARGUMENT', async () => {
  const n1 = await serve(100, { health: 'SERVING', held: [], leaseId: '1' });
  const Client = nodeService();
  const client = new Client(n1.address, grpc.credentials.createInsecure(), CLIENT_OPTIONS);
  try {
    const call = client.Heartbeat();
    const answered = new Promise<Beat__Output>((resolve) => call.once('data', resolve));
    const ended = new Promise<grpc.StatusObject>((resolve) => call.on('status', resolve));
    call.on('error', () => undefined);
    call.write(beat);
    assert.equal((await within(2000, answered))?.node, 'n1');
    assert.equal(n1.mesh.view().size, 0, 'not in the peer set, so not in the table');
    call.write({ ...beat, node: 'y' });
    const status = await within(2000, ended);
    assert.equal(status?.code, grpc.status.INVALID_ARGUMENT);
    assert.match(status?.details ?? '', /sender changed/);
  } finally {
    client.close();
    n1.close();
  }
});

test('beats to a peer that stops reading are dropped, not queued', async () => {
  // ~55 KiB beats (under the 64 KiB cap) every 10 ms: the HTTP/2 window and socket buffers fill fast.
  const held = Array.from({ length: 1000 }, (_, i) => ({
    name: `vip-${i}`.padEnd(40, 'x'),
    revision: `${1e9 + i}`,
  }));
  const n1 = await serve(10, { health: 'SERVING', held, leaseId: '1' });
  // 'slow' is a member that acknowledges none of n1's held set: every beat of n1 carries all of it.
  n1.mesh.setPeers(new Map([['slow', '127.0.0.1:9']]));
  // A raw HTTP/2 client: opens the stream, sends one beat, then never reads.
  const session = http2.connect(`http://${n1.address}`);
  session.on('error', () => undefined);
  const req = session.request({
    ':method': 'POST',
    ':path': '/vipd.v1.NodeService/Heartbeat',
    'content-type': 'application/grpc',
    te: 'trailers',
  });
  req.on('error', () => undefined);
  req.pause();
  try {
    // It advertises a 60 s interval, so the service does not end its stream as idle.
    const body = nodeService().service.Heartbeat.requestSerialize({
      ...beat,
      node: 'slow',
      interval_ms: 60_000,
    });
    const frame = Buffer.alloc(5 + body.length);
    frame.writeUInt32BE(body.length, 1);
    body.copy(frame, 5);
    req.write(frame);
    const deadline = performance.now() + 5000;
    let dropped = 0;
    while (dropped < 20 && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      dropped = n1.mesh.service.stats().open.find((s) => s.node === 'slow')?.dropped ?? 0;
    }
    assert.ok(dropped >= 20, `only ${dropped} beats dropped`);
  } finally {
    req.close();
    session.destroy();
    n1.close();
  }
});
