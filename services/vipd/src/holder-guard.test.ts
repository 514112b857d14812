import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { silentLogger } from '@vipd/log';
import type { NodeSession } from '@vipd/store';
import { HolderGuard, type HolderGuardOptions } from './holder-guard';
import type { Kernel } from './kernel';
import type { Peers } from './peers';

/** A guard with the daemon's default timings, a no-op switch and no failsafe VIPs; `o` overrides. */
function newGuard(o: Partial<HolderGuardOptions> & Pick<HolderGuardOptions, 'clock' | 'peers' | 'session'>) {
  return new HolderGuard({
    kernel: { guard: () => undefined } as unknown as Kernel,
    holderFenceMs: 300,
    renewWhenAloneMs: 150,
    renewIntervalMs: 750,
    enabled: true,
    failsafeVips: () => [],
    ttlMs: 3000,
    onChange: () => undefined,
    log: silentLogger(),
    ...o,
  });
}

/** A guard over a fake session (contact = its last confirmed renewal) and one registered peer. */
function setUp(holderFenceMs: number) {
  let now = 10_000;
  const session = {
    lastOkAt: now,
    lost: false,
    valid: () => true,
    remainingMs: () => 60_000,
    setRenewInterval: () => undefined,
  };
  const changes: number[] = [];
  const peers: { members: boolean; since: number | undefined } = { members: true, since: undefined };
  const guard = newGuard({
    clock: { now: () => now },
    peers: {
      echoTimes: () => [],
      hasMembers: () => peers.members,
      membersSince: () => peers.since,
    } as unknown as Peers,
    session: () => session as unknown as NodeSession,
    holderFenceMs,
    renewWhenAloneMs: holderFenceMs / 2,
    renewIntervalMs: 1000,
    ttlMs: 60_000,
    onChange: () => changes.push(now),
  });
  return {
    guard,
    changes,
    peers,
    now: () => now,
    advance: (ms: number) => (now += ms),
    /** A renewal confirmed now; the daemon calls update() on it. */
    renewed() {
      session.lastOkAt = now;
      guard.update();
    },
  };
}

