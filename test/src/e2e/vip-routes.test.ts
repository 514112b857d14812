/**
 * Routes and rules with the VIP (keepalived's virtual_routes and virtual_rules), end to end in a
 * namespace lab with real etcd, vipd on n1 and n2 and real interfaces: the holder has the VIP's
 * route into a second subnet (via the client host, which has an address there) and its policy
 * rule and table; the other node has neither. After a failover the new holder has them and the
 * old one does not; after a SIGKILL of the holder's vipd its kernel agent fences, and the
 * route and rule are gone with the address.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { skipUnlessRoot } from '../harness/lab-skip';
import { pollUntil } from '../harness/proc';
import { type Lab, type NodeHost, withLab } from '../lab';
import { VipdCluster } from './vipd-cluster';

const NODES: NodeHost[] = ['n1', 'n2'];
const VIP = '198.51.100.100';
const GATEWAY = '198.51.100.50'; // the client host
const FAR = '203.0.113.1'; // the client's address in the second subnet
const VIPD_PROTO = '118';
const skip = skipUnlessRoot(__filename);

/** What of vipd's routing a host has: its routes (every table) and rules, as `ip` words. */
async function routing(lab: Lab, host: NodeHost): Promise<string[]> {
  const routes = JSON.parse(
    await lab.exec(host, ['ip', '-4', '-json', 'route', 'show', 'table', 'all', 'proto', VIPD_PROTO]),
  ) as { dst: string; gateway?: string; table?: string }[];
  const rules = JSON.parse(await lab.exec(host, ['ip', '-4', '-json', 'rule', 'show'])) as {
    priority: number;
    src?: string;
    table?: string;
    protocol?: string | number;
  }[];
  return [
    ...routes.map((r) => `route ${r.dst} via ${r.gateway ?? '-'} table ${r.table ?? 'main'}`),
    ...rules
      .filter((r) => String(r.protocol) === VIPD_PROTO)
      .map((r) => `rule ${r.priority} from ${r.src ?? 'all'} table ${r.table}`),
  ].sort();
}

const EXPECTED = [
  'route 203.0.113.0/24 via 198.51.100.50 table main',
  'route default via 198.51.100.50 table 100',
  'rule 1000 from 198.51.100.100 table 100',
];

describe('routes and rules with the VIP (namespace lab, real etcd)', { skip }, () => {
  it(
    'the holder alone has them; they follow a failover; the fence removes them after a SIGKILL',
    { timeout: 120_000 },
    async () => {
      await withLab({ nodes: 2, etcd: true }, async (lab) => {
        const endpoint = await lab.startEtcd();
        const cluster = new VipdCluster(lab, endpoint, { ttlSeconds: 3 });
        const spec = (n1: number) => ({
          name: 'web',
          address: `${VIP}/24`,
          interface: 'e0',
          nodes: { n1: { priority: n1 }, n2: { priority: 100 } },
          routes: [
            { to: '203.0.113.0/24', via: GATEWAY },
            { to: 'default', via: GATEWAY, table: 100 },
          ],
          rules: [{ from: `${VIP}/32`, table: 100, priority: 1000 }],
        });
        try {
          await lab.exec('cli', ['ip', 'address', 'add', `${FAR}/24`, 'dev', 'e0']);
          await cluster.putVip(spec(150));
          for (const h of NODES) cluster.start(h);
          await cluster.waitHolder(`${VIP}/24`, NODES, 15_000, 'n1');
          await pollUntil(async () => ((await routing(lab, 'n1')).length === 3 ? true : undefined), {
            timeoutMs: 3000,
            what: "n1's routes and rule",
          });
          assert.deepEqual(await routing(lab, 'n1'), EXPECTED);
          assert.deepEqual(await routing(lab, 'n2'), [], 'the backup has none');
          // The route works: the second subnet is reached through the gateway, from the VIP too.
          const get = await lab.exec('n1', ['ip', 'route', 'get', FAR, 'from', VIP]);
          assert.match(get, new RegExp(`via ${GATEWAY.replace(/\./g, '\\.')}.* table 100`), get);
          const ping = await lab.exec('n1', ['ping', '-c', '1', '-W', '2', '-I', VIP, FAR]);
          assert.match(ping, /1 received/);

          // Failover (n1 lowered below n2, preempt): n2 has them, n1 none.
          await cluster.putVip(spec(50));
          await cluster.waitHolder(`${VIP}/24`, NODES, 10_000, 'n2');
          await pollUntil(
            async () =>
              JSON.stringify(await routing(lab, 'n2')) === JSON.stringify(EXPECTED) &&
              (await routing(lab, 'n1')).length === 0
                ? true
                : undefined,
            { timeoutMs: 3000, intervalMs: 20, what: 'the routes on n2 alone' },
          );

          // Back to n1, then its vipd is killed: its agent sees EOF and fences.
          await cluster.putVip(spec(150));
          await cluster.waitHolder(`${VIP}/24`, NODES, 10_000, 'n1');
          await pollUntil(async () => ((await routing(lab, 'n1')).length === 3 ? true : undefined), {
            timeoutMs: 3000,
            what: "n1's routes again",
          });
          const killedAt = Date.now();
          await cluster.signal('n1', 'SIGKILL');
          await pollUntil(
            async () =>
              (await routing(lab, 'n1')).length === 0 && !(await lab.addresses('n1')).includes(`${VIP}/24`)
                ? true
                : undefined,
            { timeoutMs: 2000, intervalMs: 5, what: 'the fence to remove the route, rule and VIP from n1' },
          );
          const goneMs = Date.now() - killedAt;
          await cluster.waitHolder(`${VIP}/24`, NODES, 10_000, 'n2');
          await pollUntil(
            async () =>
              JSON.stringify(await routing(lab, 'n2')) === JSON.stringify(EXPECTED) ? true : undefined,
            { timeoutMs: 3000, intervalMs: 20, what: 'the routes on n2 after the kill' },
          );
          console.log(
            `# SIGKILL of n1's vipd: its route, rule and VIP gone within ${goneMs} ms (sampled every 5 ms)`,
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
