/**
 * The second announcement burst over IPv6 (announce.secondBurstDelayMs, keepalived's
 * garp_master_delay), in a namespace lab with real etcd and vipd on n1: the client captures the
 * unsolicited neighbour advertisements for the VIP on its own interface (a raw AF_PACKET capture,
 * tools/na-capture.ts) and sees two bursts of `announce.count` NAs from n1's MAC, override set,
 * solicited clear, the second the configured delay after the first; and its neighbour entry for
 * the VIP, set to a wrong MAC after the first burst, is corrected by the second. The IPv4 twin
 * is announce-details.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { skipUnlessRoot } from '../harness/lab-skip';
import { pollUntil } from '../harness/proc';
import { withLab } from '../lab';
import { naCaptureArgv } from '../tools/na-capture';
import { secondBurstCorrects } from './second-burst';
import { VipdCluster } from './vipd-cluster';

const VIP6 = '2001:db8::100';
const DELAY_MS = 2000;
const COUNT = 2;
/** Documentation MAC (RFC 7042), never a lab host's. */
const WRONG_MAC = '00:00:5e:00:53:01';
const skip = skipUnlessRoot(__filename);

interface SeenNa {
  atMs: number;
  src: string;
  solicited: boolean;
  override: boolean;
}

describe('second announcement burst, IPv6 (namespace lab, real etcd, real NAs)', { skip }, () => {
  it(
    'the client sees two bursts of unsolicited NAs, the delay apart; the second corrects its entry',
    { timeout: 120_000 },
    async () => {
      await withLab({ nodes: 2, etcd: true, ipv6: true }, async (lab) => {
        const endpoint = await lab.startEtcd();
        const cluster = new VipdCluster(lab, endpoint, { ttlSeconds: 3 });
        const capture = lab.spawn('cli', naCaptureArgv('e0', 30_000, VIP6), { pipe: true });
        let out = '';
        capture.stdout?.on('data', (b: Buffer) => (out += b.toString()));
        const seen = (): SeenNa[] =>
          out
            .split('\n')
            .filter((l) => l.startsWith('{'))
            .map((l) => JSON.parse(l) as SeenNa);
        try {
          await cluster.putVip({
            name: 'web6',
            address: `${VIP6}/64`,
            interface: 'e0',
            nodes: { n1: { priority: 150 } },
            // No periodic refresh, no duplicate-owner probe: only the two bursts announce it.
            announce: {
              count: COUNT,
              intervalMs: 50,
              refreshMs: 0,
              probeMs: 0,
              secondBurstDelayMs: DELAY_MS,
            },
          });
          await pollUntil(async () => (out.startsWith('ready\n') ? true : undefined), {
            timeoutMs: 10_000,
            intervalMs: 10,
            what: "the client's capture to run",
          });
          cluster.start('n1');
          const firstBurst = await pollUntil(
            async () =>
              cluster
                .logs('n1')
                .find((l) => l.msg === 'announced' && l.vip === 'web6' && l.why === 'took over'),
            { timeoutMs: 15_000, intervalMs: 10, what: 'the first burst' },
          );
          // After the first burst the client is told a wrong MAC for the VIP (a stale cache).
          await lab.exec('cli', [
            'ip',
            '-6',
            'neigh',
            'replace',
            VIP6,
            'lladdr',
            WRONG_MAC,
            'dev',
            'e0',
            'nud',
            'stale',
          ]);
          assert.equal(await lab.neighbour('cli', VIP6), WRONG_MAC);
          const up = cluster.logs('n1').find((l) => l.msg === 'VIP up on this node' && l.vip === 'web6')!;
          const upAt = Date.parse(String(up.time));

          const mac = await lab.mac('n1');
          const { fixedAt, second } = await secondBurstCorrects(lab, cluster, {
            holder: 'n1',
            vip: 'web6',
            address: VIP6,
            delayMs: DELAY_MS,
          });
          // The capture reports a frame within a few ms (the assertion below says what it saw).
          await pollUntil(async () => (seen().length >= 2 * COUNT ? true : undefined), {
            timeoutMs: 1000,
            intervalMs: 10,
            what: 'the NAs in the capture',
          }).catch(() => undefined);
          const nas = seen();
          assert.deepEqual(
            nas.map((n) => [n.src, n.solicited, n.override]),
            Array<unknown>(2 * COUNT).fill([mac, false, true]),
            `unsolicited NAs with override from n1 alone: ${out}`,
          );
          const first = nas.slice(0, COUNT);
          const later = nas.slice(COUNT);
          const gapMs = later[0]!.atMs - first[0]!.atMs;
          console.log(
            `# IPv6 second burst: NAs seen by the client ${nas.map((n) => n.atMs - upAt).join(', ')} ms after the VIP came up ` +
              `(second burst ${gapMs} ms after the first); client entry corrected ${fixedAt - upAt} ms after up; vipd logged ${String(firstBurst.sent)}+${String(second.sent)} sent`,
          );
          assert.equal(second.sent, COUNT);
          assert.equal(firstBurst.sent, COUNT);
          // Each burst's NAs 50 ms apart; the second burst the delay after the first.
          assert.ok(first[COUNT - 1]!.atMs - first[0]!.atMs < 500, 'the first burst is one burst');
          assert.ok(later[COUNT - 1]!.atMs - later[0]!.atMs < 500, 'the second burst is one burst');
          assert.ok(
            gapMs >= DELAY_MS - 300 && gapMs <= DELAY_MS + 700,
            `second burst ${gapMs} ms after the first`,
          );
          assert.ok(
            fixedAt - upAt >= DELAY_MS - 100,
            `corrected ${fixedAt - upAt} ms after up: before the second burst`,
          );
        } catch (err) {
          cluster.printLogTails(['n1']);
          throw err;
        } finally {
          await lab.kill(capture, 'SIGTERM').catch(() => undefined);
          await cluster.stopAll();
        }
      });
    },
  );
});
