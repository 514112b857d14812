/**
 * vipadm on day 2, in a namespace lab with a real etcd and the real vip-coordinator on the etcd
 * host and the real vipadm on the client host:
 * - `vipadm watch` survives a coordinator restart: it says the stream was lost, reconnects,
 *   and prints every change made meanwhile exactly once, in order;
 * - `vipadm status` with etcd stopped exits 1 and says "unknown" for VIPs and nodes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { skipUnlessRoot } from '../harness/lab-skip';
import { pollUntil } from '../harness/proc';
import { withLab } from '../lab';
import { LabCoordinator, runVipadm, vipAddArgs, VipadmWatch } from './coordinator-harness';
import { CLUSTER, VipdCluster } from './vipd-cluster';

const skip = skipUnlessRoot(__filename);

describe('vipadm day 2 (namespace lab: etcd, coordinator, vipadm)', { skip }, () => {
  it(
    'watch resumes across a coordinator restart with no event lost or repeated; status with etcd stopped is "unknown", exit 1',
    { timeout: 180_000 },
    async () => {
      await withLab({ nodes: 2, etcd: true }, async (lab) => {
        const endpoint = await lab.startEtcd();
        const etcd = new VipdCluster(lab, endpoint); // for etcdctl only: no vipd runs here
        const coordinator = new LabCoordinator(lab, endpoint);
        await coordinator.start();
        const vipadm = (args: string[], output: 'json' | 'table' = 'json') =>
          runVipadm(lab, coordinator, args, { output });
        const watch = VipadmWatch.start(lab, coordinator);
        try {
          const created = (name: string) => (e: { type: string; vip: string }) =>
            e.type === 'spec_created' && e.vip === name;
          // The stream is up once a change shows (watch starts "from now": poke until it does).
          await pollUntil(
            async () => {
              await etcd.putVip({ name: 'probe', address: '198.51.100.109/24', interface: 'e0' });
              await new Promise((r) => setTimeout(r, 200));
              return watch.events.some((e) => e.vip === 'probe') ? true : undefined;
            },
            { timeoutMs: 15_000, intervalMs: 100, what: 'vipadm watch to print a first event' },
          );
          const add = await vipadm(vipAddArgs('w1', '198.51.100.101/24'));
          assert.equal(add.code, 0, add.stderr);
          await watch.waitFor(created('w1'), 10_000, 'w1 created');

          await coordinator.stop();
          await pollUntil(async () => (/reconnecting/.test(watch.stderr) ? true : undefined), {
            timeoutMs: 10_000,
            intervalMs: 50,
            what: 'vipadm watch to say it is reconnecting',
          });
          // Changes while no coordinator runs: straight into etcd.
          for (const [name, n] of [
            ['w2', 2],
            ['w3', 3],
          ] as const) {
            await etcd.putVip({ name, address: `198.51.100.10${n}/24`, interface: 'e0' });
          }
          await etcd.etcdctl(['del', `/vipd/${CLUSTER}/vips/never-there`]); // no change: no event
          await coordinator.start();
          await watch.waitFor(created('w3'), 20_000, 'w3, made while the coordinator was down');
          const rm = await vipadm(['vip', 'rm', 'w2']);
          assert.equal(rm.code, 0, rm.stderr);
          await watch.waitFor((e) => e.type === 'spec_deleted' && e.vip === 'w2', 10_000, 'w2 deleted');

          assert.equal((await watch.stop()).code, 0, watch.stderr);
          const events = watch.events.filter((e) => e.vip !== 'probe');
          const seen = events.map((e) => `${e.type} ${e.vip}`);
          assert.deepEqual(seen, [
            'spec_created w1',
            'spec_created w2',
            'spec_created w3',
            'spec_deleted w2',
          ]);
          const revisions = events.map((e) => BigInt(e.revision));
          for (let i = 1; i < revisions.length; i++) {
            assert.ok(revisions[i]! > revisions[i - 1]!, `revisions increase: ${revisions.join(',')}`);
          }
          assert.deepEqual(watch.otherLines, [], 'only events on stdout');
          assert.match(watch.stderr, /^vipadm: .*198\.51\.100\.2:7500.*; reconnecting/m);
          assert.match(
            watch.stderr,
            new RegExp(
              `reconnected to the coordinator at 198\\.51\\.100\\.2:7500; events resume from revision ${revisions[0]}`,
            ),
          );

          // etcd stopped behind the coordinator: status cannot read VIPs or nodes.
          const healthy = await vipadm(['status'], 'table');
          assert.equal(healthy.code, 0, healthy.stderr);
          assert.match(healthy.stdout, /^vips: +3 \(3 not held\)$/m, healthy.stdout);
          await lab.kill(lab.etcdProcess!, 'SIGTERM');
          const unknown = await vipadm(['status'], 'table');
          assert.equal(unknown.code, 1, unknown.stdout);
          assert.match(unknown.stdout, /^etcd: +UNHEALTHY/m);
          assert.match(unknown.stdout, /^vips: +unknown$/m);
          assert.match(unknown.stdout, /^nodes: +unknown$/m);
          assert.doesNotMatch(unknown.stdout, /no VIPs/);
          assert.equal(
            unknown.stderr.trim(),
            'vipadm: the coordinator could not read etcd: vips and nodes unknown',
          );
          const json = await vipadm(['status']);
          assert.equal(json.code, 1);
          assert.deepEqual((JSON.parse(json.stdout) as { unknown: string[] }).unknown, ['vips', 'nodes']);
        } finally {
          await watch.stop().catch(() => undefined);
          await coordinator.stop().catch(() => undefined);
        }
      });
    },
  );
});
