/**
 * Announcement details end to end, in a namespace lab with real etcd, vipd on n1 and n2 and
 * real interfaces: the VIP address carries the spec's IPaddr2-style options (label, scope,
 * broadcast, noprefixroute; read back with `ip -json addr`, and no prefix route of ours in the
 * routing table), a refresh of its lifetime keeps them, and the second burst of gratuitous ARP
 * (announce.secondBurstDelayMs, keepalived's garp_master_delay) reaches a real client: its
 * neighbour entry for the VIP, set to a wrong MAC after the first burst, is corrected by the
 * second burst, at the configured delay, and vipd's log counts both bursts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { skipUnlessRoot } from '../harness/lab-skip';
import { pollUntil, sleep } from '../harness/proc';
import { type Lab, type NodeHost, withLab } from '../lab';
import { secondBurstCorrects } from './second-burst';
import { VipdCluster } from './vipd-cluster';

const NODES: NodeHost[] = ['n1', 'n2'];
const VIP4 = '198.51.100.100';
const VIP6 = '2001:db8::100';
const VIP_HOST = '203.0.113.10';
const DELAY_MS = 2000;
/** Documentation MAC (RFC 7042), never a lab host's. */
const WRONG_MAC = '00:00:5e:00:53:01';
const skip = skipUnlessRoot(__filename);

interface AddrInfo {
  local: string;
  prefixlen: number;
  label?: string;
  scope: string;
  broadcast?: string;
  noprefixroute?: boolean;
  metric?: number;
}

async function addrInfo(lab: Lab, host: NodeHost, address: string): Promise<AddrInfo | undefined> {
  const out = await lab.exec(host, ['ip', '-json', 'addr', 'show', 'dev', 'e0']);
  return (JSON.parse(out) as { addr_info: AddrInfo[] }[])
    .flatMap((l) => l.addr_info)
    .find((a) => a.local === address);
}

/** Routes on e0 with vipd's metric (0x7669): what the kernel adds for a VIP's prefix. */
async function vipdRoutes(lab: Lab, host: NodeHost): Promise<string[]> {
  const lines = [
    ...(await lab.exec(host, ['ip', '-4', 'route', 'show', 'dev', 'e0'])).split('\n'),
    ...(await lab.exec(host, ['ip', '-6', 'route', 'show', 'dev', 'e0'])).split('\n'),
  ];
  return lines.filter((l) => l.includes('metric 30313'));
}

