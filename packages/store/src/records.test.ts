/** nodes/, drain/ and pins/ values and the coordinator's transactions on them (pure). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Keys } from './keys';
import {
  boundReason,
  drainTxn,
  encodeDrainRecord,
  encodeNodeInfo,
  encodePinRecord,
  MAX_REASON_CHARS,
  parseDrainRecord,
  parseNodeInfo,
  parsePinRecord,
  pinTxn,
  unpinTxn,
} from './records';

const keys = new Keys('c1');

describe('records', () => {
  it('a node registration round-trips; a bad one is no registration', () => {
    const info = { name: 'n1', advertise: 'n1:7400', labels: { zone: 'a' }, drained: true, unready: ['web'] };
    assert.deepEqual(parseNodeInfo('n1', encodeNodeInfo(info)), info);
    assert.equal(parseNodeInfo('n1', '[]'), undefined);
    // BGP mode: each peer's session state travels with the registration.
    const bgp = { ...info, bgp: { '198.51.100.1': 'ESTABLISHED' } };
    assert.deepEqual(parseNodeInfo('n1', encodeNodeInfo(bgp)), bgp);
    assert.deepEqual(parseNodeInfo('n1', '{}'), {
      name: 'n1',
      advertise: '',
      labels: {},
      drained: false,
      unready: [],
    });
  });

  it("a registration's reasons for unready VIPs round-trip; one without them still parses", () => {
    const info = {
      name: 'n2',
      advertise: 'n2:7400',
      labels: {},
      drained: false,
      unready: ['db', 'web'],
      unreadyWhy: { db: 'tracked check pg not up', web: 'eth0: interface has no carrier' },
    };
    assert.deepEqual(parseNodeInfo('n2', encodeNodeInfo(info)), info);
    // Written by a vipd older than the field: no reasons, the VIPs still unready.
    const old = '{"name":"n2","advertise":"n2:7400","labels":{},"drained":false,"unready":["web"]}';
    const parsed = parseNodeInfo('n2', old);
    assert.deepEqual(parsed?.unready, ['web']);
    assert.equal(parsed !== undefined && 'unreadyWhy' in parsed, false);
    // Only reasons for unready VIPs, only strings, each bounded.
    const odd = JSON.stringify({
      unready: ['web'],
      unreadyWhy: { web: 'x'.repeat(500), db: 'not unready', other: 7 },
    });
    const why = parseNodeInfo('n2', odd)?.unreadyWhy;
    assert.deepEqual(Object.keys(why ?? {}), ['web']);
    assert.equal(why?.web?.length, MAX_REASON_CHARS);
    assert.ok(why?.web?.endsWith('…'));
    assert.equal(boundReason('short'), 'short');
  });

  it('drain and pin records: the documented field order, and they round-trip', () => {
    const drain = { at: '2024-01-01T00:00:00.000Z', by: 'ann' };
    assert.equal(encodeDrainRecord(drain), '{"at":"2024-01-01T00:00:00.000Z","by":"ann"}');
    assert.deepEqual(parseDrainRecord(encodeDrainRecord(drain)), drain);
    const pin = { node: 'n2', at: '2024-01-01T00:00:00.000Z', by: 'bo' };
    assert.equal(encodePinRecord(pin), '{"node":"n2","at":"2024-01-01T00:00:00.000Z","by":"bo"}');
    assert.deepEqual(parsePinRecord(encodePinRecord(pin)), pin);
    assert.equal(parsePinRecord(encodePinRecord({ ...pin, node: '' })), undefined);
  });

  it('a drain is put only where none is', () => {
    const key = Buffer.from('/vipd/c1/drain/n1');
    assert.deepEqual(drainTxn(keys, 'n1', { at: 't', by: 'ann' }), {
      compare: [{ key, target: 'Create', result: 'Equal', create_revision: 0 }],
      success: [{ request_put: { key, value: Buffer.from('{"at":"t","by":"ann"}') } }],
      failure: [],
    });
  });

  it('an unpin deletes only the pin, and only while the VIP exists', () => {
    assert.deepEqual(unpinTxn(keys, 'web'), {
      compare: [
        { key: Buffer.from('/vipd/c1/vips/web'), target: 'Create', result: 'Greater', create_revision: 0 },
      ],
      success: [{ request_delete_range: { key: Buffer.from('/vipd/c1/pins/web'), prev_kv: true } }],
      failure: [],
    });
  });

  it('a pin is put only while the spec it was checked against is unchanged', () => {
    assert.deepEqual(pinTxn(keys, 'web', { node: 'n2', at: 't', by: 'bo' }, '41'), {
      compare: [
        { key: Buffer.from('/vipd/c1/vips/web'), target: 'Mod', result: 'Equal', mod_revision: '41' },
      ],
      success: [
        {
          request_put: {
            key: Buffer.from('/vipd/c1/pins/web'),
            value: Buffer.from('{"node":"n2","at":"t","by":"bo"}'),
          },
        },
      ],
      failure: [],
    });
  });
});
