import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { LOADER_OPTIONS, protoLoader, protoRoot } from '@vipd/proto';
import { fromWire, NEVER_SEEN, toWire } from './beat';
import { InvalidBeatError } from './errors';
import { encodedSize } from './wire';

const local = {
  health: 'SERVING' as const,
  held: [{ name: 'web', revision: '42' }],
  leaseId: '7587',
  peerLeases: { n2: '9001' },
};

test('a beat survives the wire: held VIPs with revisions, health, lease, peers, echoes, interval', () => {
  const wire = toWire(
    'n1',
    9,
    100,
    local,
    [
      { node: 'n2', lastSeenMsAgo: 12.4, suspect: false, echoSentAtMs: 5012.25, leaseId: '' },
      { node: 'n3', lastSeenMsAgo: undefined, suspect: true, echoSentAtMs: 0, leaseId: '' },
    ],
    777.5,
  );
  assert.equal(wire.peers[1]?.last_seen_ms_ago, NEVER_SEEN);
  assert.deepEqual(fromWire(wire), {
    node: 'n1',
    seq: 9,
    health: 'SERVING',
    held: [{ name: 'web', revision: '42' }],
    leaseId: '7587',
    peers: [
      // The lease comes from the daemon's etcd view (peerLeases), the echo from the table.
      { node: 'n2', lastSeenMsAgo: 12, suspect: false, echoSentAtMs: 5012.25, leaseId: '9001' },
      { node: 'n3', lastSeenMsAgo: undefined, suspect: true, echoSentAtMs: 0, leaseId: '' },
    ],
    intervalMs: 100,
    sentAtMs: 777.5,
    etcdOk: false,
  });
  // ~11 bytes a peer are its held-set acknowledgement (held_epoch, held_version).
  assert.ok(encodedSize(wire) < 128, 'a small beat is small');
});

test('unknown health is read as NOT_SERVING; bad beats are refused', () => {
  const wire = toWire('n1', 1, 100, local, []);
  assert.equal(fromWire({ ...wire, health: 'UNKNOWN' }).health, 'NOT_SERVING');
  assert.throws(() => fromWire({ ...wire, node: '' }), InvalidBeatError);
  assert.throws(() => fromWire({ ...wire, seq: '18446744073709551615' }), InvalidBeatError);
  assert.throws(() => fromWire({ ...wire, interval_ms: 3_600_000 }), InvalidBeatError);
});

test('the wire types in wire.ts match node.proto field for field', () => {
  const root = protoRoot();
  const def = protoLoader.loadSync(join(root, 'vipd/v1/node.proto'), {
    ...LOADER_OPTIONS,
    includeDirs: [root],
  });
  const fields = (name: string): string[] => {
    const type = (def[name] as { type: { field: { name: string }[] } }).type;
    return type.field.map((f) => f.name).sort();
  };
  const wire = toWire('n1', 1, 100, local, [
    { node: 'n2', lastSeenMsAgo: 1, suspect: false, echoSentAtMs: 1, leaseId: '' },
  ]);
  assert.deepEqual(fields('vipd.v1.Beat'), Object.keys(wire).sort());
  assert.deepEqual(fields('vipd.v1.PeerView'), Object.keys(wire.peers[0] ?? {}).sort());
  assert.deepEqual(fields('vipd.v1.HeldVip'), Object.keys(wire.held[0] ?? {}).sort());
});
