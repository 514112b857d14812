/**
 * Virtual services in DR mode, end to end in a namespace lab: the director forwards the client's
 * frames unchanged to the backends' MACs; the backends carry the VIP on lo (`vipd realserver`)
 * and answer the client directly. A director SIGKILLed: new connections succeed again through
 * the other one within the VIP's failover time.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { skipUnlessRoot } from '../harness/lab-skip';
import { ipv4Of } from '../lab';
import { outageAfter, outageDoubts } from '../bench/service-figures';
import { BACKENDS, shares, VIP, withServiceLab } from './service-lab';

const skip = skipUnlessRoot(__filename);
const URL = `http://${VIP}/`;
/** Each request's timeout in the load across the SIGKILL. */
const REQUEST_TIMEOUT_MS = 300;

describe('virtual services, DR mode (namespace lab, real nftables)', { skip, concurrency: 1 }, () => {
  it('forwards to real servers that answer the client directly, and follows the VIP to the other director', async () => {
    await withServiceLab({ ports: [80], fastTakeover: false, rate: 150 }, async (s) => {
      for (const b of BACKENDS) await s.startRealserver(b);
      assert.equal(
        (await s.lab.exec('b1', ['cat', '/proc/sys/net/ipv4/conf/all/arp_ignore'])).trim(),
        '1',
        'arp_ignore set on the real server',
      );
      await s.putService({
        name: 'web',
        vip: 'front',
        port: 80,
        mode: 'dr',
        check: { type: 'tcp', intervalMs: 300 },
        backends: BACKENDS.map((b) => ({ address: ipv4Of(b), port: 80 })),
      });
      await s.waitRules(
        'n1',
        (r) => r.includes('fwd ip to jhash ip saddr . tcp sport mod 3'),
        'dr rules on n1',
      );

      const r = await s.load(URL, 300);
      assert.deepEqual(r.failures, {});
      // A stateless hash of each flow: spread, not exact.
      for (const b of BACKENDS) {
        const share = shares(r)[b] ?? 0;
        assert.ok(share > 20 && share < 47, `dr share of ${b}: ${share.toFixed(1)} %`);
      }
      // The client still reaches the VIP at the director's MAC: no real server answered ARP for it.
      assert.equal(await s.lab.neighbour('cli', VIP), await s.lab.mac('n1'));

      // The director holding the VIP killed: its kernel agent drops the address, n2 takes the VIP
      // and installs the rules. (n1's own rules stay until its vipd restarts or `vipd --cleanup`
      // runs, so frames that still reach n1 meanwhile are forwarded too.)
      const load = s.load(URL, 4000, 12_000, 1, REQUEST_TIMEOUT_MS);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const killedAt = Date.now();
      await s.cluster.signal('n1', 'SIGKILL');
      const res = await load;
      // From the kill to the first answer after the last failure (the bench's own measure).
      const outage = outageAfter(res.timeline, killedAt - res.t0);
      console.log(
        `# dr director SIGKILL: longest run of failing new connections ${outage.outageMs} ms, ` +
          `every one answered from ${outage.settledMs} ms after the kill (${outage.failed} failed requests)`,
      );
      // One request at a time, a failing one waiting out its timeout: exact to within that.
      assert.deepEqual(
        outageDoubts(outage, { mustFail: false, maxResolutionMs: REQUEST_TIMEOUT_MS + 50 }),
        [],
        'the load covered the kill closely enough to measure it',
      );
      assert.ok(
        outage.settledMs !== undefined && outage.settledMs < 2 * 3000,
        `new connections back within the VIP's failover time (settled after ${outage.settledMs} ms)`,
      );
      assert.ok(res.timeline.at(-1)![2].startsWith('b'), 'answered at the end');
      await s.cluster.waitHolder(`${VIP}/24`, ['n1', 'n2'], 10_000, 'n2');
      assert.match(await s.rules('n2'), /fwd ip to jhash/);
      await s.lab.exec('cli', ['ip', 'neigh', 'flush', 'to', VIP, 'dev', 'e0']);
      const after = await s.load(URL, 30);
      assert.deepEqual(after.failures, {});
      assert.equal(await s.lab.neighbour('cli', VIP), await s.lab.mac('n2'), 'through n2 now');

      // The real server undoes what it did on stop.
      await s.stopRealserver('b1');
      assert.doesNotMatch(
        await s.lab.exec('b1', ['ip', '-4', 'addr', 'show', 'dev', 'lo']),
        new RegExp(`${VIP}/32`),
      );
      assert.equal((await s.lab.exec('b1', ['cat', '/proc/sys/net/ipv4/conf/all/arp_ignore'])).trim(), '0');
      assert.equal((await s.lab.exec('b1', ['cat', '/proc/sys/net/ipv4/conf/all/arp_announce'])).trim(), '0');
    });
  });
});
