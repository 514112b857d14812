/**
 * Virtual MAC (keepalived's use_vmac) end to end, in a namespace lab with real etcd, vipd on n1
 * and n2 and real interfaces: the holder carries the VIP on a macvlan with the VRRP MAC
 * 00:00:5e:00:01:33 (id 51); the client has a PERMANENT neighbour entry for the VIP with that MAC
 * (a device that never refreshes its ARP cache) and pings it every 10 ms. It keeps reaching the
 * VIP across a graceful failover (SIGTERM), a preemption back, and a SIGKILL of the holder's
 * vipd, whose kernel agent fences: the macvlan is gone from the killed node at once. The
 * outage is the normal failover time, and the client's entry never changes.
 * IPv6 too: the VIP on vmac6.ID with 00:00:5e:00:02:ID, the same client reaching it across a
 * SIGTERM failover.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { skipUnlessRoot } from '../harness/lab-skip';
import { pollUntil, sleep } from '../harness/proc';
import { type Lab, type NodeHost, withLab } from '../lab';
import type { Pinger, PingStats } from '../lab/pinger';
import { VipdCluster } from './vipd-cluster';

const NODES: NodeHost[] = ['n1', 'n2'];
const VIP = '198.51.100.100';
const ID = 51;
const VMAC = '00:00:5e:00:01:33';
const LINK = 'vmac4.51';
const skip = skipUnlessRoot(__filename);

interface LinkRow {
  ifname: string;
  address: string;
  flags: string[];
  addr_info?: { local: string }[];
}

/** The host's virtual-MAC macvlan, if it has one. */
async function vmacLink(lab: Lab, host: NodeHost): Promise<LinkRow | undefined> {
  const rows = JSON.parse(await lab.exec(host, ['ip', '-json', 'address', 'show'])) as LinkRow[];
  return rows.find((r) => r.ifname === LINK);
}

/** The nodes that have the VIP (on any interface). */
async function holders(lab: Lab): Promise<NodeHost[]> {
  const out: NodeHost[] = [];
  for (const h of NODES) {
    const rows = JSON.parse(await lab.exec(h, ['ip', '-json', 'address', 'show'])) as LinkRow[];
    if (rows.some((r) => r.addr_info?.some((a) => a.local === VIP))) out.push(h);
  }
  return out;
}

async function waitHolder(lab: Lab, host: NodeHost, timeoutMs = 10_000): Promise<void> {
  await pollUntil(async () => ((await holders(lab)).join() === host ? true : undefined), {
    timeoutMs,
    intervalMs: 10,
    what: `${VIP} on ${host} alone`,
  });
}

/** Lets the pings settle, stops them; the VIP answers again at the end. */
async function settle(ping: Pinger): Promise<PingStats> {
  await pollUntil(async () => (ping.stats().unansweredAtEnd === 0 ? true : undefined), {
    timeoutMs: 5000,
    intervalMs: 10,
    what: 'the VIP to answer the client again',
  });
  await sleep(500);
  const stats = await ping.stop();
  assert.equal(stats.unansweredAtEnd, 0, `${VIP} answers again`);
  assert.equal(stats.duplicates, 0, 'never two answers to one ping');
  return stats;
}

