/** alive/<node> values (pure; the put is in test/integration). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeAliveValue } from './alive';
import { Keys } from './keys';

test('each touch is a new value, at alive/<node>', () => {
  assert.equal(encodeAliveValue(1), '{"seq":1}');
  assert.notEqual(encodeAliveValue(2), encodeAliveValue(1));
  assert.equal(new Keys('lab').alive('n1'), '/vipd/lab/alive/n1');
});
