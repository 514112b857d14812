/**
 * The heartbeat mesh over mutual TLS, as a matrix: real PeerMesh instances with real gRPC
 * servers on 127.0.0.1, the credentials vipd builds from heartbeat.tls. Two nodes with
 * certificates from the private CA see each other; a third node with a certificate from
 * another CA, an expired one, or none cannot join: none of its beats are accepted, and the
 * good nodes never see it alive (nor does it see them).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import {
  meshChannelCredentials,
  meshServerCredentials,
  PeerMesh,
  serverOptions,
  type MeshTls,
} from '@vipd/heartbeat';
import { memoryLogger } from '@vipd/log';
import { bindServer } from '@vipd/proto';
import { createTestPki, type Issued, type TestPki } from '../harness/certs';
import { pollUntil, sleep } from '../harness/proc';

const INTERVAL_MS = 50;

interface Node {
  name: string;
  address: string;
  mesh: PeerMesh;
  server: grpc.Server;
}

async function startNode(name: string, tls: MeshTls | undefined): Promise<Node> {
  const server = new grpc.Server(serverOptions());
  const mesh = new PeerMesh({
    self: name,
    intervalMs: INTERVAL_MS,
    suspectAfterMisses: 3,
    credentials: meshChannelCredentials(tls),
    localBeat: () => ({ health: 'SERVING', held: [], leaseId: `lease-${name}` }),
    log: memoryLogger(),
    backoff: { initialMs: 20, maxMs: 200 },
  });
  mesh.addToServer(server);
  const port = await bindServer(server, '127.0.0.1:0', meshServerCredentials(tls));
  return { name, address: `127.0.0.1:${port}`, mesh, server };
}

function stop(n: Node): void {
  n.mesh.stop();
  n.server.forceShutdown();
}

function connect(nodes: Node[]): void {
  for (const n of nodes) {
    n.mesh.setPeers(new Map(nodes.filter((o) => o !== n).map((o) => [o.name, o.address])));
  }
}

function heard(from: Node, of: Node): boolean {
  return from.mesh.view().get(of.name)?.lastBeatAt !== undefined;
}

describe('heartbeat mesh over mutual TLS', () => {
  let pki: TestPki;
  let files: (leaf: Issued, ca?: string) => MeshTls;
  let n1: Issued;
  let n2: Issued;

  before(async () => {
    pki = await createTestPki();
    // Each node's certificate names its address (the peers dial 127.0.0.1).
    n1 = await pki.ca.issue('n1', { cn: 'n1', ips: ['127.0.0.1'] });
    n2 = await pki.ca.issue('n2', { cn: 'n2', ips: ['127.0.0.1'] });
    files = (leaf, ca = pki.ca.cert) => ({
      ca: readFileSync(ca),
      cert: readFileSync(leaf.cert),
      key: readFileSync(leaf.key),
    });
  });
  after(() => pki.remove());

  const intruders: [string, () => Promise<MeshTls | undefined>][] = [
    [
      'a certificate from another CA',
      async () => files(await pki.otherCa.issue('n3-other', { cn: 'n3', ips: ['127.0.0.1'] })),
    ],
    [
      'an expired certificate',
      async () => files(await pki.ca.issue('n3-expired', { cn: 'n3', ips: ['127.0.0.1'], expired: true })),
    ],
    ['no certificate (plaintext)', () => Promise.resolve(undefined)],
  ];

  for (const [what, intruderTls] of intruders) {
    it(`a node with ${what} cannot join; the CA's nodes see each other`, async () => {
      const a = await startNode('n1', files(n1));
      const b = await startNode('n2', files(n2));
      const c = await startNode('n3', await intruderTls());
      try {
        connect([a, b, c]);
        await pollUntil(async () => (heard(a, b) && heard(b, a) ? true : undefined), {
          timeoutMs: 10_000,
          intervalMs: 20,
          what: 'n1 and n2 to hear each other over mTLS',
        });
        // Give the intruder many intervals (and reconnect attempts) to get a beat through.
        await sleep(40 * INTERVAL_MS);
        assert.equal(heard(a, c), false, 'n1 accepted a beat from n3');
        assert.equal(heard(b, c), false, 'n2 accepted a beat from n3');
        assert.equal(heard(c, a), false, 'n3 accepted a beat from n1');
        assert.equal(heard(c, b), false, 'n3 accepted a beat from n2');
        assert.equal(a.mesh.view().get('n3')?.connected, false);
        assert.equal(a.mesh.view().get('n2')?.connected, true);
        // No inbound stream from n3 ever reached the heartbeat service on n1 or n2.
        for (const n of [a, b]) {
          assert.ok(n.mesh.service.stats().open.every((s) => s.node !== 'n3'));
        }
      } finally {
        for (const n of [a, b, c]) stop(n);
      }
    });
  }

  it('a peer that trusts only the public roots cannot verify a private-CA node', async () => {
    const a = await startNode('n1', files(n1));
    const client = new grpc.Client(a.address, grpc.credentials.createSsl());
    try {
      const state = await new Promise<string>((resolve) =>
        client.waitForReady(Date.now() + 2000, (err) => resolve(err ? 'not ready' : 'ready')),
      );
      assert.equal(state, 'not ready');
    } finally {
      client.close();
      stop(a);
    }
  });
});
