import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IKeyValue, ITxnRequest, ITxnResponse } from 'etcd3';
import {
  ACQUIRE_OPS_PER_KEY,
  acquireResults,
  chunk,
  distinctBy,
  fitsTxnOps,
  keysPerTxn,
  MARK_OPS_PER_KEY,
  markResults,
  markTxn,
  outerTxn,
  type TakeoverMarkRequest,
  txnOpCount,
} from './bulk-txn';
import { Keys } from './keys';
import { acquireTxn } from './leadership';

const keys = new Keys('c1');
const header = (revision: string): ITxnResponse['header'] => ({
  cluster_id: '1',
  member_id: '1',
  revision,
  raft_term: '2',
});
const kv = (key: string, value: string, lease: string, createRevision: string): IKeyValue => ({
  key: Buffer.from(key),
  value: Buffer.from(value),
  lease,
  create_revision: createRevision,
  mod_revision: createRevision,
  version: '1',
});
/** A nested txn's response as etcd3 decodes it. */
const nested = (
  succeeded: boolean,
  ranges: Array<{ kvs?: IKeyValue[]; count?: string }> = [],
): ITxnResponse => ({
  header: header('0'),
  succeeded,
  responses: succeeded
    ? [{ response_put: { header: header('9'), prev_kv: undefined as unknown as IKeyValue } } as never]
    : ranges.map(
        (r) =>
          ({
            response_range: { header: header('8'), kvs: r.kvs ?? [], more: false, count: r.count ?? '0' },
          }) as never,
      ),
});
const outer = (revision: string, inner: ITxnResponse[]): ITxnResponse => ({
  header: header(revision),
  succeeded: true,
  responses: inner.map((t) => ({ response_txn: t }) as never),
});
const manyNested = (n: number, compares: number): ITxnRequest =>
  outerTxn(
    Array.from({ length: n }, (_, i) => ({
      compare: Array.from({ length: compares }, () => ({ key: Buffer.from(`k${i}`) })),
      success: [{ request_put: { key: Buffer.from(`k${i}`) } }],
      failure: [],
    })),
  );

describe('etcd op counting (checkTxnRequest)', () => {
  it('counts the largest of compare, success and failure, not their sum', () => {
    const req: ITxnRequest = {
      compare: [{ key: Buffer.from('a') }, { key: Buffer.from('b') }],
      success: [{ request_put: { key: Buffer.from('a') } }],
      failure: [
        { request_range: { key: Buffer.from('a') } },
        { request_range: { key: Buffer.from('b') } },
        { request_range: { key: Buffer.from('c') } },
      ],
    };
    assert.equal(txnOpCount(req, 128), 3);
    assert.equal(fitsTxnOps(req, 3), true);
    assert.equal(fitsTxnOps(req, 2), false);
  });

  it('gives each nested txn what the outer one leaves: 126 two-compare keys fit 128, 127 do not', () => {
    // etcd 3.4.23, default --max-txn-ops, checked by hand: 126 accepted, 127 "too many operations".
    assert.equal(fitsTxnOps(manyNested(126, 2), 128), true);
    assert.equal(fitsTxnOps(manyNested(127, 2), 128), false);
    // Nested txns of one put each: 127 leave 1 each; 128 leave none.
    assert.equal(fitsTxnOps(manyNested(127, 0), 128), true);
    assert.equal(fitsTxnOps(manyNested(128, 0), 128), false);
  });
});

describe('chunking within the op limit', () => {
  it('keys per txn: the limit minus one key’s own count', () => {
    assert.equal(keysPerTxn(128, ACQUIRE_OPS_PER_KEY), 126);
    assert.equal(keysPerTxn(1024, MARK_OPS_PER_KEY), 1022);
    assert.equal(keysPerTxn(3, 2), 1);
    assert.throws(() => keysPerTxn(2, 2), RangeError);
    assert.throws(() => keysPerTxn(12.5, 2), RangeError);
  });

  it('every acquire and mark txn fits the limit, and one more key would not', () => {
    const req: TakeoverMarkRequest = {
      from: { node: 'p', lease: '7' },
      by: 'q',
      markLeaseId: '9',
      leaders: [],
    };
    for (const max of [3, 4, 10, 64, 128, 129, 1000]) {
      for (const n of [0, 1, 2, 125, 126, 127, 300, 667]) {
        const vips = Array.from({ length: n }, (_, i) => `v${i}`);
        const size = keysPerTxn(max, ACQUIRE_OPS_PER_KEY);
        const chunks = chunk(vips, size);
        assert.deepEqual(chunks.flat(), vips, 'every key once, in order');
        assert.equal(chunks.length, Math.ceil(n / size));
        for (const part of chunks) {
          const acq = outerTxn(part.map((v) => acquireTxn(keys, v, 'n1', '5')));
          assert.ok(fitsTxnOps(acq, max), `acquire of ${part.length} fits ${max}`);
          const mark = outerTxn(part.map((v) => markTxn(keys, req, { vip: v, value: '{"node":"p"}' })));
          assert.ok(fitsTxnOps(mark, max), `mark of ${part.length} fits ${max}`);
        }
        const tooMany = outerTxn(vips.slice(0, size + 1).map((v) => acquireTxn(keys, v, 'n1', '5')));
        if (n > size) assert.equal(fitsTxnOps(tooMany, max), false, `${size + 1} keys exceed ${max}`);
      }
    }
  });

  it('a VIP named twice is sent once (etcd refuses a txn that puts a key twice)', () => {
    assert.deepEqual(
      distinctBy(['a', 'b', 'a', 'c', 'b'], (x) => x),
      ['a', 'b', 'c'],
    );
  });
});

