/**
 * PeerMesh against real gRPC servers on 127.0.0.1 (port 0), 100 ms interval, 3 misses.
 * Every wait is bounded; every server, mesh and channel is closed in `finally`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { memoryLogger } from '@vipd/log';
import { type Beat__Output, bindServer } from '@vipd/proto';
import type { HeldVip, LocalBeat, ReceivedBeat } from './beat';
import { BeatKeyring } from './beat-auth';
import { PeerMesh } from './mesh';
import { encodedSize, serverOptions } from './wire';

const INTERVAL = 100;
const MISSES = 3;
const TOLERANCE = 150; // timer lateness on a busy machine

interface Node {
  name: string;
  address: string;
  mesh: PeerMesh;
  server: grpc.Server;
  local: LocalBeat;
  log: ReturnType<typeof memoryLogger>;
}

async function startNode(name: string, port = 0, keyring?: BeatKeyring): Promise<Node> {
  const server = new grpc.Server(serverOptions());
  const log = memoryLogger();
  const node: Node = {
    name,
    address: '',
    server,
    log,
    local: { health: 'SERVING', held: [], leaseId: `lease-${name}` },
    mesh: undefined as unknown as PeerMesh, // set just below
  };
  node.mesh = new PeerMesh({
    self: name,
    intervalMs: INTERVAL,
    suspectAfterMisses: MISSES,
    localBeat: () => node.local,
    log,
    keyring,
  });
  node.mesh.addToServer(server);
  const bound = await bind(server, `127.0.0.1:${port}`);
  node.address = `127.0.0.1:${bound}`;
  return node;
}

async function bind(server: grpc.Server, address: string): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await bindServer(server, address);
    } catch (err) {
      if (attempt >= 20) throw err;
      await sleep(50); // the same port right after a shutdown may need a moment
    }
  }
}

function stopNode(n: Node): void {
  n.mesh.stop();
  n.server.forceShutdown();
}

function connect(nodes: Node[]): void {
  for (const n of nodes) {
    n.mesh.setPeers(new Map(nodes.filter((o) => o !== n).map((o) => [o.name, o.address])));
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves with performance.now() when `mesh` emits `event` for `node`; rejects after `timeoutMs`. */
function next(
  mesh: PeerMesh,
  event: 'alive' | 'suspect' | 'removed',
  node: string,
  timeoutMs: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const listener = (n: string): void => {
      if (n !== node) return;
      done();
      resolve(performance.now());
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no ${event} for ${node} within ${timeoutMs} ms`));
    }, timeoutMs);
    const done = (): void => {
      clearTimeout(timer);
      mesh.off(event, listener);
    };
    mesh.on(event, listener);
  });
}

async function waitFor(what: string, timeoutMs: number, predicate: () => boolean): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

test('three nodes see each other alive within a few intervals; beats carry held VIPs, revisions, health', async (t) => {
  const nodes = [await startNode('n1'), await startNode('n2'), await startNode('n3')];
  try {
    const [n1, n2, n3] = nodes as [Node, Node, Node];
    n2.local = { health: 'SERVING', held: [{ name: 'web', revision: '1042' }], leaseId: '7587' };
    const t0 = performance.now();
    const alive = nodes.flatMap((n) =>
      // 10 intervals: this is also the process's first connection (cold code paths).
      nodes.filter((o) => o !== n).map((o) => next(n.mesh, 'alive', o.name, 10 * INTERVAL)),
    );
    connect(nodes);
    const times = await Promise.all(alive);
    t.diagnostic(`all 6 directions alive ${Math.round(Math.max(...times) - t0)} ms after setPeers`);

    await sleep(2 * INTERVAL); // let every side's view of the others settle
    const seen = n1.mesh.view().get('n2');
    assert.equal(seen?.connected, true);
    assert.equal(seen?.suspect, false);
    assert.equal(seen?.address, n2.address);
    assert.ok((seen?.lastSeenMsAgo ?? Infinity) <= 2 * INTERVAL);
    assert.deepEqual(seen?.lastBeat?.held, [{ name: 'web', revision: '1042' }]);
    assert.equal(seen?.lastBeat?.health, 'SERVING');
    assert.equal(seen?.lastBeat?.leaseId, '7587');
    assert.equal(seen?.lastBeat?.intervalMs, INTERVAL);
    const n3InN2 = seen?.lastBeat?.peers.find((p) => p.node === 'n3');
    assert.equal(n3InN2?.suspect, false);
    assert.ok((n3InN2?.lastSeenMsAgo ?? Infinity) < MISSES * INTERVAL);
    const seq1 = seen?.lastBeat?.seq ?? 0;

    // What localBeat() says changes what the peers see, within about an interval.
    n2.local = { health: 'NOT_SERVING', held: [], leaseId: '7587' };
    await waitFor('n3 to see n2 NOT_SERVING', 3 * INTERVAL, () => {
      const b = n3.mesh.view().get('n2')?.lastBeat;
      return b?.health === 'NOT_SERVING' && b.held.length === 0;
    });
    assert.ok((n1.mesh.view().get('n2')?.lastBeat?.seq ?? 0) > seq1, 'seq grows');
  } finally {
    nodes.forEach(stopNode);
  }
});

test('a stopped node is suspect after misses×interval, not before; restarted on its address it is alive again', async (t) => {
  const nodes = [await startNode('n1'), await startNode('n2'), await startNode('n3')];
  let restarted: Node | undefined;
  try {
    const [n1, n2, n3] = nodes as [Node, Node, Node];
    const alive = [next(n1.mesh, 'alive', 'n3', 5 * INTERVAL), next(n2.mesh, 'alive', 'n3', 5 * INTERVAL)];
    connect(nodes);
    await Promise.all(alive);
    await sleep(3 * INTERVAL);

    const suspect = [n1, n2].map((n) => next(n.mesh, 'suspect', 'n3', 3000));
    // When n2 first hears from n1 that n3 is suspect (a takeover waits for every member's word).
    let reportedAt: number | undefined;
    n2.mesh.on('beat', (node: string, beat: ReceivedBeat) => {
      if (node === 'n1' && reportedAt === undefined && beat.peers.some((p) => p.node === 'n3' && p.suspect))
        reportedAt = performance.now();
    });
    const stoppedAt = performance.now();
    stopNode(n3);
    const at = await Promise.all(suspect);
    await waitFor("n1's word that n3 is suspect", 3 * INTERVAL, () => reportedAt !== undefined);
    const toldAfter = reportedAt! - at[0]!;
    t.diagnostic(`n2 heard of n1's suspicion ${Math.round(toldAfter)} ms after it`);
    assert.ok(
      toldAfter < INTERVAL / 2,
      `n1 said so ${Math.round(toldAfter)} ms later: in its next beat, not at once`,
    );
    for (const [i, suspectAt] of at.entries()) {
      // The table's own monotonic time of n3's last beat (same clock as performance.now()).
      // The lower bound is on silence, not on time since stop: under CPU load n3's last
      // beats can arrive late or early relative to stop().
      const lastBeat = [n1, n2][i]?.mesh.view().get('n3')?.lastBeatAt;
      assert.ok(lastBeat !== undefined);
      const silent = suspectAt - lastBeat;
      const sinceStop = suspectAt - stoppedAt;
      t.diagnostic(
        `suspect ${Math.round(sinceStop)} ms after stop, ${Math.round(silent)} ms after last beat`,
      );
      assert.ok(silent >= MISSES * INTERVAL - 2, `suspected after only ${silent} ms of silence`);
      assert.ok(sinceStop <= (MISSES + 1) * INTERVAL + TOLERANCE, `suspected ${sinceStop} ms after stop`);
    }
    assert.equal(n1.mesh.view().get('n3')?.suspect, true);
    assert.equal(n1.mesh.view().get('n3')?.connected, false);

    // Same name, same address: n1 and n2 reconnect by themselves (backoff ≤ 1 s).
    const port = Number(n3.address.split(':')[1]);
    const back = [next(n1.mesh, 'alive', 'n3', 3000), next(n2.mesh, 'alive', 'n3', 3000)];
    restarted = await startNode('n3', port);
    restarted.mesh.setPeers(
      new Map([
        [n1.name, n1.address],
        [n2.name, n2.address],
      ]),
    );
    await Promise.all(back);
    const r = restarted;
    await waitFor("n1's and n2's own streams to reach the new n3", 2500, () => {
      const from = r.mesh.service.stats().open.map((s) => s.node);
      return from.includes('n1') && from.includes('n2');
    });
    assert.equal(n1.mesh.view().get('n3')?.suspect, false);
  } finally {
    nodes.forEach(stopNode);
    if (restarted) stopNode(restarted);
  }
});