describe(
  'virtual MAC (namespace lab, real etcd, a client with a permanent neighbour entry)',
  { skip },
  () => {
    it(
      'the client keeps reaching the VIP across failovers; the fence deletes the macvlan',
      { timeout: 120_000 },
      async () => {
        await withLab({ nodes: 2, etcd: true }, async (lab) => {
          const endpoint = await lab.startEtcd();
          const cluster = new VipdCluster(lab, endpoint, { ttlSeconds: 3 });
          try {
            await cluster.putVip({
              name: 'web',
              address: `${VIP}/24`,
              interface: 'e0',
              nodes: { n1: { priority: 150 }, n2: { priority: 100 } },
              vmac: ID,
            });
            for (const h of NODES) cluster.start(h);
            await waitHolder(lab, 'n1', 15_000);
            const l1 = await vmacLink(lab, 'n1');
            assert.equal(l1?.address, VMAC);
            assert.ok(l1?.flags.includes('UP'));
            assert.ok(
              l1?.addr_info?.some((a) => a.local === VIP),
              'the VIP is on the macvlan',
            );
            assert.equal(await vmacLink(lab, 'n2'), undefined, 'the backup has no macvlan');

            await lab.exec('cli', [
              'ip',
              'neigh',
              'replace',
              VIP,
              'lladdr',
              VMAC,
              'nud',
              'permanent',
              'dev',
              'e0',
            ]);
            const permanent = async (): Promise<void> => {
              const n = JSON.parse(
                await lab.exec('cli', ['ip', '-json', 'neigh', 'show', VIP, 'dev', 'e0']),
              ) as {
                lladdr?: string;
                state?: string[];
              }[];
              assert.deepEqual(
                [n[0]?.lladdr, n[0]?.state],
                [VMAC, ['PERMANENT']],
                "the client's entry never changes",
              );
            };
            const figures: string[] = [];

            // 1. SIGTERM on n1: n2 takes over; the client's frames to the virtual MAC follow.
            let ping = lab.startPing('cli', VIP, { intervalMs: 10 });
            await ping.waitForReply(5000);
            await sleep(200);
            await cluster.signal('n1', 'SIGTERM');
            await waitHolder(lab, 'n2');
            let stats = await settle(ping);
            figures.push(`SIGTERM ${Math.round(stats.outageMs)} ms`);
            assert.ok(stats.outageMs < 1000, `outage ${stats.outageMs} ms after SIGTERM`);
            assert.equal(await vmacLink(lab, 'n1'), undefined, 'n1 deleted its macvlan');
            assert.equal((await vmacLink(lab, 'n2'))?.address, VMAC);
            await permanent();

            // 2. n1 back: it preempts (graceful handover).
            ping = lab.startPing('cli', VIP, { intervalMs: 10 });
            await ping.waitForReply(5000);
            cluster.start('n1');
            await waitHolder(lab, 'n1', 15_000);
            stats = await settle(ping);
            figures.push(`preemption ${Math.round(stats.outageMs)} ms`);
            assert.ok(stats.outageMs < 1000, `outage ${stats.outageMs} ms at the preemption`);
            assert.equal(await vmacLink(lab, 'n2'), undefined, 'n2 deleted its macvlan');

            // 3. SIGKILL of n1's vipd: its agent fences (the macvlan goes), n2 takes over.
            ping = lab.startPing('cli', VIP, { intervalMs: 10 });
            await ping.waitForReply(5000);
            await sleep(200);
            const killedAt = Date.now();
            await cluster.signal('n1', 'SIGKILL');
            await pollUntil(async () => ((await vmacLink(lab, 'n1')) === undefined ? true : undefined), {
              timeoutMs: 2000,
              intervalMs: 5,
              what: "the fence to delete n1's macvlan",
            });
            const goneMs = Date.now() - killedAt;
            await waitHolder(lab, 'n2');
            stats = await settle(ping);
            figures.push(
              `SIGKILL ${Math.round(stats.outageMs)} ms (macvlan gone from the killed node in ${goneMs} ms)`,
            );
            assert.ok(stats.outageMs < 2000, `outage ${stats.outageMs} ms after SIGKILL`);
            await permanent();
            console.log(
              `# virtual MAC, client with a permanent neighbour entry, outage: ${figures.join('; ')}`,
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
  },
);

describe('virtual MAC, IPv6 (namespace lab, real etcd, a permanent neighbour entry)', { skip }, () => {
  it(
    'the client keeps reaching the VIP on 00:00:5e:00:02:ID across a failover',
    { timeout: 120_000 },
    async () => {
      await withLab({ nodes: 2, etcd: true, ipv6: true }, async (lab) => {
        const endpoint = await lab.startEtcd();
        const cluster = new VipdCluster(lab, endpoint, { ttlSeconds: 3 });
        const vip6 = '2001:db8::100';
        const mac6 = '00:00:5e:00:02:34';
        const on = async (h: NodeHost): Promise<LinkRow | undefined> =>
          (JSON.parse(await lab.exec(h, ['ip', '-json', 'address', 'show'])) as LinkRow[]).find(
            (r) => r.ifname === 'vmac6.52' && r.addr_info?.some((a) => a.local === vip6),
          );
        try {
          await cluster.putVip({
            name: 'web6',
            address: `${vip6}/64`,
            interface: 'e0',
            nodes: { n1: { priority: 150 }, n2: { priority: 100 } },
            vmac: 52,
          });
          for (const h of NODES) cluster.start(h);
          await pollUntil(async () => ((await on('n1')) ? true : undefined), {
            timeoutMs: 15_000,
            intervalMs: 10,
            what: 'the VIP on vmac6.52 on n1',
          });
          assert.equal((await on('n1'))?.address, mac6);
          await lab.exec('cli', [
            'ip',
            '-6',
            'neigh',
            'replace',
            vip6,
            'lladdr',
            mac6,
            'nud',
            'permanent',
            'dev',
            'e0',
          ]);
          const ping = lab.startPing('cli', vip6, { intervalMs: 10 });
          await ping.waitForReply(5000);
          await sleep(200);
          await cluster.signal('n1', 'SIGTERM');
          await pollUntil(async () => ((await on('n2')) && !(await on('n1')) ? true : undefined), {
            timeoutMs: 10_000,
            intervalMs: 10,
            what: 'the VIP on vmac6.52 on n2 alone',
          });
          const stats = await settle(ping);
          console.log(
            `# virtual MAC (IPv6), permanent neighbour entry: SIGTERM outage ${Math.round(stats.outageMs)} ms`,
          );
          assert.ok(stats.outageMs < 1000, `outage ${stats.outageMs} ms`);
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