describe('holder guard', () => {
  it('a controller refused just past the deadline is told to look again when a renewal beats the fence', (c) => {
    const t = setUp(300);
    c.after(() => t.guard.stop());
    t.guard.update();
    t.advance(200);
    t.renewed();
    assert.equal(t.changes.length, 0, 'a renewal like any other changes nothing');
    // The guard's timer for the deadline is late; meanwhile a controller asks, and is refused.
    t.advance(301);
    assert.equal(t.guard.canHold(), false);
    // A renewal is handled before the late timer: no fence was ever seen, contact is back.
    t.renewed();
    assert.equal(t.guard.canHold(), true);
    assert.equal(
      t.changes.length,
      1,
      'the refused controller must look again (it would wait for the 5 s sweep)',
    );
    t.renewed();
    assert.equal(t.changes.length, 1, 'once');
  });

  it('a fence and its end are changes too', (c) => {
    const t = setUp(300);
    c.after(() => t.guard.stop());
    t.guard.update();
    t.advance(301);
    t.guard.update();
    assert.equal(t.guard.canHold(), false);
    t.renewed();
    assert.equal(t.guard.canHold(), true);
    assert.equal(t.changes.length, 2);
  });

  describe('failsafe (onEtcdLoss: failsafe)', () => {
    /** One peer, heard both ways; what its beats say about etcd and our lease is set by the test. */
    function failsafeSetUp() {
      let now = 10_000;
      const session = {
        lastOkAt: now,
        lost: false,
        valid: () => true,
        remainingMs: () => 0,
        setRenewInterval: () => undefined,
      };
      const peer = { etcdOk: true, vouchedAt: -Infinity, echoAt: now };
      const guarded: number[] = [];
      const failsafeVips: string[] = [];
      const guard = newGuard({
        clock: { now: () => now },
        kernel: { guard: (ms: number) => guarded.push(ms) } as unknown as Kernel,
        peers: {
          echoTimes: () => [peer.echoAt],
          hasMembers: () => true,
          membersSince: () => undefined,
          hasClaimant: () => false,
          noneCanTakeOver: (since: number) => !peer.etcdOk || peer.vouchedAt >= since,
        } as unknown as Peers,
        session: () => session as unknown as NodeSession,
        failsafeVips: () => failsafeVips,
      });
      /** `ms` later, the peer's latest beat (sent 20 ms ago) echoes ours. */
      const advance = (ms: number) => {
        now += ms;
        peer.echoAt = now - 20;
        if (peer.vouchedAt > -Infinity) peer.vouchedAt = peer.echoAt;
      };
      return { guard, peer, advance, now: () => now, session, guarded, failsafeVips };
    }

    it('etcd gone for every node: kept past the lease; the peer back first keeps it up while it sees our lease', (c) => {
      const t = failsafeSetUp();
      c.after(() => t.guard.stop());
      t.peer.etcdOk = false;
      t.advance(10_000);
      assert.ok(t.guard.failsafeUntil('web') > t.now(), 'kept 10 s into the outage, far past the lease');
      // etcd is back; the peer renews first and its fresh view still has our lease (etcd renewed
      // every lease with a full TTL): still kept while we reconnect.
      t.peer.etcdOk = true;
      t.peer.vouchedAt = t.now();
      t.advance(100);
      assert.ok(t.guard.failsafeUntil('web') > t.now(), 'not dropped because the peer reconnected first');
      // The peer's view loses our lease (it expired in etcd): it may take our key; we let go.
      t.peer.vouchedAt = -Infinity;
      t.advance(100);
      assert.ok(t.guard.failsafeUntil('web') <= t.now(), 'dropped once the peer no longer sees our lease');
      t.peer.vouchedAt = t.now();
      t.advance(100);
      assert.ok(
        t.guard.failsafeUntil('web') <= t.now(),
        'and not taken up again without a new shared outage',
      );
    });

    it('the kernel agent is beaten with the failsafe deadline while a failsafe VIP is held', (c) => {
      const t = failsafeSetUp();
      c.after(() => t.guard.stop());
      t.peer.etcdOk = false;
      t.advance(10_000);
      t.guard.update();
      assert.ok(t.guarded.at(-1)! <= 5, 'no failsafe VIP held: past the lease, only the switch’s grace');
      t.failsafeVips.push('web');
      t.guard.update();
      const budget = t.guarded.at(-1)!;
      assert.ok(
        budget >= t.guard.failsafeUntil('web') - t.now(),
        `the switch runs to the failsafe deadline (budget ${budget} ms)`,
      );
    });

    it('only this node lost etcd: kept no later than 100 ms before the lease could expire, however the peer vouches', (c) => {
      const t = failsafeSetUp();
      c.after(() => t.guard.stop());
      t.peer.vouchedAt = t.now();
      t.advance(1000);
      const lastOk = t.session.lastOkAt;
      assert.ok(t.guard.failsafeUntil('web') <= lastOk + 3000 - 100);
      t.advance(2000);
      assert.equal(t.guard.failsafeUntil('web'), lastOk + 3000 - 100, '100 ms before the lease could expire');
      assert.ok(t.guard.failsafeUntil('web') <= t.now(), 'gone before the lease can expire (safety rule 2)');
    });
  });

  it("a holder's first peer registering does not fence it for a renewal older than Df", (c) => {
    // Alone, the holder renews at the plain interval (T/4), so its last renewal is often older
    // than Df when a peer registers (a restart after the peer's lease expired). The fence must not
    // apply to the past: it counts from the peer's arrival.
    const t = setUp(300);
    c.after(() => t.guard.stop());
    t.peers.members = false;
    t.guard.update();
    t.advance(600);
    assert.equal(t.guard.canHold(), true, 'no peers: only the etcd deadline');
    t.peers.members = true;
    t.peers.since = t.now();
    t.guard.update();
    assert.equal(t.guard.canHold(), true, 'not fenced the moment the peer came');
    assert.equal(t.changes.length, 0);
    t.advance(299);
    assert.equal(t.guard.canHold(), true);
    t.advance(2);
    assert.equal(t.guard.canHold(), false, 'no contact for Df after the peer came: fenced');
    t.renewed();
    assert.equal(t.guard.canHold(), true);
  });

  it('failsafe with the lease gone in etcd: kept only while every peer, heard without etcd, confirms', () => {
    const now = 50_000;
    const session = { lastOkAt: 40_000, lost: true, valid: () => false, remainingMs: () => 0 };
    let current: typeof session | undefined = session;
    const peers = { allHeard: true, holders: [] as { node: string; revision: string }[] };
    const guard = newGuard({
      clock: { now: () => now },
      peers: {
        echoTimes: () => [now - 100],
        hasMembers: () => true,
        membersSince: () => undefined,
        noneCanTakeOver: () => peers.allHeard,
        hasClaimant: () => peers.holders.length > 0,
      } as unknown as Peers,
      session: () => current as unknown as NodeSession,
    });
    assert.equal(guard.failsafeUntil('web'), now + 200, 'the peers confirm: last echo + Df');
    current = undefined; // the session being replaced
    assert.equal(guard.failsafeUntil('web'), now + 200);
    peers.allHeard = false; // a peer reaches etcd: it may take the vacant key
    assert.equal(guard.failsafeUntil('web'), -Infinity);
    peers.allHeard = true;
    peers.holders = [{ node: 'n2', revision: '9' }];
    assert.equal(guard.failsafeUntil('web'), -Infinity, 'a peer says it holds it');
    guard.stop();
  });
});
