/**
 * vipd's /metrics in a namespace lab: real vipd on n1 and n2 with metrics.listen, scraped from
 * inside each node's namespace the way Prometheus would. Asserted: the holder says it holds the
 * VIP and the other does not; heartbeat round trips and lease keepalives are measured; after
 * the holder is SIGKILLed, the new holder's transitions, failover histogram and announcements
 * went up, and it sees its peer gone.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { skipUnlessRoot } from '../harness/lab-skip';
import { pollUntil } from '../harness/proc';
import { parseProm, total } from '../harness/prom-text';
import { ipv4Of, type NodeHost, withLab } from '../lab';
import { HTTP_GET } from '../harness/paths';
import { VipdCluster } from './vipd-cluster';

const NODES: NodeHost[] = ['n1', 'n2'];
const VIP = '198.51.100.100/24';
const PORT = 9464;
const skip = skipUnlessRoot(__filename);

describe('e2e: vipd metrics', { skip, timeout: 120_000 }, () => {
  it('a scrape shows the holder, heartbeat and lease timings, and a SIGKILL failover on the new holder', async () => {
    await withLab({ nodes: 2, etcd: true }, async (lab) => {
      const c = new VipdCluster(lab, await lab.startEtcd(), {
        ttlSeconds: 3,
        extraYaml: (host) => [`metrics: { listen: "${ipv4Of(host)}:${PORT}" }`],
      });
      const get = (host: NodeHost, path: string) =>
        lab.exec(host, [process.execPath, HTTP_GET, `http://${ipv4Of(host)}:${PORT}${path}`]);
      const scrape = async (host: NodeHost) => parseProm(await get(host, '/metrics'));
      /** Scrapes until `ok` holds for the host's metrics (at most 10 s). */
      const until = (host: NodeHost, what: string, ok: (m: Map<string, number>) => boolean) =>
        pollUntil(
          async () => {
            const m = await scrape(host);
            return ok(m) ? m : undefined;
          },
          { timeoutMs: 10_000, intervalMs: 200, what: `${host}: ${what}` },
        );
      try {
        await c.putVip({
          name: 'web',
          address: VIP,
          interface: 'e0',
          nodes: { n1: { priority: 150 }, n2: { priority: 100 } },
        });
        c.start('n1');
        c.start('n2');
        await c.waitHolder(VIP, NODES, 15_000, 'n1');
        await c.waitServing(NODES);

        const n1 = await until('n1', 'held, with heartbeat and lease samples', (m) => {
          return (
            total(m, 'vipd_vips_held') === 1 &&
            total(m, 'vipd_heartbeat_rtt_seconds_count', { peer: 'n2' }) > 0 &&
            total(m, 'vipd_lease_keepalive_seconds_count') > 0
          );
        });
        assert.equal(total(n1, 'vipd_vip_held', { vip: 'web' }), 1);
        assert.equal(total(n1, 'vipd_ready'), 1);
        assert.equal(total(n1, 'vipd_etcd_connected'), 1);
        assert.ok(total(n1, 'vipd_vip_transitions_total', { vip: 'web', state: 'master' }) >= 1);
        assert.ok(total(n1, 'vipd_announcements_total', { kind: 'garp' }) >= 1, 'gratuitous ARP counted');
        // Round trips on a lab bridge are well under 50 ms (the sum is of seconds).
        const rttMean =
          total(n1, 'vipd_heartbeat_rtt_seconds_sum', { peer: 'n2' }) /
          total(n1, 'vipd_heartbeat_rtt_seconds_count', { peer: 'n2' });
        assert.ok(rttMean < 0.05, `mean heartbeat RTT ${rttMean} s`);
        assert.ok(total(n1, 'vipd_lease_renewal_seconds_count') > 0);

        const before = await until(
          'n2',
          'not holding, with heartbeat samples from n1',
          (m) => total(m, 'vipd_heartbeat_rtt_seconds_count', { peer: 'n1' }) > 0,
        );
        assert.equal(total(before, 'vipd_vips_held'), 0);
        assert.equal(total(before, 'vipd_vip_held', { vip: 'web' }), 0);
        assert.equal(total(before, 'vipd_heartbeat_peer_up', { peer: 'n1' }), 1);
        const mastersBefore = total(before, 'vipd_vip_transitions_total', { vip: 'web', state: 'master' });
        const failoversBefore = total(before, 'vipd_failover_seconds_count');

        await c.signal('n1', 'SIGKILL');
        await c.waitHolder(VIP, ['n2'], 15_000, 'n2');
        // Announcements are counted when their series ends (count × interval after the takeover).
        const after = await until(
          'n2',
          'holding after the failover, its announcements sent',
          (m) =>
            total(m, 'vipd_vips_held') === 1 && total(m, 'vipd_announcements_total', { kind: 'garp' }) > 0,
        );
        assert.equal(total(after, 'vipd_vip_held', { vip: 'web' }), 1);
        assert.equal(
          total(after, 'vipd_vip_transitions_total', {
            vip: 'web',
            state: 'master',
            reason_class: 'acquired',
          }),
          mastersBefore + 1,
        );
        assert.equal(total(after, 'vipd_failover_seconds_count'), failoversBefore + 1);
        const failoverS = total(after, 'vipd_failover_seconds_sum');
        assert.ok(failoverS > 0 && failoverS < 5, `failover took ${failoverS} s from vacancy to address up`);
        assert.ok(total(after, 'vipd_heartbeat_suspect_total', { peer: 'n1' }) >= 1, 'n1 went silent');
        assert.notEqual(
          after.get('vipd_heartbeat_peer_up{peer="n1"}'),
          1,
          'n1 not up (or gone from the members)',
        );
        // The free-text reasons never become label values.
        assert.doesNotMatch(await get('n2', '/metrics'), /reason="|held by|leadership acquired/);
        await assert.rejects(get('n2', '/other'), /HTTP 404/);
        console.log(
          `# failover (vacancy seen → address up on n2): ${Math.round(failoverS * 1000)} ms; ` +
            `n1→n2 heartbeat RTT mean ${(rttMean * 1000).toFixed(2)} ms`,
        );
      } finally {
        await c.stopAll();
      }
    });
  });
});
