/**
 * The fault suite. Every lab scenario runs under the SafetyMonitor
 * (monitor.ts): two hosts that can both reach the client must never hold one VIP for more
 * than 100 ms; each prints `# <scenario>: client outage N ms, max overlap M ms`, which
 * scripts/fault-runs.sh aggregates.
 *
 * Each its own it() with its own lab:
 *   1  link cut on the holder, default and fast profiles    takeover.test.ts
 *   2  holder cut from etcd and its peers, client reaches it takeover.test.ts
 *   3  holder cut from its peers only, etcd reachable      partition.test.ts
 *   3b one-way loss: only the holder's large beats dropped  partition.test.ts
 *   4  SIGSTOP on the holder past the takeover time         takeover.test.ts
 *   5  tracked check fails on the holder: handover < 0.3 s  checks.test.ts
 *   6  3-member etcd: leader killed, then quorum lost       etcd-cluster.test.ts
 *      (default failsafe: kept; fence: dropped at deadline)
 *   7  preemption on and off after the best node returns   preempt.test.ts
 *   10 leader key deleted / overwritten behind the holder   leader-key.test.ts
 *   8  etcd stopped: 60 s with defaults (failsafe), 10 s   etcd-loss.test.ts
 *      with fence
 *   9  a foreign host answering for the VIP (owner probe)  takeover.test.ts
 *   11 wall-clock jumps of ±1 h (injected, no lab)          clock.test.ts
 *   12 a holder of 400 VIPs frozen 3 s (kernel agent fence) many-vips.test.ts
 *      (12b the whole unit killed, 12c freezes during refreshes)
 *   13 beats forged from outside the cluster (plain, mTLS)  forged-beats.test.ts
 *   14 a peer's watch on an etcd member cut from quorum     etcd-watch.test.ts
 *   15 failsafe: both cut from etcd past the TTL, one back  failsafe-reconnect.test.ts
 *
 * Set VIPD_TEST_VIPD_DIR to run the scenarios against another built services/vipd tree.
 */
export * from './monitor';
export * from './fault-cluster';
