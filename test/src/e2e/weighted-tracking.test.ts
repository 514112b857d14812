/**
 * Weighted tracking end to end (keepalived's track_process with `weight -20`), in a namespace
 * lab with real etcd, vipd on n1 and n2, the real coordinator and vipadm, and a client pinging
 * the VIP every 10 ms. Each node runs a process check on its own pid file. The VIP, n1 at 150
 * and n2 at 140, tracks that check with weight -20: when n1's process dies, n1 stays eligible
 * at 130, below n2, so the VIP moves by the planned handover (no client outage); vipadm shows
 * 130 with the reason; when the process is back and the check rises, n1 (150) preempts n2 and
 * the VIP comes back, again without an outage. Never two holders longer than 100 ms.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Node__Output, Vip__Output } from '@vipd/proto';
import { skipUnlessRoot } from '../harness/lab-skip';
import { pollUntil, sleep } from '../harness/proc';
import { AddressSampler, type Lab, type NodeHost, waitClientFollows, withLab } from '../lab';
import { LabCoordinator, runVipadm } from './coordinator-harness';
import { VipdCluster } from './vipd-cluster';

const NODES: NodeHost[] = ['n1', 'n2'];
const VIP = '198.51.100.100';
const skip = skipUnlessRoot(__filename);

/** A stand-in for the tracked daemon: writes its PID to `pidFile` and sleeps. */
function startService(lab: Lab, host: NodeHost, pidFile: string): ChildProcess {
  const script = `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1e9);`;
  return lab.spawn(host, [process.execPath, '-e', script]);
}