test('a removed peer is forgotten: stream closed, no reconnect, its beats ignored', async () => {
  const nodes = [await startNode('n1'), await startNode('n2')];
  try {
    const [n1, n2] = nodes as [Node, Node];
    const alive = next(n1.mesh, 'alive', 'n2', 5 * INTERVAL);
    connect(nodes);
    await alive;
    await waitFor('n1 stream on n2', 5 * INTERVAL, () =>
      n2.mesh.service.stats().open.some((s) => s.node === 'n1'),
    );
    const accepted = n2.mesh.service.stats().accepted;
    let removed = false;
    n1.mesh.on('removed', (node) => (removed ||= node === 'n2'));
    let beatsAfter = 0;
    n1.mesh.on('beat', () => beatsAfter++);

    n1.mesh.setPeers(new Map());
    assert.equal(removed, true);
    assert.equal(n1.mesh.view().size, 0);
    await waitFor('n2 to see n1 stream closed', 5 * INTERVAL, () =>
      n2.mesh.service.stats().open.every((s) => s.node !== 'n1'),
    );
    await sleep(6 * INTERVAL); // well past the first reconnect delays (25–50 ms, 50–100 ms)
    assert.equal(n2.mesh.service.stats().accepted, accepted, 'n1 opened no new stream to n2');
    assert.equal(beatsAfter, 0, 'n2 still beats to n1, but n1 no longer records it');
    assert.equal(n1.mesh.view().size, 0);
    // n2 still has n1 in its set and n1 still answers it.
    assert.equal(n2.mesh.view().get('n1')?.suspect, false);
  } finally {
    nodes.forEach(stopNode);
  }
});

