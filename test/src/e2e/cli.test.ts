/**
 * vipadm end to end in a namespace lab: real etcd and the real vip-coordinator on the etcd
 * host, real vipd on n1 and n2, and the real `packages/vipadm/bin/vipadm` on the client host,
 * so every admin call crosses the lab's bridge. What is asserted is what the kernel and the
 * client see (addresses on e0, ping answers, the client's neighbour entry), beside vipadm's
 * own answers and exit codes.
 */
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import type { Event__Output, Node__Output, Vip__Output } from '@vipd/proto';
import { skipUnlessRoot } from '../harness/lab-skip';
import { pollUntil, sleep } from '../harness/proc';
import { type Lab, type NodeHost, type Pinger, type PingStats, waitClientFollows, withLab } from '../lab';
import { LabCoordinator, runVipadm, vipAddArgs, type VipadmResult, VipadmWatch } from './coordinator-harness';
import { CLUSTER, VipdCluster } from './vipd-cluster';

const NODES: NodeHost[] = ['n1', 'n2'];
const TTL = 3;
const WEB = '198.51.100.100';
const API = '198.51.100.101';
const MOVES = 5;
const skip = skipUnlessRoot(__filename);

// vipadm -o json prints admin.proto's messages with every field present.
type VipJson = Vip__Output;
type NodeJson = Node__Output;