describe('weighted tracking (namespace lab, real etcd, real ARP)', { skip }, () => {
  it(
    'a check of weight -20 failing on the 150 node moves the VIP to the 140 node and back, no outage',
    { timeout: 180_000 },
    async () => {
      await withLab({ nodes: 2, etcd: true }, async (lab) => {
        const endpoint = await lab.startEtcd();
        const pidFile = (h: NodeHost) => join(lab.dir, `svc-${h}.pid`);
        const cluster = new VipdCluster(lab, endpoint, {
          ttlSeconds: 3,
          extraYaml: (h) => [
            `checks: ${JSON.stringify([
              {
                type: 'process',
                name: 'svc',
                pidFile: pidFile(h),
                intervalMs: 100,
                timeoutMs: 100,
                rise: 2,
                fall: 2,
              },
            ])}`,
          ],
        });
        const coordinator = new LabCoordinator(lab, endpoint);
        const services = new Map<NodeHost, ChildProcess>();
        for (const h of NODES) services.set(h, startService(lab, h, pidFile(h)));
        const sampler = await AddressSampler.start(lab, NODES);
        let overlaps: { hosts: string[]; ms: number }[] = [];
        const vipGet = async (): Promise<Vip__Output> => {
          const r = await runVipadm(lab, coordinator, ['vip', 'get', 'web']);
          assert.equal(r.code, 0, r.stderr);
          return JSON.parse(r.stdout) as Vip__Output;
        };
        const priorities = (v: Vip__Output) =>
          v.priorities.map((p) => [p.node, p.priority, p.reasons.join(',')]);
        try {
          await coordinator.start();
          for (const h of NODES) cluster.start(h);
          await cluster.waitServing(NODES);
          // Both checks up (and published) first: until then svc counts as down, n1 as 130.
          await pollUntil(
            async () => {
              const r = await runVipadm(lab, coordinator, ['node', 'list']);
              const list = (JSON.parse(r.stdout) as { nodes: Node__Output[] }).nodes;
              return list.length === 2 && list.every((n) => n.checks.svc === 'up') ? true : undefined;
            },
            { timeoutMs: 10_000, what: 'the svc check up on both nodes' },
          );
          const add = await runVipadm(lab, coordinator, [
            'vip',
            'add',
            'web',
            '--address',
            `${VIP}/24`,
            '--interface',
            'e0',
            '--node',
            'n1=150',
            '--node',
            'n2=140',
            '--track',
            'svc:-20',
          ]);
          assert.equal(add.code, 0, add.stderr);
          await cluster.waitHolder(`${VIP}/24`, NODES, 10_000, 'n1');
          assert.deepEqual(priorities(await vipGet()), [
            ['n1', 150, ''],
            ['n2', 140, ''],
          ]);

          // Bad input is refused with one line, before anything is sent.
          const bad = await runVipadm(lab, coordinator, ['vip', 'set', 'web', '--track', 'svc:-300']);
          assert.equal(bad.code, 2);
          assert.match(
            bad.stderr,
            /^vipadm: bad --track svc:-300: the weight must be a whole number from -253 to 253[^\n]*\n$/,
          );

          // n1's process dies: n1 drops to 130, stays eligible, and hands the VIP to n2.
          let ping = lab.startPing('cli', VIP);
          await ping.waitForReply(5000);
          await sleep(300);
          const killedAt = Date.now();
          await lab.kill(services.get('n1')!, 'SIGKILL');
          await cluster.waitHolder(`${VIP}/24`, NODES, 5000, 'n2');
          const awayMs = Date.now() - killedAt;
          const away = await waitClientFollows(lab, ping, VIP, 'n2');
          console.log(
            `# check down on n1: VIP on n2 ${awayMs} ms after the process died; client outage ${Math.round(away.outageMs)} ms`,
          );
          assert.ok(away.outageMs < 50, `outage ${away.outageMs} ms moving to n2`);
          assert.equal(away.duplicates, 0, 'only one host answered');

          // What an operator sees: n1 at 130 because of svc, still eligible; n2 first.
          const during = await vipGet();
          assert.equal(during.holder, 'n2');
          assert.deepEqual(priorities(during), [
            ['n2', 140, ''],
            ['n1', 130, 'svc down: -20'],
          ]);
          assert.ok(
            during.priorities.every((p) => p.eligible),
            'a weight never makes a node ineligible',
          );
          const nodes = JSON.parse((await runVipadm(lab, coordinator, ['node', 'list'])).stdout) as {
            nodes: Node__Output[];
          };
          const n1 = nodes.nodes.find((n) => n.name === 'n1')!;
          assert.equal(n1.checks.svc, 'down');
          assert.deepEqual(
            n1.priorities.map((p) => [p.vip, p.priority, p.base_priority, p.reasons]),
            [['web', 130, 150, ['svc down: -20']]],
          );
          assert.deepEqual(n1.unready, [], 'unready is for hard tracking only');
          const table = await runVipadm(lab, coordinator, ['vip', 'get', 'web'], { output: 'table' });
          assert.match(table.stdout, /^priorities: +n2 140, n1 130 \(150; svc down: -20\)$/m);
          const nodeTable = await runVipadm(lab, coordinator, ['node', 'list'], { output: 'table' });
          assert.match(nodeTable.stdout, /^n1 .* web=130 \(150; svc down: -20\)$/m);
          console.log(`# vipadm vip get web (table):\n${table.stdout.replace(/^/gm, '#   ')}`);
          assert.ok(
            cluster
              .logs('n1')
              .some((l) => l.msg === 'VIP down on this node' && String(l.reason).includes('preempted by n2')),
            'n1 let go by the planned handover (preempted), not as ineligible',
          );

          // The process is back: after rise, n1 is 150 again and takes the VIP back (preempt).
          ping = lab.startPing('cli', VIP);
          await ping.waitForReply(5000);
          await sleep(300);
          const backAt = Date.now();
          services.set('n1', startService(lab, 'n1', pidFile('n1')));
          await cluster.waitHolder(`${VIP}/24`, NODES, 5000, 'n1');
          const backMs = Date.now() - backAt;
          const back = await waitClientFollows(lab, ping, VIP, 'n1');
          console.log(
            `# check up on n1: VIP back on n1 ${backMs} ms after the process started; client outage ${Math.round(back.outageMs)} ms`,
          );
          assert.ok(back.outageMs < 50, `outage ${back.outageMs} ms moving back to n1`);
          await pollUntil(
            async () => {
              const v = await vipGet();
              return v.priorities[0]?.node === 'n1' && v.priorities[0].reasons.length === 0
                ? true
                : undefined;
            },
            { timeoutMs: 3000, what: 'vipadm to show n1 at 150 again' },
          );
        } catch (err) {
          cluster.printLogTails(NODES);
          throw err;
        } finally {
          const { timeline } = await sampler.stop();
          await coordinator.stop().catch(() => undefined);
          await cluster.stopAll();
          for (const p of services.values()) await lab.kill(p, 'SIGKILL').catch(() => undefined);
          overlaps = timeline.overlaps(VIP);
        }
        // After the finally: a failure above is reported as itself, not as this.
        const overlap = Math.max(0, ...overlaps.map((o) => o.ms));
        console.log(`# largest overlap of two holders: ${overlap.toFixed(1)} ms`);
        assert.ok(overlap <= 100, `two hosts held ${VIP} for ${overlap} ms: ${JSON.stringify(overlaps)}`);
      });
    },
  );
});
