/**
 * `vipadm vip unpin` against a real coordinator and etcd: a VIP moved with `vip move` (a pin)
 * is unpinned; the pin key is gone, the spec and the holder stay, a watcher sees `unpinned`,
 * and unpinning again (or an unknown VIP) is one line. The daemons are simulated with etcdctl
 * writes, as in nodes-move.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Event__Output } from '@vipd/proto';
import { type LocalEtcd, startLocalEtcd } from '../harness/etcd-local';
import { pollUntil, runScript, type ScriptResult, sleep } from '../harness/proc';
import { VIPADM_BIN } from '../harness/paths';
import { type Coordinator, FakeDaemons, startCoordinator } from './admin-client';

const CLUSTER = 'unpin';

describe('vipadm vip unpin', { timeout: 120_000 }, () => {
  let etcd: LocalEtcd;
  let coord: Coordinator;
  let daemons: FakeDaemons;
  let lease: string;
  const vipadm = (args: string[]): Promise<ScriptResult> =>
    runScript(VIPADM_BIN, ['--server', coord.address, ...args], { VIPADM_TOKEN_FILE: coord.tokenFiles.op });

  before(async () => {
    etcd = await startLocalEtcd();
    coord = await startCoordinator({ endpoints: [etcd.endpoint], cluster: CLUSTER });
    daemons = new FakeDaemons(etcd.endpoint, CLUSTER);
    lease = await daemons.grantLease(60);
    await daemons.registerNode('n1', '127.0.0.1:1', { lease });
    await daemons.registerNode('n2', '127.0.0.1:2', { lease });
    const add = await vipadm([
      'vip',
      'add',
      'web',
      '--address',
      '198.51.100.100/24',
      '--interface',
      'e0',
      '--node',
      'n1=150',
      '--node',
      'n2=100',
      '--no-preempt',
    ]);
    assert.equal(add.code, 0, add.stderr);
    await daemons.put('leaders/web', { node: 'n1' }, lease);
  });
  after(async () => {
    await coord?.stop();
    await etcd?.stop();
  });

  it('moves (pins), unpins: the pin is gone, the VIP and its holder stay', async () => {
    // The "daemons": once the pin names n2, n1 releases and n2 acquires.
    const handover = pollUntil(
      async () =>
        ((await daemons.get('pins/web')) as { node?: string } | undefined)?.node === 'n2' || undefined,
      { timeoutMs: 10_000, intervalMs: 50, what: 'the pin to n2' },
    ).then(async () => {
      await daemons.del('leaders/web');
      await daemons.put('leaders/web', { node: 'n2' }, lease);
    });
    const move = await vipadm(['vip', 'move', 'web', '--to', 'n2', '--timeout', '8000']);
    await handover;
    assert.equal(move.code, 0, move.stderr);
    assert.equal(((await daemons.get('pins/web')) as { node: string }).node, 'n2');
    const before = await daemons.get('vips/web');
    const events: Event__Output[] = [];
    const stream = coord.client.WatchEvents({});
    stream.on('data', (e: Event__Output) => events.push(e));
    stream.on('error', () => undefined); // cancelled below
    await new Promise((resolve) => stream.once('metadata', resolve));

    const unpin = await vipadm(['vip', 'unpin', 'web']);
    assert.equal(unpin.code, 0, unpin.stderr);
    assert.equal(
      unpin.stdout,
      'unpinned web from n2: n2 holds it; normal ranking (preempt, priorities) applies\n',
    );
    assert.equal(await daemons.get('pins/web'), undefined, 'pins/web is deleted');
    assert.deepEqual(await daemons.get('vips/web'), before, 'the spec is untouched');
    assert.deepEqual(await daemons.get('leaders/web'), { node: 'n2' }, 'the holder is untouched');
    const got = await vipadm(['-o', 'json', 'vip', 'get', 'web']);
    assert.equal(got.code, 0, got.stderr);
    const vip = JSON.parse(got.stdout) as { holder: string; pinned_to: string };
    assert.deepEqual([vip.holder, vip.pinned_to], ['n2', '']);
    await pollUntil(async () => (events.length > 0 ? true : undefined), {
      timeoutMs: 5000,
      intervalMs: 20,
      what: 'the unpinned event',
    });
    await sleep(300); // anything that would follow (a release, an acquire) arrives by then
    stream.cancel();
    assert.deepEqual(
      events.map((e) => [e.type, e.vip, e.node]),
      [['unpinned', 'web', 'n2']],
      'watchers see one event: unpinned, and nothing released or acquired',
    );
  });

  it('unpinning an unpinned VIP changes nothing and says so in one line (exit 0)', async () => {
    const { revision } = await daemons.state();
    const again = await vipadm(['vip', 'unpin', 'web']);
    assert.deepEqual(
      [again.code, again.stdout, again.stderr],
      [0, 'web is not pinned; nothing changed\n', ''],
    );
    // The delete of an absent key writes nothing: etcd's revision stays.
    assert.equal((await daemons.state()).revision, revision);
  });

  it('an unknown VIP is one line on stderr, exit 1, and writes nothing', async () => {
    const { revision } = await daemons.state();
    const r = await vipadm(['vip', 'unpin', 'nope']);
    assert.deepEqual([r.code, r.stdout, r.stderr], [1, '', 'vipadm: vip nope not found\n']);
    assert.equal((await daemons.state()).revision, revision);
  });
});
