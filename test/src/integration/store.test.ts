/**
 * The store against a real etcd on loopback: leadership, fencing revisions, lease loss,
 * self-fencing on a monotonic deadline, and the spec watch that skips invalid values.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { memoryLogger } from '@vipd/log';
import {
  acquireLeadership,
  ensureBeatKey,
  InvalidBeatKeyError,
  LeaseLostError,
  NodeSession,
  parseLeader,
  PrefixMirror,
  releaseLeadership,
  type SessionOptions,
  SpecWatcher,
  type VipSpec,
} from '@vipd/store';
import { etcdctl } from '../harness/etcd-local';
import { pollUntil, sleep } from '../harness/proc';
import { nodeInfo as info, useStoreEtcd } from '../harness/store-etcd';

const fast: SessionOptions = { ttlSeconds: 2, renewIntervalMs: 300, fenceMarginMs: 500, callTimeoutMs: 300 };

describe('store against a real etcd', () => {
  const env = useStoreEtcd({ tag: 't' });

  it('the beat key: created once by whoever comes first, the same key for everyone after', async () => {
    const keys = env.newKeys();
    const results = await Promise.all([1, 2, 3, 4].map(() => ensureBeatKey(env.client, keys, 1000)));
    assert.equal(results.filter((r) => r.created).length, 1, 'exactly one creator');
    for (const r of results) assert.deepEqual(r.key, results[0]!.key);
    assert.equal(results[0]!.key.length, 32);
    const again = await ensureBeatKey(env.client, keys, 1000);
    assert.equal(again.created, false);
    assert.deepEqual(again.key, results[0]!.key);
    const stored = await env.client.get(keys.beatKey).string();
    assert.match(stored ?? '', /^\{"alg":"HMAC-SHA256","key":"[A-Za-z0-9+/=]+"\}$/);
    // A value that is not a key is refused, and the error does not echo it.
    await env.client.put(keys.beatKey).value('{"alg":"HMAC-SHA256","key":"c2VjcmV0"}');
    await assert.rejects(ensureBeatKey(env.client, keys, 1000), (err: Error) => {
      assert.ok(err instanceof InvalidBeatKeyError);
      assert.equal(err.message.includes('c2VjcmV0'), false);
      return true;
    });
  });

  it('grants one VIP to one holder; the create revision is the fencing token and grows', async () => {
    const keys = env.newKeys();
    const log = memoryLogger();
    const s1 = await NodeSession.open(env.client, keys, info('n1'), fast, log);
    const s2 = await NodeSession.open(env.client, keys, info('n2'), fast, log);
    try {
      const none = await acquireLeadership(env.client, keys, 'web', 'n1', s1.leaseId, 1000);
      assert.equal(none.acquired, false, 'no leadership of a VIP whose spec does not exist (or is gone)');
      await env.client.put(keys.vip('web')).value('{}');
      const a = await acquireLeadership(env.client, keys, 'web', 'n1', s1.leaseId, 1000);
      assert.equal(a.acquired, true);
      const b = await acquireLeadership(env.client, keys, 'web', 'n2', s2.leaseId, 1000);
      assert.equal(b.acquired, false, 'a second node must not get a held VIP');

      const mirror = new PrefixMirror(env.client, keys.leadersPrefix, log);
      await mirror.start();
      const entry = mirror.get(keys.leader('web'));
      assert.ok(entry);
      const leader = parseLeader('web', entry);
      assert.ok(!('problem' in leader));
      assert.equal(leader.node, 'n1');
      assert.equal(leader.lease, s1.leaseId);
      assert.equal(leader.revision, a.acquired ? a.revision : '');

      assert.equal(await releaseLeadership(env.client, keys, 'web', '1', 1000), false, 'wrong token');
      assert.equal(await releaseLeadership(env.client, keys, 'web', leader.revision, 1000), true);
      await pollUntil(async () => (mirror.get(keys.leader('web')) ? undefined : true), { timeoutMs: 2000 });

      const c = await acquireLeadership(env.client, keys, 'web', 'n2', s2.leaseId, 1000);
      assert.ok(c.acquired);
      assert.ok(BigInt(c.revision) > BigInt(leader.revision), 'the next token is larger');
      await mirror.stop();
    } finally {
      await s1.close(true);
      await s2.close(true);
    }
  });

  it('revoking the lease deletes the node and its leader keys together', async () => {
    const keys = env.newKeys();
    const log = memoryLogger();
    const s1 = await NodeSession.open(env.client, keys, info('n1'), fast, log);
    await env.client.put(keys.vip('web')).value('{}');
    assert.equal((await acquireLeadership(env.client, keys, 'web', 'n1', s1.leaseId, 1000)).acquired, true);
    await s1.close(true);
    const left = await etcdctl(env.etcd.endpoint, ['get', '--prefix', keys.root, '--keys-only']);
    assert.equal(left.trim(), keys.vip('web'), `keys left behind besides the spec: ${left}`);
  });

  it('reports a lease revoked behind its back as lost (final), within a renew interval', async () => {
    const keys = env.newKeys();
    const log = memoryLogger();
    const s1 = await NodeSession.open(env.client, keys, info('n1'), fast, log);
    const hex = BigInt(s1.leaseId).toString(16);
    const lost = once(s1, 'lost');
    const t0 = performance.now();
    await etcdctl(env.etcd.endpoint, ['lease', 'revoke', hex]);
    const [err] = (await lost) as [Error];
    const ms = performance.now() - t0;
    assert.ok(err instanceof LeaseLostError);
    assert.equal(s1.valid(), false);
    assert.ok(ms < fast.renewIntervalMs + 1000, `lost after ${ms} ms`);
    await s1.close(false);
  });

  it('fences on its local deadline when etcd stops answering, before the lease can expire', async () => {
    const keys = env.newKeys();
    const log = memoryLogger();
    const s1 = await NodeSession.open(env.client, keys, info('n1'), fast, log);
    let lastRenewal = performance.now();
    s1.on('renewed', () => (lastRenewal = performance.now()));
    await once(s1, 'renewed');
    const fenced = once(s1, 'fenced');
    process.kill(env.etcd.pid, 'SIGSTOP');
    try {
      await fenced;
      const sinceRenewal = performance.now() - lastRenewal;
      assert.equal(s1.valid(), false);
      // The lease lives at least ttl after the last keepalive was sent; we fenced earlier.
      assert.ok(sinceRenewal < fast.ttlSeconds * 1000, `fenced ${sinceRenewal} ms after the last renewal`);
      assert.ok(sinceRenewal >= fast.ttlSeconds * 1000 - fast.fenceMarginMs - fast.renewIntervalMs - 50);
      console.log(
        `# fenced ${Math.round(sinceRenewal)} ms after the last renewal (ttl ${fast.ttlSeconds * 1000} ms)`,
      );
    } finally {
      process.kill(env.etcd.pid, 'SIGCONT');
    }
    // etcd is back before the lease expired: the session renews and is valid again.
    await once(s1, 'renewed');
    assert.equal(s1.valid(), true);
    await s1.close(true);
  });

  it('watches specs: new, changed, deleted; an invalid value is logged and skipped', async () => {
    const keys = env.newKeys();
    const log = memoryLogger();
    const watcher = new SpecWatcher(env.client, keys, log);
    const seen: [string, VipSpec | undefined][] = [];
    watcher.on('changed', (name, spec) => seen.push([name, spec]));
    await etcdctl(env.etcd.endpoint, [
      'put',
      keys.vip('web'),
      '{"name":"web","address":"198.51.100.100/24","interface":"e0"}',
    ]);
    await watcher.start();
    assert.equal(watcher.specs().get('web')?.address, '198.51.100.100');

    await etcdctl(env.etcd.endpoint, [
      'put',
      keys.vip('bad'),
      '{"name":"bad","address":"198.51.100.0/24","interface":"e0"}',
    ]);
    await etcdctl(env.etcd.endpoint, ['put', keys.vip('junk'), 'not json at all']);
    await etcdctl(env.etcd.endpoint, [
      'put',
      keys.vip('api'),
      '{"name":"api","address":"2001:db8::100/64","interface":"e0"}',
    ]);
    await pollUntil(async () => (watcher.specs().has('api') ? true : undefined), { timeoutMs: 3000 });
    assert.deepEqual([...watcher.specs().keys()].sort(), ['api', 'web']);
    const errors = log.lines.filter((l) => l.msg === 'invalid VIP spec skipped').map((l) => l.fields.vip);
    assert.deepEqual(errors.sort(), ['bad', 'junk']);
    assert.match(String(log.lines.find((l) => l.fields.vip === 'bad')?.fields.err), /network address/);

    await etcdctl(env.etcd.endpoint, [
      'put',
      keys.vip('web'),
      '{"name":"web","address":"198.51.100.101/24","interface":"e0"}',
    ]);
    await etcdctl(env.etcd.endpoint, ['del', keys.vip('api')]);
    await pollUntil(async () => (watcher.specs().has('api') ? undefined : true), { timeoutMs: 3000 });
    assert.equal(watcher.specs().get('web')?.address, '198.51.100.101');
    // A valid spec turning invalid is a removal for the daemon.
    await etcdctl(env.etcd.endpoint, ['put', keys.vip('web'), '{"name":"web"}']);
    await pollUntil(async () => (watcher.specs().has('web') ? undefined : true), { timeoutMs: 3000 });
    assert.deepEqual(
      seen.map(([name, spec]) => `${name}:${spec?.address ?? '-'}`),
      ['web:198.51.100.100', 'api:2001:db8::100', 'web:198.51.100.101', 'api:-', 'web:-'],
    );
    await watcher.stop();
    await sleep(10);
  });
});
