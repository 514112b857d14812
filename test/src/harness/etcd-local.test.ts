// Integration test of the local etcd helper against the real etcd binary.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { etcdctl, startLocalEtcd } from './etcd-local';

test('startLocalEtcd runs a healthy etcd and stop() removes it', async () => {
  const etcd = await startLocalEtcd();
  try {
    assert.match(etcd.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    await etcdctl(etcd.endpoint, ['put', '/vipd/test/k', 'v']);
    assert.equal((await etcdctl(etcd.endpoint, ['get', '--print-value-only', '/vipd/test/k'])).trim(), 'v');
  } finally {
    await etcd.stop();
  }
  assert.equal(existsSync(etcd.dataDir), false);
  assert.throws(() => process.kill(etcd.pid, 0), { code: 'ESRCH' });
  await etcd.stop(); // idempotent
});
