/**
 * Fault 3: the holder is cut from its peers only (nftables drop between the node hosts, in the
 * holder's namespace); etcd and the client still reach everyone. At most one holder at any
 * time, and the VIP stays available.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sleep } from '../harness/proc';
import {
  clientFollows,
  describeGaps,
  skipUnlessRoot,
  VIP,
  VIP_CIDR,
  withFaultCluster,
  clientGaps,
} from './fault-cluster';
import { holderSequence, MAX_OVERLAP_MS, report } from './monitor';

/** How long the holder's large beats are lost (the 15 s). */
const ASYMMETRIC_MS = 15_000;
/** Frames longer than this are lost (a beat is ~200 bytes; acks and HTTP/2 pings are < 100). */
const LARGE_FRAME_BYTES = 150;
/** How long the peers stay apart: well past any heartbeat suspicion (300 ms) and a lease TTL. */
const PARTITION_MS = 4000;

describe('fault suite: partitions', { skip: skipUnlessRoot(__filename), concurrency: 1 }, () => {
  it('3. holder cut from its peers only (etcd reachable): at most one holder, VIP stays available', async () => {
    await withFaultCluster({}, async (c) => {
      const t0 = Date.now();
      await c.lab.blockHosts('n1', ['n2']);
      // The block really is in place: n1 cannot reach n2, and still reaches the client.
      await assert.rejects(c.lab.exec('n1', ['ping', '-c', '1', '-W', '1', '198.51.100.12']));
      await c.lab.exec('n1', ['ping', '-c', '1', '-W', '1', '198.51.100.50']);
      await sleep(PARTITION_MS);
      const during = await c.vipd.holders(VIP_CIDR, c.nodes);
      await c.lab.unblockHosts('n1');
      await sleep(1000);
      const holder = await c.vipd.waitHolder(VIP_CIDR, c.nodes, 5000);
      const stats = await clientFollows(c, holder);
      const r = await c.monitor.check();
      const seq = holderSequence(r.timeline.intervals(VIP));
      report(
        '3 holder cut from peers',
        stats.outageMs,
        r.maxOverlapMs,
        `holders ${seq.join('>')}, ${r.timeline.intervals(VIP).length} holding intervals, ${stats.duplicates} duplicate replies, client gaps ${describeGaps(c, t0)}`,
      );
      if (seq.length > 1) c.dump(t0);
      assert.equal(during.length, 1, `exactly one holder during the partition, saw ${during.join(',')}`);
      assert.ok(r.maxOverlapMs <= MAX_OVERLAP_MS);
      assert.equal(stats.duplicates, 0, 'the client never got two answers to one ping');
      // Available: no takeover is needed at all (both reach etcd); a fast takeover, if one
      // happens, must stay within the default profile's link-cut bound (≈ 0.87 s).
      assert.ok(stats.outageMs < 1000, `client outage ${stats.outageMs} ms`);
      // …and at most once: a VIP that keeps flapping during the partition is not available.
      const gaps = clientGaps(c);
      assert.ok(gaps.length <= 1, `the client lost the VIP ${gaps.length} times: ${describeGaps(c, t0)}`);
    });
  });

  it("3b. asymmetric loss: the holder's large beats are lost, it still hears its peer: no revoke, no move, no outage", async () => {
    await withFaultCluster({}, async (c) => {
      const t0 = Date.now();
      // Everything n1 sends n2 that is larger than an ack or an HTTP/2 ping is lost: n2 stops
      // hearing n1's beats, while n1 hears n2's and n2 still answers ARP and ICMP from n1.
      await c.lab.dropLargeTo('n1', ['n2'], LARGE_FRAME_BYTES);
      await sleep(ASYMMETRIC_MS);
      const during = await c.vipd.holders(VIP_CIDR, c.nodes);
      await c.lab.undropLarge('n1');
      await sleep(1000);
      const suspected = c.vipd
        .logs('n2')
        .some(
          (l) =>
            l.msg === 'peer suspect: no heartbeat' && l.peer === 'n1' && Date.parse(String(l.time)) >= t0,
        );
      const revoked = c.vipd.logs('n2').filter((l) => l.msg === 'lease of silent peer revoked');
      const holder = await c.vipd.waitHolder(VIP_CIDR, c.nodes, 5000);
      const stats = await clientFollows(c, holder);
      const r = await c.monitor.check();
      const seq = holderSequence(r.timeline.intervals(VIP));
      report(
        '3b asymmetric loss',
        stats.outageMs,
        r.maxOverlapMs,
        `holders ${seq.join('>')}, n2 suspected n1: ${suspected}, revokes ${revoked.length}, client gaps ${describeGaps(c, t0)}`,
      );
      if (seq.length > 1) c.dump(t0);
      assert.ok(suspected, 'the fault took effect: n2 stopped hearing n1');
      assert.deepEqual(during, ['n1'], 'n1 kept the VIP');
      assert.equal(revoked.length, 0, "n2 did not revoke n1's lease");
      assert.deepEqual(seq, ['n1'], 'the VIP never moved');
      assert.ok(r.maxOverlapMs <= MAX_OVERLAP_MS);
      const gaps = clientGaps(c);
      assert.equal(gaps.length, 0, `no client outage: ${describeGaps(c, t0)}`);
    });
  });
});