test('a peer that never listens is suspect after misses×interval from being added; retries back off', async () => {
  const n1 = await startNode('n1');
  const ghostServer = new grpc.Server();
  const ghostPort = await bind(ghostServer, '127.0.0.1:0');
  ghostServer.forceShutdown(); // the port is now closed: connections are refused
  try {
    const suspect = next(n1.mesh, 'suspect', 'ghost', 3000);
    const addedAt = performance.now();
    n1.mesh.setPeers(new Map([['ghost', `127.0.0.1:${ghostPort}`]]));
    const elapsed = (await suspect) - addedAt;
    assert.ok(elapsed >= MISSES * INTERVAL - 2, `suspect after ${elapsed} ms`);
    assert.ok(elapsed <= (MISSES + 1) * INTERVAL + TOLERANCE, `suspect after ${elapsed} ms`);
    const ghost = n1.mesh.view().get('ghost');
    assert.deepEqual(
      [ghost?.connected, ghost?.lastBeatAt, ghost?.lastSeenMsAgo, ghost?.suspect],
      [false, undefined, undefined, true],
    );
    await sleep(5 * INTERVAL);
    const retries = n1.log.lines.filter((l) => l.msg === 'heartbeat stream lost; reconnecting');
    assert.ok(retries.length >= 3, `only ${retries.length} reconnects`);
    assert.ok(retries.length <= 12, `${retries.length} reconnects in under a second: no backoff`);
    assert.ok(retries.every((l) => l.level === 'debug' && l.fields.component === 'heartbeat'));
    const info = n1.log.lines.find((l) => l.msg === 'peer suspect');
    assert.equal(info?.level, 'info');
    assert.equal(info?.fields.node, 'ghost');
  } finally {
    stopNode(n1);
  }
});