describe('announcement details (namespace lab, real etcd, real ARP)', { skip }, () => {
  it(
    'the address carries label, scope, broadcast and noprefixroute; a second ARP burst follows after the delay',
    { timeout: 120_000 },
    async () => {
      await withLab({ nodes: 2, etcd: true, ipv6: true }, async (lab) => {
        const endpoint = await lab.startEtcd();
        const cluster = new VipdCluster(lab, endpoint, { ttlSeconds: 3 });
        const nodes = { n1: { priority: 150 }, n2: { priority: 100 } };
        try {
          await cluster.putVip({
            name: 'web',
            address: `${VIP4}/24`,
            interface: 'e0',
            nodes,
            label: 'web',
            noPrefixRoute: true,
            broadcast: '+',
            // No periodic refresh, no duplicate-owner probe (its ARP request names the VIP as sender):
            // only the two bursts announce it.
            announce: { count: 2, intervalMs: 50, refreshMs: 0, probeMs: 0, secondBurstDelayMs: DELAY_MS },
          });
          await cluster.putVip({
            name: 'web6',
            address: `${VIP6}/64`,
            interface: 'e0',
            nodes,
            noPrefixRoute: true,
          });
          await cluster.putVip({ name: 'plain', address: '198.51.100.101/24', interface: 'e0', nodes });
          // IPv4 makes a prefix route for a primary address only: noPrefixRoute shows on one of its own.
          await cluster.putVip({
            name: 'np4',
            address: '203.0.113.130/25',
            interface: 'e0',
            nodes,
            noPrefixRoute: true,
          });
          // A scope other than global only where no address of another scope shares the subnet:
          // the kernel refuses (EINVAL) a secondary address whose scope differs from the primary's.
          await cluster.putVip({
            name: 'local',
            address: `${VIP_HOST}/24`,
            interface: 'e0',
            nodes,
            scope: 'host',
          });
          for (const h of NODES) cluster.start(h);
          await cluster.waitHolder(`${VIP4}/24`, NODES, 15_000, 'n1');

          // The first burst is out: the client is told a wrong MAC for the VIP (a stale cache).
          const firstBurst = await pollUntil(
            async () =>
              cluster
                .logs('n1')
                .find((l) => l.msg === 'announced' && l.vip === 'web' && l.why === 'took over'),
            { timeoutMs: 3000, intervalMs: 10, what: 'the first burst' },
          );
          await lab.exec('cli', [
            'ip',
            'neigh',
            'replace',
            VIP4,
            'lladdr',
            WRONG_MAC,
            'dev',
            'e0',
            'nud',
            'stale',
          ]);
          const wrongAt = Date.now();
          const up = cluster.logs('n1').find((l) => l.msg === 'VIP up on this node' && l.vip === 'web')!;
          const upAt = Date.parse(String(up.time));
          assert.equal(await lab.neighbour('cli', VIP4), WRONG_MAC);

          // The address as the kernel has it.
          const a4 = await addrInfo(lab, 'n1', VIP4);
          assert.deepEqual(
            [a4?.label, a4?.scope, a4?.broadcast, a4?.noprefixroute],
            ['e0:web', 'global', '198.51.100.255', true],
          );
          await cluster.waitHolder(`${VIP_HOST}/24`, NODES, 5000, 'n1');
          assert.equal((await addrInfo(lab, 'n1', VIP_HOST))?.scope, 'host');
          await cluster.waitHolder('203.0.113.130/25', NODES, 5000, 'n1');
          assert.equal((await addrInfo(lab, 'n1', '203.0.113.130'))?.noprefixroute, true);
          await cluster.waitHolder(`${VIP6}/64`, NODES, 5000, 'n1');
          assert.equal((await addrInfo(lab, 'n1', VIP6))?.noprefixroute, true);
          await cluster.waitHolder('198.51.100.101/24', NODES, 5000, 'n1');
          const plain = await addrInfo(lab, 'n1', '198.51.100.101');
          assert.deepEqual(
            [plain?.label, plain?.scope, plain?.broadcast, plain?.noprefixroute],
            ['e0:vip', 'global', undefined, undefined],
            'a VIP without the options: as before',
          );

          // The second burst corrects the client's entry, at the delay after the VIP came up.
          const { fixedAt, second } = await secondBurstCorrects(lab, cluster, {
            holder: 'n1',
            vip: 'web',
            address: VIP4,
            delayMs: DELAY_MS,
          });
          assert.ok(second, 'vipd logged the second burst');
          const gapMs = Date.parse(String(second.time)) - Date.parse(String(firstBurst.time));
          console.log(
            `# second burst: ${second.sent} frames, ${gapMs} ms after the first (${firstBurst.sent} frames); ` +
              `client corrected ${fixedAt - upAt} ms after the VIP came up, ${fixedAt - wrongAt} ms after its entry went wrong`,
          );
          assert.equal(second.sent, 2);
          assert.equal(firstBurst.sent, 2);
          assert.ok(
            fixedAt - upAt >= DELAY_MS - 100,
            `corrected ${fixedAt - upAt} ms after up: before the second burst`,
          );
          assert.ok(fixedAt - upAt <= DELAY_MS + 1500, `corrected only ${fixedAt - upAt} ms after up`);
          assert.ok(Math.abs(gapMs - DELAY_MS) < 300, `second burst ${gapMs} ms after the first`);
          assert.equal(
            cluster
              .logs('n1')
              .filter((l) => l.msg === 'announced' && l.vip === 'plain' && l.why === 'second burst').length,
            0,
            'no second burst without the setting',
          );

          // Lifetime refreshes (every second) keep the options; the VIP answers.
          await sleep(1500);
          assert.equal((await addrInfo(lab, 'n1', VIP6))?.noprefixroute, true, 'IPv6 keeps noprefixroute');
          assert.equal((await addrInfo(lab, 'n1', VIP4))?.label, 'e0:web');
          const routes = await vipdRoutes(lab, 'n1');
          assert.ok(
            routes.every((r) => !r.startsWith('2001:db8::/64') && !r.startsWith('203.0.113.128/25')) &&
              routes.some((r) => r.startsWith('203.0.113.0/24')),
            `a prefix route of ours for the VIP without noPrefixRoute only: ${JSON.stringify(routes)}`,
          );
          const ping = lab.startPing('cli', VIP4);
          await ping.waitForReply(5000);
          const stats = await ping.stop();
          assert.equal(stats.duplicates, 0);
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
