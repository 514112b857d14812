// The renewal schedule against a slow fake etcd (pure timing logic; the real etcd is in
// test/src/integration/store.test.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { silentLogger } from '@vipd/log';
import type { Etcd3 } from 'etcd3';
import { Keys } from './keys';
import { NodeSession } from './node-session';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** An etcd whose keepalive and read each take `rttMs`, recording when keepalives were sent. */
function slowEtcd(rttMs: number): { client: Etcd3; sent: number[] } {
  const sent: number[] = [];
  let nodeValue: { lease: string } | undefined;
  const lease = {
    grant: () => Promise.resolve('42'),
    keepaliveOnce: async () => {
      sent.push(performance.now());
      await sleep(rttMs);
      return { TTL: '3' };
    },
    revoke: () => Promise.resolve(),
    release: () => undefined,
  };
  const client = {
    lease: () => lease,
    kv: {
      put: (req: { lease: string }) => {
        nodeValue = { lease: req.lease };
        return Promise.resolve({});
      },
      range: async () => {
        await sleep(rttMs);
        return { kvs: nodeValue ? [nodeValue] : [] };
      },
    },
  } as unknown as Etcd3;
  return { client, sent };
}

describe('NodeSession renewals', () => {
  it('keep their period when etcd is slow: counted from each send, not each answer', async () => {
    const { client, sent } = slowEtcd(40);
    const session = await NodeSession.open(
      client,
      new Keys('lab'),
      { name: 'n1', advertise: 'n1:7400', labels: {}, drained: false, unready: [] },
      { ttlSeconds: 3, renewIntervalMs: 150, fenceMarginMs: 750, callTimeoutMs: 1000 },
      silentLogger(),
    );
    try {
      await sleep(1600);
      const gaps = sent.slice(1).map((t, i) => t - sent[i]!);
      const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
      // Each renewal takes two round trips (80 ms): after each answer the period was 230 ms.
      assert.ok(mean < 185, `keepalives every ${Math.round(mean)} ms on average (${gaps.length} gaps)`);
      assert.ok(sent.length >= 8, `${sent.length} keepalives in 1.6 s`);
      assert.ok(session.valid(), 'the session stayed valid');
    } finally {
      await session.close(false);
    }
  });
});
