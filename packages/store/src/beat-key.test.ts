/** keys/beat values: encoding and the parser's refusals (pure; the txn is in test/integration). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeBeatKey, InvalidBeatKeyError, Keys, parseBeatKey } from './index';

test('a beat key round-trips; anything short, odd or of another algorithm is refused', () => {
  const key = Buffer.alloc(32, 5);
  assert.deepEqual(parseBeatKey(encodeBeatKey(key)), key);
  assert.equal(parseBeatKey(encodeBeatKey(Buffer.alloc(16, 5))), undefined);
  assert.equal(parseBeatKey(JSON.stringify({ alg: 'HMAC-SHA1', key: key.toString('base64') })), undefined);
  assert.equal(parseBeatKey(JSON.stringify({ alg: 'HMAC-SHA256', key: '***' })), undefined);
  assert.equal(parseBeatKey('not json'), undefined);
  assert.equal(parseBeatKey('null'), undefined);
  assert.equal(new Keys('lab').beatKey, '/vipd/lab/keys/beat');
});

test('the error for a bad key names the key, never its value', () => {
  const err = new InvalidBeatKeyError('/vipd/lab/keys/beat');
  assert.match(err.message, /\/vipd\/lab\/keys\/beat in etcd is not a valid beat key/);
  assert.equal(err.transient, false);
});