/** waitClientFollows (300 ms to settle), and only one host answered meanwhile. */
async function clientFollows(lab: Lab, ping: Pinger, vip: string, host: NodeHost): Promise<PingStats> {
  const stats = await waitClientFollows(lab, ping, vip, host, 300);
  assert.equal(stats.duplicates, 0, `only one host answered for ${vip}`);
  return stats;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** One line on stderr, `vipadm: …`, nothing on stdout. */
function assertOneErrorLine(r: VipadmResult, re: RegExp): void {
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line on stderr, got: ${r.stderr}`);
  assert.match(lines[0] ?? '', /^vipadm: /);
  assert.match(lines[0] ?? '', re);
  assert.equal(r.stdout, '', 'nothing on stdout');
}

describe('vipadm end to end (namespace lab: coordinator, etcd, vipd on n1 and n2)', { skip }, () => {
  it(
    'drives VIPs through add, move, drain, rm; watch sees it all; bad input changes nothing',
    {
      timeout: 240_000,
    },
    async (t: TestContext) => {
      await withLab({ nodes: 2, etcd: true }, async (lab) => {
        const endpoint = await lab.startEtcd();
        const cluster = new VipdCluster(lab, endpoint, { ttlSeconds: TTL });
        const coordinator = new LabCoordinator(lab, endpoint);
        let watch: VipadmWatch | undefined;
        const vipadm = (args: string[], output: 'json' | 'table' = 'json'): Promise<VipadmResult> =>
          runVipadm(lab, coordinator, args, { output });
        /** vipadm that must succeed; its JSON answer. */
        const ok = async <T>(args: string[]): Promise<T> => {
          const r = await vipadm(args);
          assert.equal(r.code, 0, `vipadm ${args.join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
          return JSON.parse(r.stdout) as T;
        };
        const listVips = async (): Promise<VipJson[]> =>
          (await ok<{ vips: VipJson[] }>(['vip', 'list'])).vips;
        const listNodes = async (): Promise<NodeJson[]> =>
          (await ok<{ nodes: NodeJson[] }>(['node', 'list'])).nodes;
        const etcdState = async (): Promise<string> => {
          const out: string[] = [];
          for (const p of ['vips/', 'pins/', 'drain/']) {
            out.push(await cluster.etcdctl(['get', '--prefix', '-w', 'json', `/vipd/${CLUSTER}/${p}`]));
          }
          // Only the key-values: the header's revision moves with every write elsewhere (leaders/).
          return JSON.stringify(out.map((o) => (JSON.parse(o) as { kvs?: unknown }).kvs ?? []));
        };

        let failed = false;
        /** A subtest; a failure is remembered so the logs are printed at the end. */
        const step = (name: string, fn: () => Promise<void>): Promise<void> =>
          t.test(name, async () => {
            try {
              await fn();
            } catch (err) {
              failed = true;
              throw err;
            }
          });

        try {
          await coordinator.start();
          // The watch runs before anything happens. It prints nothing until an event, so a probe
          // node key (before any vipd is up) shows it is established: nothing is missed after.
          watch = VipadmWatch.start(lab, coordinator);
          // A fresh probe node key per attempt (a re-put of the same value is no event).
          const w = watch;
          const probes: string[] = [];
          const seen = await pollUntil(
            async () => {
              const name = `watch-probe-${probes.length}`;
              probes.push(name);
              const value = {
                name,
                advertise: '198.51.100.199:7400',
                labels: {},
                drained: false,
                unready: [],
              };
              await cluster.etcdctl(['put', `/vipd/${CLUSTER}/nodes/${name}`, JSON.stringify(value)]);
              await sleep(300);
              return w.events.find((e) => e.type === 'node_joined' && probes.includes(e.node));
            },
            { timeoutMs: 15_000, intervalMs: 100, what: 'vipadm watch to be established' },
          );
          for (const name of probes) await cluster.etcdctl(['del', `/vipd/${CLUSTER}/nodes/${name}`]);
          await watch.waitFor((e) => e.type === 'node_left' && e.node === seen.node, 5000, 'probe node left');

          // vipd on n1 and n2 with no VIP in etcd; both registered before any VIP is added.
          for (const h of NODES) cluster.start(h);
          await pollUntil(
            async () => {
              const nodes = await listNodes();
              return NODES.every((h) => nodes.some((n) => n.name === h && n.alive && n.health === 'SERVING'))
                ? true
                : undefined;
            },
            {
              timeoutMs: 20_000,
              intervalMs: 200,
              what: 'n1 and n2 registered and SERVING (vipadm node list)',
            },
          );
          for (const h of NODES) {
            assert.deepEqual(
              (await lab.addresses(h)).filter((a) => [`${WEB}/24`, `${API}/24`].includes(a)),
              [],
              `no VIP on ${h} yet`,
            );
          }

          await step('1. vip add: the VIP comes up on n1 and the client reaches it there', async () => {
            const created = await ok<VipJson>(vipAddArgs('web', `${WEB}/24`, ['n1=150', 'n2=100']));
            assert.equal(created.spec!.name, 'web');
            assert.equal(created.spec!.address, `${WEB}/24`);
            assert.deepEqual(
              Object.fromEntries(Object.entries(created.spec!.nodes).map(([n, e]) => [n, e.priority])),
              { n1: 150, n2: 100 },
            );
            await cluster.waitHolder(`${WEB}/24`, NODES, 10_000, 'n1');
            const ping = lab.startPing('cli', WEB);
            await ping.waitForReply(5000);
            await sleep(300);
            const stats = await ping.stop();
            assert.ok(stats.received > 10, `the client got ${stats.received} replies`);
            assert.equal(stats.duplicates, 0);
            assert.equal(await lab.neighbour('cli', WEB), await lab.mac('n1'));
            const got = await pollUntil(
              async () => {
                const v = await ok<VipJson>(['vip', 'get', 'web']);
                return v.holder === 'n1' ? v : undefined;
              },
              { timeoutMs: 5000, intervalMs: 100, what: 'vip get web to show n1 as holder' },
            );
            assert.match(got.fencing_revision, /^\d+$/, 'vip get shows the fencing revision');
          });

          const outages: number[] = [];
          await step(
            `2. vip move: ${MOVES} planned switchovers, each under 50 ms for the client`,
            async () => {
              let from = 'n1' as NodeHost;
              for (let i = 0; i < MOVES; i++) {
                const to: NodeHost = from === 'n1' ? 'n2' : 'n1';
                const ping = lab.startPing('cli', WEB);
                await ping.waitForReply(5000);
                await sleep(200);
                const moved = await ok<{ vip: VipJson; from: string; elapsed_ms: number }>([
                  'vip',
                  'move',
                  'web',
                  '--to',
                  to,
                ]);
                assert.equal(moved.from, from, `move ${i + 1}: from`);
                assert.equal(moved.vip.holder, to, `move ${i + 1}: holder in the answer`);
                assert.equal(moved.vip.pinned_to, to, `move ${i + 1}: pinned_to in the answer`);
                await cluster.waitHolder(`${WEB}/24`, NODES, 5000, to);
                const stats = await clientFollows(lab, ping, WEB, to);
                console.log(
                  `# vip move: client outage ${Math.round(stats.outageMs)} ms (${from} → ${to}, vipadm: ${moved.elapsed_ms} ms)`,
                );
                outages.push(stats.outageMs);
                from = to;
              }
              console.log(
                `# vip move ×${MOVES}: median client outage ${Math.round(median(outages))} ms, max ${Math.round(Math.max(...outages))} ms`,
              );
              for (const [i, o] of outages.entries()) assert.ok(o < 50, `move ${i + 1}: outage ${o} ms`);
              assert.deepEqual(await cluster.holders(`${WEB}/24`, NODES), ['n2'], 'web ends on n2');
            },
          );

          await step('3. node drain moves every VIP off n2; node undrain lets it serve again', async () => {
            await ok<VipJson>(vipAddArgs('api', `${API}/24`, ['n1=100', 'n2=150']));
            await cluster.waitHolder(`${API}/24`, NODES, 10_000, 'n2');
            await cluster.waitHolder(`${WEB}/24`, NODES, 2000, 'n2');
            const ping = lab.startPing('cli', WEB);
            await ping.waitForReply(5000);
            await sleep(200);
            const drained = await ok<NodeJson>(['node', 'drain', 'n2']);
            assert.equal(drained.name, 'n2');
            assert.equal(drained.drained, true, 'node drain answers the drained node');
            await cluster.waitHolder(`${WEB}/24`, NODES, 5000, 'n1');
            await cluster.waitHolder(`${API}/24`, NODES, 5000, 'n1');
            const stats = await clientFollows(lab, ping, WEB, 'n1');
            console.log(`# node drain n2: client outage on web ${Math.round(stats.outageMs)} ms`);
            const n2 = await pollUntil(
              async () => {
                const n = (await listNodes()).find((x) => x.name === 'n2');
                return n && n.held.length === 0 ? n : undefined;
              },
              { timeoutMs: 5000, intervalMs: 100, what: 'node list to show n2 holding nothing' },
            );
            assert.equal(n2.drained, true, 'node list shows n2 drained');
            assert.equal(n2.alive, true, 'a drained node stays registered');
            const n1 = (await listNodes()).find((x) => x.name === 'n1');
            assert.deepEqual(n1?.held.map((h) => h.name).sort(), ['api', 'web']);
            assert.equal(n1?.drained, false);
            await sleep(1000);
            assert.deepEqual(
              await cluster.holders(`${WEB}/24`, NODES),
              ['n1'],
              'web stays off the drained node',
            );
            assert.deepEqual(
              await cluster.holders(`${API}/24`, NODES),
              ['n1'],
              'api stays off the drained node',
            );

            const undrained = await ok<NodeJson>(['node', 'undrain', 'n2']);
            assert.equal(undrained.name, 'n2');
            assert.equal(undrained.drained, false, 'node undrain answers the undrained node');
            // api prefers n2 (150, preempt); web is still pinned to n2 by the last move.
            await cluster.waitHolder(`${API}/24`, NODES, 10_000, 'n2');
            await cluster.waitHolder(`${WEB}/24`, NODES, 10_000, 'n2');
            const after = (await listNodes()).find((x) => x.name === 'n2');
            assert.equal(after?.drained, false, 'node list shows n2 undrained');
          });

          await step('6. vipadm status (table) shows both nodes and both VIPs', async () => {
            const r = await vipadm(['status'], 'table');
            assert.equal(r.code, 0, r.stderr);
            console.log(`# --- vipadm status ---\n${r.stdout.trimEnd().replace(/^/gm, '# ')}`);
            for (const word of ['n1', 'n2', 'web', 'api', `${WEB}/24`, `${API}/24`]) {
              assert.ok(r.stdout.includes(word), `status mentions ${word}`);
            }
            assert.equal(r.stderr, '');
          });

          await step('7. bad input: exit 1 or 2 with one line; nothing changes in etcd', async () => {
            const vipsBefore = await listVips();
            const etcdBefore = await etcdState();
            const network = await vipadm(vipAddArgs('bad', '198.51.100.0/24'));
            assert.equal(network.code, 1, `network address: exit ${network.code}: ${network.stderr}`);
            assertOneErrorLine(network, /network address/);

            const usage = await vipadm(['vip', 'add']);
            assert.equal(usage.code, 2, `vip add without arguments: exit ${usage.code}: ${usage.stderr}`);
            assertOneErrorLine(usage, /./);

            const nosuch = await vipadm(['vip', 'move', 'web', '--to', 'nosuchnode']);
            assert.equal(nosuch.code, 1, `move to nosuchnode: exit ${nosuch.code}: ${nosuch.stderr}`);
            assertOneErrorLine(nosuch, /nosuchnode/);

            for (const r of [network, usage, nosuch]) {
              console.log(`# ${r.argv.slice(2).join(' ')} → exit ${r.code}: ${r.stderr.trim()}`);
            }
            assert.deepEqual(await listVips(), vipsBefore, 'vip list unchanged');
            assert.equal(await etcdState(), etcdBefore, 'vips/, pins/ and drain/ unchanged in etcd');
            assert.deepEqual(await cluster.holders(`${WEB}/24`, NODES), ['n2'], 'web did not move');
          });

          await step('4. vip rm: the address disappears from every node and from vip list', async () => {
            const removed = await ok<{ name: string; deleted: boolean }>(['vip', 'rm', 'web']);
            assert.deepEqual(removed, { name: 'web', deleted: true });
            await pollUntil(
              async () => ((await cluster.holders(`${WEB}/24`, NODES)).length === 0 ? true : undefined),
              { timeoutMs: 5000, intervalMs: 20, what: `${WEB} to disappear from every node` },
            );
            assert.deepEqual(
              (await listVips()).map((v) => v.spec!.name),
              ['api'],
            );
            const get = await vipadm(['vip', 'get', 'web']);
            assert.equal(get.code, 1, 'vip get of a removed VIP fails');
            await sleep(1000);
            assert.deepEqual(await cluster.holders(`${WEB}/24`, NODES), [], 'nobody takes a removed VIP');
            assert.deepEqual(await cluster.holders(`${API}/24`, NODES), ['n2'], 'api is untouched');
          });

          await step('5. vipadm watch saw every step and exits 0 on SIGINT', async () => {
            const wa = watch!;
            await wa.waitFor((e) => e.type === 'spec_deleted' && e.vip === 'web', 5000, 'spec_deleted web');
            await wa.waitFor(
              (e) => e.type === 'released' && e.vip === 'web' && e.node === 'n2',
              5000,
              'released web',
            );
            await sleep(300);
            const exit = await wa.stop('SIGINT');
            const events: Event__Output[] = wa.events.filter((e) => !e.node.startsWith('watch-probe'));
            const byType = (type: string, vip?: string): Event__Output[] =>
              events.filter((e) => e.type === type && (vip === undefined || e.vip === vip));
            console.log(
              `# watch: ${events.length} events: ${[...new Set(events.map((e) => e.type))].sort().join(', ')}`,
            );
            for (const e of events) {
              const fields = [
                e.type,
                e.vip,
                e.node,
                e.fencing_revision && `fencing ${e.fencing_revision}`,
                e.detail,
              ];
              console.log(`# watch: ${fields.filter(Boolean).join(' ')}`);
            }
            assert.deepEqual(exit, { code: 0, signal: null }, `vipadm watch exit: ${wa.stderr.trim()}`);
            assert.equal(wa.stderr, '', 'nothing on stderr');
            assert.deepEqual(wa.otherLines, [], 'every line is one JSON event');
            for (const e of events) {
              assert.deepEqual(Object.keys(e).sort(), [
                'backend',
                'detail',
                'fencing_revision',
                'node',
                'revision',
                'service',
                'time',
                'type',
                'vip',
              ]);
              assert.ok(!Number.isNaN(Date.parse(e.time)), `event time ${e.time}`);
              assert.match(e.revision, /^\d+$/, 'each event carries its etcd revision');
            }
            const types = new Set(events.map((e) => e.type));
            for (const type of [
              'node_joined',
              'spec_created',
              'acquired',
              'pinned',
              'released',
              'node_drained',
              'node_undrained',
              'spec_deleted',
            ]) {
              assert.ok(types.has(type), `watch showed ${type}`);
            }
            assert.deepEqual(
              byType('node_joined')
                .map((e) => e.node)
                .sort(),
              ['n1', 'n2'],
              'each node joined once',
            );
            assert.deepEqual(
              byType('spec_created').map((e) => e.vip),
              ['web', 'api'],
            );
            for (const e of byType('spec_created')) assert.match(e.detail, /^revision \d+$/);
            const acquired = byType('acquired');
            for (const e of acquired) {
              assert.match(
                e.fencing_revision,
                /^\d+$/,
                `acquired ${e.vip} by ${e.node} carries a fencing revision`,
              );
            }
            const releasedWeb = byType('released', 'web');
            for (const e of releasedWeb) assert.match(e.fencing_revision, /^\d+$/, 'released carries it too');
            // web: n1 first, then each move, then drain (n2→n1) and undrain (n1→n2).
            assert.deepEqual(
              byType('acquired', 'web').map((e) => e.node),
              ['n1', 'n2', 'n1', 'n2', 'n1', 'n2', 'n1', 'n2'],
              'web was acquired by every new holder in turn',
            );
            const fencing = byType('acquired', 'web').map((e) => BigInt(e.fencing_revision));
            for (let i = 1; i < fencing.length; i++) {
              assert.ok(fencing[i]! > fencing[i - 1]!, 'fencing revisions increase with every takeover');
            }
            assert.deepEqual(
              byType('released', 'web').map((e) => e.node),
              ['n1', 'n2', 'n1', 'n2', 'n1', 'n2', 'n1', 'n2'],
              'every holder of web released it (the last on vip rm)',
            );
            assert.deepEqual(
              byType('pinned', 'web').map((e) => e.node),
              ['n2', 'n1', 'n2', 'n1', 'n2'],
              'one pin per move',
            );
            assert.deepEqual(
              byType('node_drained').map((e) => e.node),
              ['n2'],
            );
            assert.deepEqual(
              byType('node_undrained').map((e) => e.node),
              ['n2'],
            );
            assert.deepEqual(
              byType('spec_deleted').map((e) => e.vip),
              ['web'],
            );
            assert.ok(byType('unpinned', 'web').length >= 1, 'vip rm deleted the pin too');
            assert.deepEqual(
              byType('acquired', 'api').map((e) => e.node),
              ['n2', 'n1', 'n2'],
              'api: n2, drained to n1, back to n2',
            );
          });
        } catch (err) {
          failed = true;
          throw err;
        } finally {
          if (failed) dumpLogs();
          if (watch) await watch.stop('SIGINT').catch(() => undefined);
          await coordinator.stop().catch(() => undefined);
          await cluster.stopAll();
        }

        function dumpLogs(): void {
          cluster.printLogTails(NODES);
          const coordTail = coordinator.log().trimEnd().split('\n').slice(-15);
          console.log(`# --- coordinator log tail ---\n${coordTail.map((l) => `# ${l}`).join('\n')}`);
          if (watch) console.log(`# --- vipadm watch stderr ---\n# ${watch.stderr.trim()}`);
        }
      });
    },
  );
});
