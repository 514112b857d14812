/** leaders/ and takeovers/ values: encoding and parsing (pure; the transactions are in test/integration). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Keys } from './keys';
import {
  acquireTxn,
  encodeLeaderValue,
  encodeTakeoverMark,
  markedLeaderValue,
  parseLeader,
  parseLeaderValue,
} from './leadership';

const entry = (value: string) => ({
  key: '/vipd/c1/leaders/web',
  value,
  createRevision: '7',
  modRevision: '9',
  lease: '700',
});

describe('leader values', () => {
  it('what an acquire writes reads back as its holder, with the key’s lease and fencing revision', () => {
    assert.equal(encodeLeaderValue('n1'), '{"node":"n1"}');
    const put = acquireTxn(new Keys('c1'), 'web', 'n1', '700').success?.[0]?.request_put;
    assert.deepEqual(put?.value, Buffer.from(encodeLeaderValue('n1')));
    assert.deepEqual(parseLeader('web', entry(encodeLeaderValue('n1'))), {
      vip: 'web',
      node: 'n1',
      lease: '700',
      revision: '7',
    });
  });

  it('a marked value reads back with its taker, the holder unchanged', () => {
    const marked = markedLeaderValue(encodeLeaderValue('p'), 'p', 'q');
    assert.deepEqual(parseLeaderValue(marked), { node: 'p', takeover: { by: 'q' } });
    assert.deepEqual(parseLeader('web', entry(marked)), {
      vip: 'web',
      node: 'p',
      lease: '700',
      revision: '7',
      takeover: { by: 'q' },
    });
  });

  it('the marked value keeps the holder’s other fields; a value that is no object becomes {node}', () => {
    assert.deepEqual(JSON.parse(markedLeaderValue('{"node":"p","x":1}', 'p', 'q')), {
      node: 'p',
      x: 1,
      takeover: { by: 'q' },
    });
    assert.deepEqual(JSON.parse(markedLeaderValue('garbage', 'p', 'q')), {
      node: 'p',
      takeover: { by: 'q' },
    });
    assert.deepEqual(JSON.parse(markedLeaderValue('[1]', 'p', 'q')), { node: 'p', takeover: { by: 'q' } });
  });

  it('refuses values that name no holder, and ignores a marker without a taker', () => {
    assert.deepEqual(parseLeaderValue('not json'), { problem: 'leader value is not JSON' });
    for (const v of ['null', '5', '"n1"', '[]', '{}', '{"node":5}', '{"takeover":{"by":"q"}}']) {
      assert.deepEqual(parseLeaderValue(v), { problem: 'leader value has no node' }, v);
    }
    assert.deepEqual(parseLeaderValue('{"node":"p","takeover":{"by":3}}'), { node: 'p' });
    assert.deepEqual(parseLeaderValue('{"node":"p","takeover":null}'), { node: 'p' });
  });
});

describe('takeovers/ values', () => {
  it('name the taker, then the silent holder', () => {
    assert.equal(encodeTakeoverMark({ by: 'q', from: 'p' }), '{"by":"q","from":"p"}');
  });
});
