/**
 * A VIP the kernel refuses on its best node, in a namespace lab with real etcd and vipd on n1 and
 * n2: the VIP has `scope: host`, and n1's e0 already has a global address in the VIP's subnet,
 * so n1's kernel refuses the VIP (EINVAL, "Invalid scope value"); n2's has none and takes it.
 * n1 (priority 150) takes the leadership, meets the refusal, says so in one error line, marks
 * the VIP unready in its node record and lets the leadership go; n2 (100) then holds the VIP,
 * and n1 does not try again while the spec stays. Once the spec changes (scope global, which n1
 * accepts) n1 tries again and takes the VIP back. The same for a route whose gateway n1 cannot
 * reach (ENETUNREACH): n2 holds the VIP with the route, and nothing of it stays on n1.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { skipUnlessRoot } from '../harness/lab-skip';
import { pollUntil, sleep } from '../harness/proc';
import { type NodeHost, withLab } from '../lab';
import { CLUSTER, VipdCluster } from './vipd-cluster';

const NODES: NodeHost[] = ['n1', 'n2'];
const VIP = '203.0.113.100/24';
const REFUSED = 'the kernel refused this VIP';
const skip = skipUnlessRoot(__filename);

describe('a VIP the kernel refuses (namespace lab, real etcd)', { skip }, () => {
  it(
    'the refusing node lets it go and says why; another node holds it; a spec change retries',
    { timeout: 120_000 },
    async () => {
      await withLab({ nodes: 2, etcd: true }, async (lab) => {
        const endpoint = await lab.startEtcd();
        const cluster = new VipdCluster(lab, endpoint, { ttlSeconds: 3 });
        const spec = (scope: string) => ({
          name: 'web',
          address: VIP,
          interface: 'e0',
          scope,
          nodes: { n1: { priority: 150 }, n2: { priority: 100 } },
        });
        const unready = async (host: NodeHost): Promise<string[]> => {
          const v = await cluster.etcdctl(['get', `/vipd/${CLUSTER}/nodes/${host}`, '--print-value-only']);
          return (JSON.parse(v) as { unready?: string[] }).unready ?? [];
        };
        const refusals = (): Record<string, unknown>[] =>
          cluster.logs('n1').filter((l) => String(l.msg).startsWith(REFUSED));
        try {
          await lab.exec('n1', ['ip', 'address', 'add', '203.0.113.1/24', 'dev', 'e0']);
          await cluster.putVip(spec('host'));
          for (const h of NODES) cluster.start(h);
          await cluster.waitHolder(VIP, NODES, 15_000, 'n2');
          const scopes = await lab.exec('n2', ['ip', '-4', 'address', 'show', 'dev', 'e0']);
          assert.match(scopes, /inet 203\.0\.113\.100\/24 .*scope host/, 'n2 added it with scope host');
          await pollUntil(async () => ((await unready('n1')).includes('web') ? true : undefined), {
            timeoutMs: 5000,
            what: "web in n1's unready list",
          });
          // n1 tried once, said why once, and leaves the VIP to n2 while the spec stays.
          await sleep(2000);
          assert.deepEqual(await cluster.holders(VIP, NODES), ['n2'], 'n2 keeps it');
          // The node record says why (vipadm vip get: `cannot serve it: the kernel refused it on e0: …`).
          const record = JSON.parse(
            await cluster.etcdctl(['get', `/vipd/${CLUSTER}/nodes/n1`, '--print-value-only']),
          ) as { unreadyWhy?: Record<string, string> };
          assert.match(
            record.unreadyWhy?.web ?? '',
            /^the kernel refused it on e0: /,
            "n1's published reason",
          );
          const lines = refusals();
          assert.equal(lines.length, 1, `one refusal logged on n1: ${JSON.stringify(lines)}`);
          assert.equal(lines[0]?.level, 50, 'at error');
          assert.equal(lines[0]?.code, 'EINVAL');
          assert.match(String(lines[0]?.err), /Invalid argument|Invalid scope value/);
          assert.ok(
            cluster
              .logs('n1')
              .some((l) => l.msg === 'leadership released' && /kernel refused/.test(String(l.reason))),
            'n1 released the leadership',
          );

          // The spec changes: n1 tries again, its kernel takes a global address, it preempts.
          await cluster.putVip(spec('global'));
          await cluster.waitHolder(VIP, NODES, 10_000, 'n1');
          await pollUntil(async () => ((await unready('n1')).length === 0 ? true : undefined), {
            timeoutMs: 5000,
            what: "n1's unready list empty again",
          });
          assert.equal(refusals().length, 1, 'no further refusal');
        } catch (err) {
          cluster.printLogTails(NODES, 30);
          throw err;
        } finally {
          await cluster.stopAll();
        }
      });
    },
  );
  it(
    'a route the kernel refuses (gateway unreachable on the best node) takes the VIP there down; the next node holds it with its route',
    { timeout: 120_000 },
    async () => {
      await withLab({ nodes: 2, etcd: true }, async (lab) => {
        const endpoint = await lab.startEtcd();
        const cluster = new VipdCluster(lab, endpoint, { ttlSeconds: 3 });
        const vip = '198.51.100.100/24';
        try {
          // The gateway is on a subnet n2 has and n1 has not.
          await lab.exec('n2', ['ip', 'address', 'add', '203.0.113.2/25', 'dev', 'e0']);
          await cluster.putVip({
            name: 'web',
            address: vip,
            interface: 'e0',
            nodes: { n1: { priority: 150 }, n2: { priority: 100 } },
            routes: [{ to: '203.0.113.128/25', via: '203.0.113.1' }],
          });
          for (const h of NODES) cluster.start(h);
          await cluster.waitHolder(vip, NODES, 15_000, 'n2');
          const route = await lab.exec('n2', ['ip', 'route', 'show', '203.0.113.128/25', 'proto', '118']);
          assert.match(route, /via 203\.0\.113\.1 dev e0/, 'n2 holds it with its route');
          await pollUntil(
            async () =>
              cluster.logs('n1').some((l) => String(l.msg).startsWith(REFUSED)) ? true : undefined,
            { timeoutMs: 5000, what: "the refusal in n1's log" },
          );
          const line = cluster.logs('n1').find((l) => String(l.msg).startsWith(REFUSED))!;
          assert.match(String(line.err), /203\.0\.113\.128\/25/, 'the error names the route');
          assert.equal(
            await lab.exec('n1', ['ip', 'route', 'show', 'table', 'all', 'proto', '118']),
            '',
            'nothing of it stays on n1',
          );
          assert.deepEqual(await cluster.holders(vip, NODES), ['n2']);
          console.log(`# route refused on n1: ${String(line.code)} ${String(line.err)}`);
        } catch (err) {
          cluster.printLogTails(NODES, 30);
          throw err;
        } finally {
          await cluster.stopAll();
        }
      });
    },
  );
});
