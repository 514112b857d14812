/**
 * Fault 5: a tracked health check fails on the holder (vipd `checks[]` + VIP `track`). The
 * holder hands over at once: the new holder has the address < 0.3 s after the service died.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { describe, it } from 'node:test';
import type { NodeHost } from '../lab';
import { baseSpec, clientFollows, logsWith, skipUnlessRoot, VIP, withFaultCluster } from './fault-cluster';
import { MAX_OVERLAP_MS, report } from './monitor';
import { TCP_SERVICE_ARGV, tcpServiceCheck } from '../harness/tcp-service';

// fall 2 × 50 ms to notice the death, leaving the rest of the 300 ms for the handover itself.
const CHECK = tcpServiceCheck(50);

describe('fault suite: health checks', { skip: skipUnlessRoot(__filename), concurrency: 1 }, () => {
  it('5. a tracked check fails on the holder: the new holder has the VIP < 0.3 s after the service died', async () => {
    const services = new Map<NodeHost, ChildProcess>();
    await withFaultCluster(
      {
        spec: { ...baseSpec, track: ['svc'] },
        vipd: { checks: [CHECK] },
        beforeStart: async (lab) => {
          for (const h of ['n1', 'n2'] as const) services.set(h, lab.spawn(h, TCP_SERVICE_ARGV));
        },
      },
      async (c) => {
        const killedAt = Date.now();
        await c.lab.kill(services.get('n1')!, 'SIGKILL');
        await c.vipd.waitHolder(`${VIP}/24`, c.nodes, 3000, 'n2');
        const stats = await clientFollows(c, 'n2');
        const r = await c.monitor.check();
        const tookAt = r.timeline.firstHeld('n2', VIP);
        const droppedAt = r.timeline.lastHeld('n1', VIP);
        assert.ok(tookAt !== undefined && droppedAt !== undefined);
        const handoverMs = tookAt - killedAt;
        report(
          '5 tracked check fails',
          stats.outageMs,
          r.maxOverlapMs,
          `n2 had the VIP ${Math.round(handoverMs)} ms after the service died, n1 dropped it at ${Math.round(droppedAt - killedAt)} ms`,
        );
        assert.ok(handoverMs < 300, `handover took ${handoverMs} ms`);
        assert.ok(r.maxOverlapMs <= MAX_OVERLAP_MS);
        assert.ok(stats.outageMs < 100, `client outage ${stats.outageMs} ms`);
        assert.ok(
          logsWith(c, 'n1', 'VIP down on this node').some((l) => String(l.reason).includes('eligible')),
          'n1 logged why it let go',
        );
      },
    );
  });
});
