/**
 * The store's smaller writes against a real etcd: vipd's alive/ touch, the takeover mark lease
 * and the revoke of a silent holder's lease; the coordinator's spec, drain and pin writes with
 * their guards.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryLogger } from '@vipd/log';
import {
  acquireLeadership,
  deleteDrain,
  deleteVipSpec,
  grantTakeoverMarkLease,
  leaseGone,
  LeaseLostError,
  NodeSession,
  parseDrainRecord,
  parsePinRecord,
  parseVipSpec,
  parseVipSpecJson,
  putDrain,
  putPin,
  readPrefixes,
  revokeLease,
  type SessionOptions,
  touchAlive,
  writeVipSpec,
} from '@vipd/store';
import { nodeInfo as info, useStoreEtcd } from '../harness/store-etcd';

const fast: SessionOptions = {
  ttlSeconds: 5,
  renewIntervalMs: 1000,
  fenceMarginMs: 500,
  callTimeoutMs: 1000,
};

describe('store writes against a real etcd', () => {
  const env = useStoreEtcd({ tag: 'w' });
  const get = async (key: string): Promise<string | null> => env.client.get(key).string();

  it('alive/<node>: a new value per touch, under the node’s lease, gone with it', async () => {
    const keys = env.newKeys();
    const s = await NodeSession.open(env.client, keys, info('n1'), fast, memoryLogger());
    try {
      await touchAlive(env.client, keys, 'n1', 1, s.leaseId, 1000);
      await touchAlive(env.client, keys, 'n1', 2, s.leaseId, 1000);
      assert.equal(await get(keys.alive('n1')), '{"seq":2}');
      const [kv] = (await env.client.kv.range({ key: Buffer.from(keys.alive('n1')) })).kvs;
      assert.equal(String(kv?.lease), s.leaseId);
    } finally {
      await s.close(true);
    }
    assert.equal(await get(keys.alive('n1')), null);
    await assert.rejects(touchAlive(env.client, keys, 'n1', 3, s.leaseId, 1000), LeaseLostError);
  });

  it('a takeover’s leases: the mark lease lives its TTL; revoking the holder’s takes its keys', async () => {
    const keys = env.newKeys();
    const holder = await NodeSession.open(env.client, keys, info('p'), fast, memoryLogger());
    await env.client.put(keys.vip('web')).value('{}');
    assert.ok((await acquireLeadership(env.client, keys, 'web', 'p', holder.leaseId, 1000)).acquired);
    const mark = await grantTakeoverMarkLease(env.client, 5, 1000);
    const ttl = await env.client.leaseClient.leaseTimeToLive({ ID: mark, keys: false });
    assert.ok(Number(ttl.TTL) > 3 && Number(ttl.TTL) <= 5, `mark lease TTL ${ttl.TTL}`);

    await revokeLease(env.client, holder.leaseId, 1000);
    assert.equal(await leaseGone(env.client, holder.leaseId, 1000), true);
    assert.equal(await get(keys.leader('web')), null, 'the leader key went with the lease');
    assert.equal(await get(keys.node('p')), null);
    // Revoked twice (an answer lost, the revoke tried again): the lease is gone, and says so.
    await assert.rejects(revokeLease(env.client, holder.leaseId, 1000), LeaseLostError);
    assert.equal(await leaseGone(env.client, mark, 1000), false);
    await holder.close(false);
    await revokeLease(env.client, mark, 1000);
  });

  it('specs: create only where none is, update only what was read, none after vips/ changed', async () => {
    const keys = env.newKeys();
    const web = parseVipSpec({ name: 'web', address: '198.51.100.100/24', interface: 'e0' });
    const api = parseVipSpec({ name: 'api', address: '198.51.100.101/24', interface: 'e0' });
    const read = async () => (await readPrefixes(env.client, [keys.vipsPrefix], 'read')).revision;

    const r0 = await read();
    const created = await writeVipSpec(env.client, keys, web, { create: true }, r0);
    assert.ok(created.written);
    assert.equal(parseVipSpecJson((await get(keys.vip('web'))) ?? '', 'web').address, '198.51.100.100');
    assert.deepEqual(await writeVipSpec(env.client, keys, web, { create: true }, await read()), {
      written: false,
    });

    // Another VIP created after the read: a write validated against that read fails.
    const r1 = await read();
    assert.ok((await writeVipSpec(env.client, keys, api, { create: true }, r1)).written);
    const moved = { ...web, preempt: false };
    assert.deepEqual(await writeVipSpec(env.client, keys, moved, { modRevision: created.revision }, r1), {
      written: false,
    });
    // Read again: the same update lands, and only against the revision it read.
    const updated = await writeVipSpec(
      env.client,
      keys,
      moved,
      { modRevision: created.revision },
      await read(),
    );
    assert.ok(updated.written);
    assert.deepEqual(
      await writeVipSpec(env.client, keys, web, { modRevision: created.revision }, await read()),
      {
        written: false,
      },
    );
    assert.equal(parseVipSpecJson((await get(keys.vip('web'))) ?? '', 'web').preempt, false);
  });

  it('pins only while the spec is unchanged; deleting a VIP takes its pin', async () => {
    const keys = env.newKeys();
    const web = parseVipSpec({ name: 'web', address: '198.51.100.100/24', interface: 'e0' });
    const r = (await readPrefixes(env.client, [keys.vipsPrefix], 'read')).revision;
    const w = await writeVipSpec(env.client, keys, web, { create: true }, r);
    assert.ok(w.written);
    const pin = { node: 'n2', at: '2024-01-01T00:00:00.000Z', by: 'bo' };
    assert.deepEqual(await putPin(env.client, keys, 'web', pin, '1'), { pinned: false });
    assert.equal(await get(keys.pin('web')), null);
    assert.ok((await putPin(env.client, keys, 'web', pin, w.revision)).pinned);
    assert.deepEqual(parsePinRecord((await get(keys.pin('web'))) ?? ''), pin);

    assert.ok((await deleteVipSpec(env.client, keys, 'web')).deleted);
    assert.equal(await get(keys.vip('web')), null);
    assert.equal(await get(keys.pin('web')), null);
    assert.deepEqual(await deleteVipSpec(env.client, keys, 'web'), { deleted: false });
  });

  it('drains: the first drain stays; undrain deletes it, and is a no-op when none is', async () => {
    const keys = env.newKeys();
    assert.equal(await putDrain(env.client, keys, 'n1', { at: 't1', by: 'ann' }), true);
    assert.equal(await putDrain(env.client, keys, 'n1', { at: 't2', by: 'bo' }), false);
    assert.deepEqual(parseDrainRecord((await get(keys.drain('n1'))) ?? ''), { at: 't1', by: 'ann' });
    await deleteDrain(env.client, keys, 'n1');
    assert.equal(await get(keys.drain('n1')), null);
    await deleteDrain(env.client, keys, 'n1');
  });
});