describe('the acquire txn of one key', () => {
  it('guards like acquireLeadership: leader key absent, spec present; puts {node} under the lease', () => {
    const t = acquireTxn(keys, 'web', 'n1', '77');
    assert.deepEqual(t.compare, [
      { key: Buffer.from('/vipd/c1/leaders/web'), target: 'Create', result: 'Equal', create_revision: 0 },
      { key: Buffer.from('/vipd/c1/vips/web'), target: 'Version', result: 'Greater', version: 0 },
    ]);
    assert.deepEqual(t.success, [
      {
        request_put: {
          key: Buffer.from('/vipd/c1/leaders/web'),
          value: Buffer.from('{"node":"n1"}'),
          lease: '77',
        },
      },
    ]);
    assert.deepEqual(t.failure, [
      { request_range: { key: Buffer.from('/vipd/c1/leaders/web') } },
      { request_range: { key: Buffer.from('/vipd/c1/vips/web'), count_only: true } },
    ]);
  });
});

describe('acquire results, per key', () => {
  it('maps one response with every outcome: partial success within a chunk', () => {
    const res = outer('41', [
      nested(true),
      nested(false, [{ kvs: [kv('/vipd/c1/leaders/b', '{"node":"n2"}', '88', '30')] }, { count: '1' }]),
      nested(false, [{}, { count: '0' }]),
      nested(false, [{ kvs: [kv('/vipd/c1/leaders/d', 'not json', '89', '31')] }, { count: '0' }]),
      nested(false, [
        { kvs: [kv('/vipd/c1/leaders/e', '{"node":"n2","takeover":{"by":"n3"}}', '88', '32')] },
        { count: '1' },
      ]),
      nested(true),
    ]);
    assert.deepEqual(acquireResults(['a', 'b', 'c', 'd', 'e', 'f'], res), [
      { vip: 'a', status: 'acquired', revision: '41' },
      { vip: 'b', status: 'held', holder: { vip: 'b', node: 'n2', lease: '88', revision: '30' } },
      { vip: 'c', status: 'spec-missing' },
      {
        vip: 'd',
        status: 'held',
        holder: { vip: 'd', problem: 'leader value is not JSON', lease: '89', revision: '31' },
      },
      {
        vip: 'e',
        status: 'held',
        holder: { vip: 'e', node: 'n2', lease: '88', revision: '32', takeover: { by: 'n3' } },
      },
      { vip: 'f', status: 'acquired', revision: '41' },
    ]);
  });

  it('a key with no answer (or an answer that explains nothing) is unknown, not guessed', () => {
    const res = outer('5', [nested(false, [{}, { count: '1' }])]);
    const [odd, missing] = acquireResults(['a', 'b'], res);
    assert.equal(odd?.status, 'unknown');
    assert.equal(missing?.status, 'unknown');
  });
});

describe('takeover marks', () => {
  const req: TakeoverMarkRequest = {
    from: { node: 'p', lease: '700' },
    by: 'q',
    markLeaseId: '900',
    leaders: [],
  };

  it('one key: only while under the holder’s lease; same lease for the leader key, the mark lease beside', () => {
    const t = markTxn(keys, req, { vip: 'web', value: '{"node":"p"}' });
    assert.deepEqual(t.compare, [
      { key: Buffer.from('/vipd/c1/leaders/web'), target: 'Lease', result: 'Equal', lease: '700' },
    ]);
    assert.deepEqual(t.success, [
      {
        request_put: {
          key: Buffer.from('/vipd/c1/leaders/web'),
          value: Buffer.from('{"node":"p","takeover":{"by":"q"}}'),
          lease: '700',
        },
      },
      {
        request_put: {
          key: Buffer.from('/vipd/c1/takeovers/web'),
          value: Buffer.from('{"by":"q","from":"p"}'),
          lease: '900',
        },
      },
    ]);
  });

  it('results per key', () => {
    assert.deepEqual(markResults(['a', 'b'], outer('3', [nested(true), nested(false)])), [
      { vip: 'a', status: 'marked' },
      { vip: 'b', status: 'not-held' },
    ]);
    assert.equal(markResults(['a'], outer('3', []))[0]?.status, 'unknown');
  });
});
