/**
 * A coordinator SIGKILLed in the middle of `vip move` leaves no orphaned or doubled VIP.
 * Namespace lab: real etcd, vipd on n1 and n2, the real coordinator on the etcd host and the
 * real vipadm on the client host. Each round starts `vipadm vip move web --to <other>`, kills
 * the coordinator at a different moment (while vipadm starts, just as the pin is written, a
 * little after), restarts it, and asserts that the cluster converges: exactly one host has
 * the VIP on e0 (kernel truth, event-driven), leaders/web names it, the pin is either applied
 * (the holder is the pinned node) or absent, and `vipadm vip get` says the same. Over the
 * whole run no two hosts hold the VIP longer than the 100 ms handover overlap.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Vip__Output } from '@vipd/proto';
import { skipUnlessRoot } from '../harness/lab-skip';
import { pollUntil, sleep, waitForExit } from '../harness/proc';
import { AddressSampler, type NodeHost, withLab } from '../lab';
import { LabCoordinator, runVipadm, vipAddArgs, vipadmArgv } from './coordinator-harness';
import { CLUSTER, VipdCluster } from './vipd-cluster';

const NODES: NodeHost[] = ['n1', 'n2'];
const WEB = '198.51.100.100';
const skip = skipUnlessRoot(__filename);

/** When the coordinator dies: ms after vipadm was started, or ms after it logged the pin. */
type Kill = { after: 'spawn' | 'pinned'; ms: number };
const ROUNDS: Kill[] = [
  { after: 'spawn', ms: 150 },
  { after: 'spawn', ms: 450 },
  { after: 'pinned', ms: 0 },
  { after: 'pinned', ms: 10 },
  { after: 'pinned', ms: 40 },
  { after: 'spawn', ms: 800 },
];

describe('vip move survives a coordinator SIGKILL (namespace lab)', { skip }, () => {
  it(
    'converges to exactly one holder after a kill at each point of a move',
    { timeout: 300_000 },
    async () => {
      await withLab({ nodes: 2, etcd: true }, async (lab) => {
        const endpoint = await lab.startEtcd();
        const cluster = new VipdCluster(lab, endpoint, { ttlSeconds: 3 });
        const coordinator = new LabCoordinator(lab, endpoint);
        const sampler = await AddressSampler.start(lab, NODES);
        const etcdGet = async (key: string): Promise<{ value: string; count: number }> => {
          const out = await cluster.etcdctl(['get', '-w', 'json', `/vipd/${CLUSTER}/${key}`]);
          const kvs = (JSON.parse(out) as { kvs?: { value: string }[] }).kvs ?? [];
          return { value: kvs[0] ? Buffer.from(kvs[0].value, 'base64').toString() : '', count: kvs.length };
        };
        try {
          await coordinator.start();
          for (const h of NODES) cluster.start(h);
          await cluster.waitServing(NODES);
          const add = await runVipadm(lab, coordinator, vipAddArgs('web', `${WEB}/24`, ['n1', 'n2']));
          assert.equal(add.code, 0, add.stderr);
          let holder = await cluster.waitHolder(`${WEB}/24`, NODES, 10_000);

          for (const [round, kill] of ROUNDS.entries()) {
            const to: NodeHost = holder === 'n1' ? 'n2' : 'n1';
            const logBefore = coordinator.log().length;
            const move = lab.spawn(
              'cli',
              vipadmArgv(coordinator, ['vip', 'move', 'web', '--to', to], 'json'),
              {
                pipe: true,
              },
            );
            let stderr = '';
            move.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
            if (kill.after === 'pinned') {
              await pollUntil(
                async () =>
                  coordinator.log().slice(logBefore).includes('"msg":"vip pinned"') ? true : undefined,
                { timeoutMs: 10_000, intervalMs: 1, what: `round ${round}: the coordinator to log the pin` },
              );
            }
            await sleep(kill.ms);
            await lab.kill(coordinator.proc!, 'SIGKILL');
            const exit = await waitForExit(move, 15_000);
            assert.ok(exit, `round ${round}: vipadm exits once the coordinator is gone`);
            if (exit.code !== 0) assert.match(stderr, /^vipadm: [^\n]+\n$/, `round ${round}: one error line`);
            await coordinator.start();

            // Converged: one holder on the kernel, the leader key naming it, the pin applied or absent.
            const pin = JSON.parse((await etcdGet('pins/web')).value || '{}') as { node?: string };
            const expected = pin.node ?? holder;
            await cluster.waitHolder(`${WEB}/24`, NODES, 10_000, expected as NodeHost);
            await sleep(500); // nothing moves on by itself
            const now = await cluster.holders(`${WEB}/24`, NODES);
            assert.deepEqual(now, [expected], `round ${round}: exactly one holder, ${expected}`);
            const leader = await etcdGet('leaders/web');
            assert.equal(leader.count, 1, `round ${round}: one leader key`);
            assert.equal((JSON.parse(leader.value) as { node: string }).node, expected);
            const get = await runVipadm(lab, coordinator, ['vip', 'get', 'web']);
            assert.equal(get.code, 0, get.stderr);
            const vip = JSON.parse(get.stdout) as Vip__Output;
            assert.equal(vip.holder, expected, `round ${round}: vipadm vip get names the holder`);
            assert.equal(vip.pinned_to, pin.node ?? '', `round ${round}: vipadm vip get names the pin`);
            const moved = pin.node === to ? 'moved' : 'not moved';
            console.log(
              `# round ${round}: kill ${kill.ms} ms after ${kill.after}: vipadm exit ${exit?.code} ` +
                `(${stderr.trim().slice(0, 120) || 'ok'}); ${moved}; holder ${expected}`,
            );
            holder = expected as NodeHost;
          }
        } finally {
          const { timeline } = await sampler.stop();
          await coordinator.stop().catch(() => undefined);
          await cluster.stopAll();
          const overlap = timeline.maxOverlapMs(WEB);
          console.log(`# largest overlap of two holders over the run: ${overlap.toFixed(1)} ms`);
          assert.ok(overlap <= 100, `two hosts held ${WEB} for ${overlap} ms`);
        }
      });
    },
  );
});