test('an address change reopens the stream to the new address and the peer comes alive there', async () => {
  const nodes = [await startNode('n1'), await startNode('n2')];
  const [n1, n2] = nodes as [Node, Node];
  const closed = new grpc.Server();
  const closedPort = await bind(closed, '127.0.0.1:0');
  closed.forceShutdown();
  try {
    // n1 first has a wrong address for n2 (and n2 does not know n1, so nothing comes inbound).
    const suspect = next(n1.mesh, 'suspect', 'n2', 2000);
    n1.mesh.setPeers(new Map([['n2', `127.0.0.1:${closedPort}`]]));
    await suspect;
    const alive = next(n1.mesh, 'alive', 'n2', 2000);
    n1.mesh.setPeers(new Map([['n2', n2.address]]));
    await alive;
    assert.equal(n1.mesh.view().get('n2')?.address, n2.address);
    assert.equal(n1.mesh.view().get('n2')?.connected, true);
    assert.ok(
      n2.mesh.service.stats().open.some((s) => s.node === 'n1'),
      "n1's stream reached n2",
    );
  } finally {
    nodes.forEach(stopNode);
  }
});

/** A peer in its own process (so it keeps beating while this one is blocked); prints its address. */
const PEER_PROCESS = `
const grpc = require(${JSON.stringify(require.resolve('@grpc/grpc-js'))});
const { PeerMesh } = require(${JSON.stringify(`${__dirname}/mesh.js`)});
const { serverOptions } = require(${JSON.stringify(`${__dirname}/wire.js`)});
const [me, peer, peerAddress] = process.argv.slice(1);
const server = new grpc.Server(serverOptions());
const mesh = new PeerMesh({ self: me, intervalMs: ${INTERVAL}, suspectAfterMisses: ${MISSES},
  localBeat: () => ({ health: 'SERVING', held: [], leaseId: 'lease-' + me }) });
mesh.addToServer(server);
server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) throw err;
  mesh.setPeers(new Map([[peer, peerAddress]]));
  process.stdout.write('127.0.0.1:' + port + '\\n');
});
setTimeout(() => process.exit(0), 20000);`;

test("a node whose own event loop stalled reads its peers' queued beats before it judges them", async () => {
  const { spawn } = await import('node:child_process');
  const a = await startNode('a');
  const child = spawn(process.execPath, ['-e', PEER_PROCESS, 'b', 'a', a.address], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const bAddress = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding('utf8');
      child.stdout.once('data', (d: string) => resolve(d.trim()));
      child.once('exit', (code) => reject(new Error(`peer process exited (${code})`)));
    });
    const alive = next(a.mesh, 'alive', 'b', 5000);
    a.mesh.setPeers(new Map([['b', bAddress]]));
    await alive;
    await sleep(3 * INTERVAL);
    let suspected = 0;
    a.mesh.on('suspect', () => suspected++);
    // Blocked for more than twice the suspicion threshold; b beats on meanwhile.
    const until = performance.now() + 2 * MISSES * INTERVAL + 100;
    while (performance.now() < until) {
      /* a stalled event loop */
    }
    await sleep(2 * INTERVAL);
    assert.equal(suspected, 0, 'b beat all along: its beats were waiting on the socket');
    assert.equal(a.mesh.view().get('b')?.suspect, false);
  } finally {
    child.kill('SIGKILL');
    stopNode(a);
  }
});

/** `n` VIPs with 63-character names (a shared prefix, then digits and a fixed tail). */
function manyVips(n: number, firstRevision: number): HeldVip[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `${String(i * 7919).padStart(8, '0')}-vip-of-a-long-and-descriptive-service-name`.padEnd(63, 'x'),
    revision: String(firstRevision + i),
  }));
}

function signed(): BeatKeyring {
  const keyring = new BeatKeyring({ now: () => performance.now() });
  keyring.setKey(Buffer.alloc(32, 5));
  return keyring;
}

