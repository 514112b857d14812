/**
 * Leadership in bulk against a real etcd (default `--max-txn-ops`, 128): many leader keys per
 * transaction with the single acquire's guards per key, a second node racing for some of them,
 * the op limit as etcd itself counts it, and takeover marks in bulk.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryLogger } from '@vipd/log';
import {
  acquireLeadership,
  acquireLeadershipMany,
  acquireTxn,
  type BulkAcquireResult,
  type EtcdClient,
  fitsTxnOps,
  Keys,
  LeaseLostError,
  markTakeoverMany,
  unmarkTakeoverMany,
  NodeSession,
  outerTxn,
  releaseLeadership,
  type SessionOptions,
  TooManyTxnOpsError,
} from '@vipd/store';
import { nodeInfo as info, useStoreEtcd } from '../harness/store-etcd';

type TxnRequest = Parameters<EtcdClient['kv']['txn']>[0];

const steady: SessionOptions = {
  ttlSeconds: 10,
  renewIntervalMs: 1000,
  fenceMarginMs: 2000,
  callTimeoutMs: 2000,
};
const bulk = { callTimeoutMs: 5000 };
const vipNames = (n: number, tag = 'v'): string[] =>
  Array.from({ length: n }, (_, i) => `${tag}${String(i).padStart(3, '0')}`);

interface Held {
  lease: string;
  createRevision: string;
  value: string;
}

describe('leadership in bulk against a real etcd', () => {
  // Two clients, two connections: the racing side is another process's view, not a queue behind ours.
  const env = useStoreEtcd({ tag: 'b', clients: 2, callTimeoutMs: 5000 });

  async function putSpecs(keys: Keys, vips: string[]): Promise<void> {
    for (let i = 0; i < vips.length; i += 50) {
      await Promise.all(vips.slice(i, i + 50).map((v) => env.client.put(keys.vip(v)).value('{}')));
    }
  }

  /** Every leader key in etcd now (a linearizable read), by VIP. */
  async function leaders(keys: Keys): Promise<Map<string, Held>> {
    const res = await env.client.kv.range({
      key: Buffer.from(keys.leadersPrefix),
      range_end: Buffer.from(keys.leadersPrefix.slice(0, -1) + '0'),
    });
    return new Map(
      res.kvs.map((kv) => [
        kv.key.toString().slice(keys.leadersPrefix.length),
        { lease: String(kv.lease), createRevision: String(kv.create_revision), value: kv.value.toString() },
      ]),
    );
  }

  /** Asserts that each bulk result says what etcd says, for a side holding `lease` as `node`. */
  function agrees(
    results: BulkAcquireResult[],
    etcdNow: Map<string, Held>,
    node: string,
    lease: string,
  ): void {
    for (const r of results) {
      const held = etcdNow.get(r.vip);
      switch (r.status) {
        case 'acquired':
          assert.ok(held, `${r.vip}: acquired but no key`);
          assert.equal(held.lease, lease, `${r.vip}: acquired by ${node} but under lease ${held.lease}`);
          assert.equal(held.createRevision, r.revision, `${r.vip}: fencing token`);
          assert.deepEqual(JSON.parse(held.value), { node });
          break;
        case 'held':
          assert.ok(held, `${r.vip}: reported held but no key`);
          assert.notEqual(held.lease, lease, `${r.vip}: reported held by another, but it is ours`);
          assert.ok(!('problem' in r.holder));
          assert.equal(r.holder.lease, held.lease);
          assert.equal(r.holder.revision, held.createRevision);
          assert.equal(r.holder.node, JSON.parse(held.value).node);
          break;
        case 'spec-missing':
          assert.equal(held, undefined, `${r.vip}: spec missing yet a leader key exists`);
          break;
        case 'unknown':
          assert.fail(`${r.vip}: unknown (${r.error.message})`);
      }
    }
  }

  it('takes 300 leader keys in bulk while another node races for some: one holder each, both sides told the truth', async () => {
    const contestedWins = { a: 0, b: 0 };
    for (let round = 0; round < 3; round++) {
      const keys = env.newKeys();
      const log = memoryLogger();
      const vips = vipNames(300);
      const specless = ['gone1', 'gone2', 'gone3'];
      await putSpecs(keys, vips);
      const a = await NodeSession.open(env.client, keys, info('a'), steady, log);
      const b = await NodeSession.open(env.other, keys, info('b'), steady, log);
      try {
        // B wants every third VIP: half in one bulk call (sent in reverse, so its chunks meet
        // A's from the other end), half one by one, all at the same moment as A's bulk call.
        const wanted = vips.filter((_, i) => i % 3 === round % 3);
        const bBulk = [...wanted.filter((_, i) => i % 2 === 0).reverse(), ...specless];
        const bSingle = wanted.filter((_, i) => i % 2 === 1);
        // Who sends first changes per round, so each side wins some of the contested keys.
        const goA = () =>
          acquireLeadershipMany(env.client, keys, [...vips, ...specless], 'a', a.leaseId, bulk);
        const goB = () =>
          Promise.all([
            acquireLeadershipMany(env.other, keys, bBulk, 'b', b.leaseId, bulk),
            Promise.all(bSingle.map((v) => acquireLeadership(env.other, keys, v, 'b', b.leaseId, 5000))),
          ]);
        let resA: BulkAcquireResult[];
        let resB: BulkAcquireResult[];
        let singles: Awaited<ReturnType<typeof acquireLeadership>>[];
        if (round === 1) {
          const pb = goB();
          [resA, [resB, singles]] = await Promise.all([goA(), pb]);
        } else {
          [resA, [resB, singles]] = await Promise.all([goA(), goB()]);
        }
        const now = await leaders(keys);

        // Exactly one holder per VIP, none for a VIP without a spec, nothing else.
        assert.deepEqual([...now.keys()].sort(), vips);
        for (const v of vips) assert.ok([a.leaseId, b.leaseId].includes(now.get(v)!.lease), v);

        assert.equal(resA.length, 303, 'one result per VIP');
        assert.deepEqual(
          resA.map((r) => r.vip),
          [...vips, ...specless],
        );
        agrees(resA, now, 'a', a.leaseId);
        agrees(resB, now, 'b', b.leaseId);
        bSingle.forEach((v, i) => {
          const r = singles[i]!;
          assert.equal(now.get(v)!.lease, r.acquired ? b.leaseId : a.leaseId, `${v}: single acquire`);
          if (r.acquired) assert.equal(now.get(v)!.createRevision, r.revision);
        });
        for (const r of [...resA, ...resB].filter((r) => specless.includes(r.vip))) {
          assert.equal(r.status, 'spec-missing', r.vip);
        }

        // Each VIP acquired by exactly one side, and A's came in at most 3 transactions (126 a txn).
        const gotA = resA.filter((r) => r.status === 'acquired');
        const gotB = [
          ...resB.filter((r) => r.status === 'acquired').map((r) => r.vip),
          ...bSingle.filter((_, i) => singles[i]!.acquired),
        ];
        assert.equal(gotA.length + gotB.length, 300);
        assert.deepEqual(new Set([...gotA.map((r) => r.vip), ...gotB]).size, 300);
        const txnsA = new Set(gotA.map((r) => (r.status === 'acquired' ? r.revision : '')));
        assert.ok(txnsA.size <= 3, `A's keys came from ${txnsA.size} revisions`);
        console.log(
          `# round ${round}: A got ${gotA.length} in ${txnsA.size} txns, B got ${gotB.length} of ${wanted.length}`,
        );
        contestedWins.a += wanted.length - gotB.length;
        contestedWins.b += gotB.length;
      } finally {
        await a.close(true);
        await b.close(true);
      }
    }
    assert.ok(contestedWins.a > 0 && contestedWins.b > 0, `a race: ${JSON.stringify(contestedWins)}`);
  });

  it('the op limit: etcd counts as fitsTxnOps does; a limit above etcd’s fails its chunk alone', async () => {
    const keys = env.newKeys();
    const log = memoryLogger();
    const s = await NodeSession.open(env.client, keys, info('a'), steady, log);
    try {
      // etcd's own verdict on shapes either side of the default limit.
      const shapes: TxnRequest[] = [
        outerTxn(vipNames(126, 'x').map((v) => acquireTxn(keys, v, 'a', s.leaseId))),
        outerTxn(vipNames(127, 'y').map((v) => acquireTxn(keys, v, 'a', s.leaseId))),
        {
          compare: [],
          success: [],
          failure: vipNames(128).map((v) => ({ request_range: { key: Buffer.from(v) } })),
        },
        {
          compare: [],
          success: [],
          failure: vipNames(129).map((v) => ({ request_range: { key: Buffer.from(v) } })),
        },
      ];
      for (const [i, req] of shapes.entries()) {
        const accepted = await env.client.kv.txn(req).then(
          () => true,
          (err: Error) => (/too many operations/.test(err.message) ? false : Promise.reject(err)),
        );
        assert.equal(accepted, fitsTxnOps(req, 128), `shape ${i}`);
      }

      // 300 keys, op limit 200 against etcd's 128: chunks of 198 and 102. etcd refuses the
      // first (final, not transient) and takes the second: per-key results, not all-or-nothing.
      const vips = vipNames(300);
      await putSpecs(keys, vips);
      const over = await acquireLeadershipMany(env.client, keys, vips, 'a', s.leaseId, {
        ...bulk,
        maxTxnOps: 200,
      });
      const refused = over.filter((r) => r.status === 'unknown');
      assert.equal(refused.length, 198);
      for (const r of refused) {
        assert.ok(r.status === 'unknown' && r.error instanceof TooManyTxnOpsError && !r.error.transient);
      }
      assert.equal(over.filter((r) => r.status === 'acquired').length, 102);
      // Again within the limit: the rest is taken, the 102 already ours are reported held by us.
      const again = await acquireLeadershipMany(env.client, keys, vips, 'a', s.leaseId, bulk);
      assert.equal(again.filter((r) => r.status === 'acquired').length, 198);
      const mine = again.filter((r) => r.status === 'held' && r.holder.lease === s.leaseId);
      assert.equal(mine.length, 102);
      assert.equal((await leaders(keys)).size, 300);
    } finally {
      await s.close(true);
    }
  });

  it('a lease that is gone: every key unknown with LeaseLostError, nothing written', async () => {
    const keys = env.newKeys();
    const log = memoryLogger();
    const vips = vipNames(130);
    await putSpecs(keys, vips);
    const s = await NodeSession.open(env.client, keys, info('a'), steady, log);
    const lease = s.leaseId;
    await s.close(true);
    const res = await acquireLeadershipMany(env.client, keys, vips, 'a', lease, bulk);
    assert.equal(res.length, 130);
    for (const r of res) assert.ok(r.status === 'unknown' && r.error instanceof LeaseLostError, r.vip);
    assert.equal((await leaders(keys)).size, 0);
  });

  it('marks a silent holder’s keys taken over in bulk, only those still under its lease', async () => {
    const keys = env.newKeys();
    const log = memoryLogger();
    const vips = vipNames(200);
    await putSpecs(keys, vips);
    const p = await NodeSession.open(env.client, keys, info('p'), steady, log);
    const q = await NodeSession.open(env.other, keys, info('q'), steady, log);
    try {
      const got = await acquireLeadershipMany(env.client, keys, vips, 'p', p.leaseId, {
        ...bulk,
        maxTxnOps: 16,
      });
      assert.ok(got.every((r) => r.status === 'acquired'));
      const before = await leaders(keys);
      // P lets v000..v009 go and Q takes v000..v004 before the marks: neither may be marked.
      for (const r of got.slice(0, 10)) {
        assert.ok(r.status === 'acquired');
        assert.ok(await releaseLeadership(env.client, keys, r.vip, r.revision, 5000));
      }
      const taken = await acquireLeadershipMany(env.other, keys, vips.slice(0, 5), 'q', q.leaseId, bulk);
      assert.ok(taken.every((r) => r.status === 'acquired'));

      const markLease = await env.other.leaseClient.leaseGrant({ TTL: 5 });
      const marks = await markTakeoverMany(
        env.other,
        keys,
        {
          from: { node: 'p', lease: p.leaseId },
          by: 'q',
          markLeaseId: markLease.ID,
          leaders: vips.map((vip) => ({ vip, value: before.get(vip)!.value })),
        },
        bulk,
      );
      assert.deepEqual(
        marks.filter((m) => m.status !== 'marked').map((m) => [m.vip, m.status]),
        vips.slice(0, 10).map((v) => [v, 'not-held']),
      );
      const after = await leaders(keys);
      for (const v of vips.slice(10)) {
        const held = after.get(v)!;
        assert.equal(held.lease, p.leaseId, `${v}: same lease`);
        assert.equal(held.createRevision, before.get(v)!.createRevision, `${v}: same fencing token`);
        assert.deepEqual(JSON.parse(held.value), { node: 'p', takeover: { by: 'q' } });
      }
      for (const v of vips.slice(0, 5)) assert.deepEqual(JSON.parse(after.get(v)!.value), { node: 'q' });
      const markKeys = await env.other.getAll().prefix(keys.takeoversPrefix).keys();
      assert.deepEqual(
        markKeys.sort(),
        vips.slice(10).map((v) => keys.takeoverMark(v)),
      );
      // The takeover stops before its revoke: its marks go back, each key as it was (the keys Q
      // holds itself, and one re-marked by someone else, are left alone).
      const v = vips[10]!;
      const other = JSON.stringify({ node: 'p', takeover: { by: 'r' } });
      await env.client.put(keys.leader(v)).value(other).lease(p.leaseId).exec();
      const back = await unmarkTakeoverMany(
        env.other,
        keys,
        {
          from: { node: 'p', lease: p.leaseId },
          by: 'q',
          leaders: vips.slice(5).map((vip) => ({ vip, value: before.get(vip)!.value })),
        },
        bulk,
      );
      assert.deepEqual(back, { undone: 189, failed: 0 });
      const restored = await leaders(keys);
      for (const w of vips.slice(11)) {
        assert.deepEqual(JSON.parse(restored.get(w)!.value), { node: 'p' }, `${w}: mark taken back`);
        assert.equal(restored.get(w)!.lease, p.leaseId);
      }
      assert.equal(restored.get(v)!.value, other, 'a key marked by another taker is not touched');
      assert.deepEqual(await env.other.getAll().prefix(keys.takeoversPrefix).keys(), [keys.takeoverMark(v)]);
      await env.other.leaseClient.leaseRevoke({ ID: markLease.ID });
    } finally {
      await p.close(true);
      await q.close(true);
    }
  });
});
