// The lab itself, end to end (needs root: it creates network namespaces). Checks what the
// fault suites rely on: reachability on v4 and v6, a real etcd reachable from the nodes, an
// etcd block that really cuts a node off, a cable pull the client notices, and a teardown that
// leaves nothing behind.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { skipUnlessRoot } from '../harness/lab-skip';
import { run, sleep } from '../harness/proc';
import { createLab, withLab } from './lab';
import { ipv4Of, ipv6Of, vipV4, type HostName } from './topology';

const notRoot = skipUnlessRoot(__filename);

async function etcdHealth(lab: Awaited<ReturnType<typeof createLab>>, host: HostName, endpoint: string) {
  const argv = ['etcdctl', '--endpoints', endpoint, '--dial-timeout', '1s', '--command-timeout', '1s'];
  return lab.exec(host, [...argv, 'endpoint', 'health'], { timeoutMs: 10_000, env: { ETCDCTL_API: '3' } });
}

async function labNamespaces(prefix: string): Promise<string[]> {
  const out = await run(['ip', 'netns', 'list']);
  // Lines look like "NAME" or "NAME (id: 3)".
  return out
    .split('\n')
    .map((l) => l.split(' ')[0] ?? '')
    .filter((name) => name.startsWith(prefix));
}

test(
  'a 2-node lab with IPv6 and etcd: reachability, etcd block, cable pull, teardown',
  { skip: notRoot },
  async (t) => {
    let started = Date.now();
    const lab = await createLab({ nodes: 2, ipv6: true, etcd: true });
    t.diagnostic(`createLab: ${Date.now() - started} ms (lab ${lab.names.id})`);
    try {
      const expected = ['sw', 'n1', 'n2', 'etcd', 'cli'].map((h) => `${lab.names.prefix}${h}`);
      assert.deepEqual((await labNamespaces(lab.names.prefix)).sort(), expected.sort());

      for (const node of ['n1', 'n2'] as const) {
        await lab.exec('cli', ['ping', '-4', '-n', '-c', '1', '-W', '2', ipv4Of(node)]);
        await lab.exec('cli', ['ping', '-6', '-n', '-c', '1', '-W', '2', ipv6Of(node)]);
        assert.equal(await lab.neighbour('cli', ipv4Of(node)), await lab.mac(node));
      }
      assert.ok((await lab.addresses('n1')).includes('198.51.100.11/24'));
      assert.ok((await lab.addresses('n1')).includes('2001:db8::11/64'));

      started = Date.now();
      const endpoint = await lab.startEtcd();
      t.diagnostic(`startEtcd: ${Date.now() - started} ms`);
      assert.equal(endpoint, 'http://198.51.100.2:2379');
      await etcdHealth(lab, 'n1', endpoint);
      await etcdHealth(lab, 'n1', 'http://[2001:db8::2]:2379');

      await lab.blockEtcd('n1');
      started = Date.now();
      await assert.rejects(etcdHealth(lab, 'n1', endpoint));
      await assert.rejects(etcdHealth(lab, 'n1', 'http://[2001:db8::2]:2379'));
      const blockedMs = Date.now() - started;
      t.diagnostic(`etcd health from a blocked node failed after ${blockedMs} ms (two checks)`);
      assert.ok(blockedMs < 8000, `blocked etcd check took ${blockedMs} ms`);
      await etcdHealth(lab, 'n2', endpoint); // the block is n1's alone
      await lab.exec('cli', ['ping', '-4', '-n', '-c', '1', '-W', '2', ipv4Of('n1')]); // and only etcd
      await lab.unblockEtcd('n1');
      await lab.unblockEtcd('n1'); // idempotent
      await etcdHealth(lab, 'n1', endpoint);

      const ping = lab.startPing('cli', ipv4Of('n1'));
      await ping.waitForReply(3000);
      await sleep(100);
      await lab.cutLink('n1');
      await sleep(200);
      assert.ok(ping.stats().unansweredAtEnd > 0, 'pings go unanswered while the cable is out');
      await assert.rejects(lab.exec('cli', ['ping', '-4', '-n', '-c', '1', '-W', '1', ipv4Of('n1')]));
      await lab.restoreLink('n1');
      await lab.exec('cli', ['ping', '-4', '-n', '-c', '1', '-W', '2', ipv4Of('n1')]);
      await sleep(100);
      const stats = await ping.stop();
      t.diagnostic(`cable pull seen by the client: ${JSON.stringify(stats)}`);
      assert.ok(stats.outageMs >= 200 && stats.outageMs < 3000, `outage ${stats.outageMs} ms`);
      assert.equal(stats.unansweredAtEnd, 0);
      assert.equal(stats.duplicates, 0);
    } finally {
      started = Date.now();
      await lab.destroy();
      t.diagnostic(`destroy: ${Date.now() - started} ms`);
    }
    await lab.destroy(); // idempotent
    assert.deepEqual(await labNamespaces(lab.names.prefix), []);
    assert.equal(existsSync(lab.dir), false);
    const etcdPid = lab.etcdProcess?.pid;
    assert.ok(etcdPid !== undefined);
    assert.throws(() => process.kill(etcdPid, 0), { code: 'ESRCH' });
  },
);

test('the address sampler records a VIP moving between nodes', { skip: notRoot }, async () => {
  await withLab({ nodes: 3 }, async (lab) => {
    const vip = `${vipV4()}/24`;
    lab.hosts.forEach((h) => assert.ok(lab.nsName(h).startsWith(lab.names.prefix)));
    await lab.exec('n1', ['ip', 'addr', 'add', vip, 'dev', 'e0']); // before the sampler: snapshot
    const sampler = await lab.startSampler();
    await sleep(50);
    await lab.exec('n2', ['ip', 'addr', 'add', vip, 'dev', 'e0']);
    await sleep(60);
    await lab.exec('n1', ['ip', 'addr', 'del', vip, 'dev', 'e0']);
    await lab.exec('n3', ['ip', 'addr', 'add', vip, 'dev', 'e0', 'valid_lft', '1', 'preferred_lft', '0']);
    // n3's address expires by itself; the kernel checks lifetimes on a timer rounded to whole
    // seconds, so the expiry comes up to about a second late.
    await sleep(2600);
    const { timeline, discrepancies } = await sampler.stop();
    assert.deepEqual(discrepancies, []);
    const first = timeline.overlaps(vipV4());
    const n1n2 = first.find((o) => o.hosts.includes('n1') && o.hosts.includes('n2'));
    assert.ok(n1n2 && n1n2.ms >= 50 && n1n2.ms < 500, `n1/n2 overlap ${JSON.stringify(first)}`);
    const n3 = timeline.intervals(vipV4(), 'n3')[0];
    assert.ok(n3?.end !== undefined, 'the expired address is recorded as gone');
    const lifetime = n3.end - n3.start;
    assert.ok(lifetime >= 900 && lifetime < 2500, `valid_lft 1 s lasted ${lifetime} ms`);
    assert.deepEqual(timeline.held('n2').sort(), [ipv4Of('n2'), vipV4()].sort());
    assert.equal(timeline.lastHeld('n1', vipV4()), timeline.intervals(vipV4(), 'n1')[0]?.end);
  });
});
