/**
 * keepalived's `track_interface { up1 weight -20 }` as vipd does it, in a namespace lab with real
 * etcd and vipd on n1 and n2: each node has a second link `up1` (a veth pair inside the node) and
 * an `interface` check of it in checks[]; the VIP (n1 150, n2 140, on e0) tracks that check with
 * weight -20. When n1's link loses its carrier (the peer end set down), n1 drops to 130, stays
 * eligible, and hands the VIP to n2; the client keeps reaching the VIP. When the link is back,
 * n1 takes the VIP back (preempt).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { skipUnlessRoot } from '../harness/lab-skip';
import { pollUntil, sleep } from '../harness/proc';
import { type NodeHost, waitClientFollows, withLab } from '../lab';
import { CLUSTER, VipdCluster } from './vipd-cluster';

const NODES: NodeHost[] = ['n1', 'n2'];
const VIP = '198.51.100.100';
const skip = skipUnlessRoot(__filename);

describe('track_interface with a weight (namespace lab, real etcd, real links)', { skip }, () => {
  it(
    'a link without carrier on the 150 node moves the VIP to the 140 node and back',
    { timeout: 120_000 },
    async () => {
      await withLab({ nodes: 2, etcd: true }, async (lab) => {
        const endpoint = await lab.startEtcd();
        const cluster = new VipdCluster(lab, endpoint, {
          ttlSeconds: 3,
          checks: [
            { type: 'interface', name: 'uplink', interface: 'up1', intervalMs: 100, rise: 2, fall: 2 },
          ],
        });
        const nodeRecord = async (h: NodeHost) =>
          JSON.parse(await cluster.etcdctl(['get', `/vipd/${CLUSTER}/nodes/${h}`, '--print-value-only'])) as {
            unready: string[];
            checks?: Record<string, string>;
          };
        try {
          for (const h of NODES) {
            await lab.exec(h, ['ip', 'link', 'add', 'up1', 'type', 'veth', 'peer', 'name', 'up1p']);
            await lab.exec(h, ['ip', 'link', 'set', 'up1', 'up']);
            await lab.exec(h, ['ip', 'link', 'set', 'up1p', 'up']);
          }
          await cluster.putVip({
            name: 'web',
            address: `${VIP}/24`,
            interface: 'e0',
            nodes: { n1: { priority: 150 }, n2: { priority: 140 } },
            trackWeighted: [{ check: 'uplink', weight: -20 }],
          });
          for (const h of NODES) cluster.start(h);
          await pollUntil(
            async () => {
              const states = await Promise.all(NODES.map(async (h) => (await nodeRecord(h)).checks?.uplink));
              return states.every((s) => s === 'up') ? true : undefined;
            },
            { timeoutMs: 15_000, what: 'the uplink check up on both nodes' },
          );
          await cluster.waitHolder(`${VIP}/24`, NODES, 10_000, 'n1');

          // n1's link loses its carrier: n1 drops to 130 and hands the VIP to n2.
          let ping = lab.startPing('cli', VIP);
          await ping.waitForReply(5000);
          await sleep(300);
          const downAt = Date.now();
          await lab.exec('n1', ['ip', 'link', 'set', 'up1p', 'down']);
          await cluster.waitHolder(`${VIP}/24`, NODES, 5000, 'n2');
          const awayMs = Date.now() - downAt;
          const away = await waitClientFollows(lab, ping, VIP, 'n2');
          const n1 = await nodeRecord('n1');
          assert.equal(n1.checks?.uplink, 'down');
          assert.deepEqual(n1.unready, [], 'a weight never makes the node unready');
          assert.ok(
            cluster
              .logs('n1')
              .some((l) => l.msg === 'VIP down on this node' && String(l.reason).includes('preempted by n2')),
            'n1 let go by the planned handover (preempted), not as ineligible',
          );
          assert.ok(away.outageMs < 500, `outage ${away.outageMs} ms moving to n2`);

          // The link is back: n1 is 150 again and takes the VIP back.
          ping = lab.startPing('cli', VIP);
          await ping.waitForReply(5000);
          await sleep(300);
          const upAt = Date.now();
          await lab.exec('n1', ['ip', 'link', 'set', 'up1p', 'up']);
          await cluster.waitHolder(`${VIP}/24`, NODES, 5000, 'n1');
          const backMs = Date.now() - upAt;
          const back = await waitClientFollows(lab, ping, VIP, 'n1');
          assert.ok(back.outageMs < 500, `outage ${back.outageMs} ms moving back to n1`);
          console.log(
            `# track_interface weight -20: link down on n1, VIP on n2 after ${awayMs} ms (client outage ${Math.round(away.outageMs)} ms); link up, back on n1 after ${backMs} ms (outage ${Math.round(back.outageMs)} ms)`,
          );
        } catch (err) {
          cluster.printLogTails(NODES);
          throw err;
        } finally {
          await cluster.stopAll();
        }
      });
    },
  );
});