test('5000 held VIPs reach a peer whole, never in part; steady beats are small; a change and a restart follow', async (t) => {
  const n1 = await startNode('n1', 0, signed());
  const n2 = await startNode('n2', 0, signed());
  let n1b: Node | undefined;
  try {
    const first = manyVips(5000, 1_000_000);
    n1.local = { health: 'SERVING', held: first, leaseId: 'lease-a' };
    const key = (l: readonly HeldVip[]): string =>
      JSON.stringify([...l].sort((a, b) => (a.name < b.name ? -1 : 1)));
    const sets = new Map([[key(first), 'first']]);
    const seen: string[] = [];
    n2.mesh.on('beat', (node, b) => {
      if (node !== 'n1') return;
      if (b.heldKnown === false) {
        assert.equal(b.held.length, 0, 'unknown is empty');
        seen.push(`${b.leaseId}:unknown`);
      } else {
        seen.push(`${b.leaseId}:${sets.get(key(b.held)) ?? `a set of ${b.held.length}`}`);
      }
    });
    const t0 = performance.now();
    connect([n1, n2]);
    const known = (name: string, lease: string) => () => seen.at(-1) === `${lease}:${name}`;
    await waitFor('n2 to know all of n1 set', 30 * INTERVAL, known('first', 'lease-a'));
    t.diagnostic(`5000 VIPs known ${Math.round(performance.now() - t0)} ms after setPeers`);
    for (const s of seen) assert.ok(s === 'lease-a:unknown' || s === 'lease-a:first', s);

    // Steady state: n1's beat carries the header of its set, not the set.
    await sleep(3 * INTERVAL);
    const current = (n1.mesh as unknown as { current: Beat__Output }).current;
    const bytes = encodedSize(current);
    t.diagnostic(`steady beat with 5000 held VIPs: ${bytes} bytes`);
    assert.ok(bytes < 400, `steady beat of ${bytes} bytes`);

    // One VIP changes hands: the next beat carries it, and n2 never loses the set meanwhile.
    const second = first.map((v, i) => (i === 42 ? { ...v, revision: '2000000' } : v));
    sets.set(key(second), 'second');
    const before = seen.length;
    n1.local = { ...n1.local, held: second };
    await waitFor('n2 to see the change', 4 * INTERVAL, known('second', 'lease-a'));
    for (const s of seen.slice(before)) {
      assert.ok(s === 'lease-a:first' || s === 'lease-a:second', `the change arrived whole, not ${s}`);
    }

    // n1 restarts (a new process on the same address) with another 5000: n2 never takes the old
    // set for the new process's, nor a part of the new one.
    const port = Number(n1.address.split(':')[1]);
    stopNode(n1);
    const third = manyVips(5000, 3_000_000);
    sets.set(key(third), 'third');
    n1b = await startNode('n1', port, signed());
    n1b.local = { health: 'SERVING', held: third, leaseId: 'lease-b' };
    n1b.mesh.setPeers(new Map([['n2', n2.address]]));
    await waitFor('n2 to know the restarted n1 set', 40 * INTERVAL, known('third', 'lease-b'));
    const afterRestart = new Set(seen.filter((s) => s.startsWith('lease-b:')));
    assert.deepEqual(
      [...afterRestart].filter((s) => s !== 'lease-b:unknown'),
      ['lease-b:third'],
    );
  } finally {
    stopNode(n1);
    if (n1b) stopNode(n1b);
    stopNode(n2);
  }
});

test('a held set that cannot be encoded goes as its header alone (peers: unknown), logged once', async () => {
  const n1 = await startNode('n1');
  try {
    n1.mesh.setPeers(new Map([['n2', '127.0.0.1:9']]));
    n1.local = { health: 'SERVING', held: [{ name: 'web', revision: 'not-a-revision' }], leaseId: 'l' };
    const build = (): Beat__Output => (n1.mesh as unknown as { build(): Beat__Output }).build();
    const beats = [build(), build(), build()];
    for (const b of beats) {
      assert.equal(b.held_set?.count, 1, 'the header still says what is held');
      assert.equal(b.held_set?.delta.length, 0);
      assert.equal(b.held_set?.snapshot_chunk.length, 0);
    }
    const lines = n1.log.lines.filter((l) => l.msg === 'cannot encode our held set');
    assert.equal(lines.length, 1);
  } finally {
    stopNode(n1);
  }
});
