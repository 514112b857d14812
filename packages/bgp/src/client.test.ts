/**
 * Against a real gobgpd (Debian's; skipped with a clear line when it is not installed): the API
 * on a free loopback port, the speaker started, a passive peer (nothing leaves this host), host
 * routes announced and withdrawn as gobgpd's own RIB shows them.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { GobgpClient } from './client';
import { startGobgpd, type GobgpdProcess } from './gobgpd';

const installed = spawnSync('gobgpd', ['--version']).status === 0;
if (!installed)
  console.log('!!! SKIPPED @vipd/bgp client tests: gobgpd is not installed (scripts/setup.sh installs it)');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

describe('GobgpClient against gobgpd', { skip: !installed }, () => {
  let proc: GobgpdProcess;
  let client: GobgpClient;
  let address: string;
  before(async () => {
    address = `127.0.0.1:${await freePort()}`;
    proc = await startGobgpd({ apiAddress: address });
    client = new GobgpClient({ address });
    await client.waitReady(10_000);
  });
  after(async () => {
    client?.close();
    await proc?.stop();
  });

  it('refuses to start a second gobgpd where one already answers (vipd drives only its own)', async () => {
    await assert.rejects(
      startGobgpd({ apiAddress: address }),
      /something already listens on 127\.0\.0\.1:\d+ \(another gobgpd\?\): vipd drives only the gobgpd it starts/,
    );
    assert.equal(proc.running, true, 'the first one is left alone');
  });

  it('starts the speaker and reports it', async () => {
    assert.equal(await client.speaker(), undefined);
    await client.startBgp({ asn: 64512, routerId: '198.51.100.11' });
    assert.deepEqual(await client.speaker(), { asn: 64512, routerId: '198.51.100.11' });
  });

  it('adds peers and reads their session state (the password is not echoed back)', async () => {
    await client.addPeer({ address: '198.51.100.1', asn: 64500, password: 'sekret', passive: true });
    await client.addPeer({ address: '2001:db8::1', asn: 64500, passive: true });
    const peers = await client.peers();
    assert.deepEqual(peers.map((p) => [p.address, p.asn]).sort(), [
      ['198.51.100.1', 64500],
      ['2001:db8::1', 64500],
    ]);
    for (const p of peers) assert.notEqual(p.state, 'ESTABLISHED');
    assert.doesNotMatch(JSON.stringify(peers), /sekret/);
  });

  it('announces and withdraws /32 and /128 host routes', async () => {
    await client.announce({ address: '203.0.113.10', nextHop: '198.51.100.11' });
    await client.announce({ address: '2001:db8:1::10', nextHop: '2001:db8::11' });
    assert.deepEqual(await client.announced(4), ['203.0.113.10/32']);
    assert.deepEqual(await client.announced(6), ['2001:db8:1::10/128']);
    await client.withdraw({ address: '203.0.113.10', nextHop: '198.51.100.11' });
    await client.withdraw({ address: '2001:db8:1::10', nextHop: '2001:db8::11' });
    assert.deepEqual(await client.announced(4), []);
    assert.deepEqual(await client.announced(6), []);
  });

  it('an unreachable API is a transient error, not a hang', async () => {
    const c = new GobgpClient({ address: `127.0.0.1:${await freePort()}`, callTimeoutMs: 300 });
    await assert.rejects(
      c.announce({ address: '203.0.113.10', nextHop: '198.51.100.11' }),
      (err: Error & { transient?: boolean }) =>
        err.transient === true && /announce 203\.0\.113\.10\/32/.test(err.message),
    );
    c.close();
  });
});
