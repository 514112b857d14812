/**
 * keepalived's virtual_routes, virtual_rules and use_vmac through the admin API, in a namespace
 * lab: the real vipadm on the client host, the real coordinator and etcd, vipd on n1 and n2.
 * `vip add --route --rule --vmac` reaches the holder's kernel (its route, rule and macvlan),
 * `vip get` shows them in the words they were given in, `vip set --no-routes` takes the route
 * away on the holder, and bad input is refused with one line and changes nothing.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Vip__Output } from '@vipd/proto';
import { skipUnlessRoot } from '../harness/lab-skip';
import { pollUntil } from '../harness/proc';
import { type NodeHost, withLab } from '../lab';
import { LabCoordinator, runVipadm, vipAddArgs, type VipadmResult } from './coordinator-harness';
import { VipdCluster } from './vipd-cluster';

const NODES: NodeHost[] = ['n1', 'n2'];
const VIP = '198.51.100.100';
const skip = skipUnlessRoot(__filename);

describe('vipadm: routes, rules and virtual MAC (namespace lab, real coordinator and etcd)', { skip }, () => {
  it(
    'vip add/get/set carry them to the holder; bad ones are refused with one line',
    { timeout: 120_000 },
    async () => {
      await withLab({ nodes: 2, etcd: true }, async (lab) => {
        const endpoint = await lab.startEtcd();
        const cluster = new VipdCluster(lab, endpoint, { ttlSeconds: 3 });
        const coordinator = new LabCoordinator(lab, endpoint);
        const vipadm = (args: string[], output: 'json' | 'table' = 'json'): Promise<VipadmResult> =>
          runVipadm(lab, coordinator, args, { output });
        const oneLine = (r: VipadmResult, re: RegExp): void => {
          assert.notEqual(r.code, 0);
          assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
          assert.match(r.stderr, re);
        };
        const routesOn = async (host: NodeHost): Promise<string> =>
          (await lab.exec(host, ['ip', '-4', 'route', 'show', 'table', 'all', 'proto', '118'])).trim();
        try {
          await coordinator.start();
          for (const h of NODES) cluster.start(h);
          await cluster.waitServing(NODES);
          const base = vipAddArgs('web', `${VIP}/24`, ['n1=150', 'n2=100']);
          const add = [
            ...base,
            '--route',
            '203.0.113.0/24 via 198.51.100.50',
            '--rule',
            'from 198.51.100.100/32 table 100 priority 1000',
            '--vmac',
            '51',
          ];
          // Refused before anything is written: by vipadm (syntax) and by the coordinator (spec rules).
          oneLine(await vipadm([...base, '--route', '203.0.113.0/24 gw 198.51.100.50']), /--route/);
          oneLine(await vipadm([...base, '--route', '203.0.113.5/24 via 198.51.100.50']), /host bits/);
          oneLine(await vipadm([...base, '--vmac', '300']), /--vmac/);
          oneLine(await vipadm([...base, '--rule', 'from 2001:db8::/64 table 100']), /IPv6/);
          assert.deepEqual(
            JSON.parse((await vipadm(['vip', 'list'])).stdout),
            { vips: [] },
            'nothing was written',
          );

          const added = await vipadm(add);
          assert.equal(added.code, 0, added.stderr);
          const got = await vipadm(['vip', 'get', 'web'], 'table');
          assert.match(got.stdout, /^vmac:\s+51 \(00:00:5e:00:01:33\)$/m);
          assert.match(got.stdout, /^routes:\s+203\.0\.113\.0\/24 via 198\.51\.100\.50$/m);
          assert.match(got.stdout, /^rules:\s+from 198\.51\.100\.100\/32 table 100 priority 1000$/m);
          const json = JSON.parse((await vipadm(['vip', 'get', 'web'])).stdout) as Vip__Output;
          assert.equal(json.spec?.vmac, 51);

          // On the holder: the VIP on its macvlan, the route and the rule.
          await pollUntil(
            async () =>
              (await routesOn('n1')).includes('203.0.113.0/24 via 198.51.100.50') ? true : undefined,
            { timeoutMs: 15_000, intervalMs: 20, what: "n1's route" },
          );
          assert.match(
            await lab.exec('n1', ['ip', '-4', 'address', 'show', 'dev', 'vmac4.51']),
            /198\.51\.100\.100\/24/,
          );
          assert.match(
            await lab.exec('n1', ['ip', 'rule', 'show']),
            /1000:\s+from 198\.51\.100\.100 lookup 100 proto 118/,
          );
          assert.equal(await routesOn('n2'), '');

          // vip set --no-routes: the holder takes the route away (and keeps the VIP).
          assert.equal((await vipadm(['vip', 'set', 'web', '--no-routes'])).code, 0);
          await pollUntil(async () => ((await routesOn('n1')) === '' ? true : undefined), {
            timeoutMs: 10_000,
            intervalMs: 20,
            what: 'the route to go from n1',
          });
          await pollUntil(
            async () =>
              (await lab.exec('n1', ['ip', '-4', 'address', 'show', 'dev', 'vmac4.51'])).includes(VIP)
                ? true
                : undefined,
            { timeoutMs: 10_000, intervalMs: 20, what: 'the VIP back on n1' },
          );
          assert.doesNotMatch((await vipadm(['vip', 'get', 'web'], 'table')).stdout, /^routes/m);
        } catch (err) {
          cluster.printLogTails(NODES);
          throw err;
        } finally {
          await cluster.stopAll();
          await coordinator.stop();
        }
      });
    },
  );
});
