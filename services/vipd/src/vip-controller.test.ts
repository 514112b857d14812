// The controller against a fake kernel whose removals fail: an address that would not go is
// tried again, not forgotten (an `ip` helper killed by a fence, or one that hangs, fails a
// removal the address may have outlived).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Clock, memoryLogger, monotonicClock } from '@vipd/log';
import { type AcquireResult, type NodeInfo, parseVipSpec, type VipSpec } from '@vipd/store';
import { NetifError } from '@vipd/netif';
import type { ControllerContext, LeaseSession, NodeStanding, TakeoverWaits } from './controller-context';
import type { VipTransition } from './hooks';
import type { Kernel } from './kernel';
import {
  handOver,
  type Holder,
  type LeadershipPort,
  type ReleaseOutcome,
  type SuccessorWait,
  type VipLeadership,
} from './leadership-port';
import type { Reason } from './reason-class';
import { Semaphore } from './semaphore';
import { Turns } from './turns';
import { VipController } from './vip-controller';
import { MARK_STUCK_MS } from './vip-release';

const LEASE = '7';
const TEST: Reason = { class: 'other', text: 'test' };
const LEASE_LOST: Reason = { class: 'lease_lost', text: 'lease lost' };
const node = (name: string): NodeInfo => ({
  name,
  advertise: `${name}:7400`,
  labels: {},
  drained: false,
  unready: [],
});

/** Addresses on a fake interface; removals fail while `failRemovals` > 0 (or always). */
class FlakyKernel {
  readonly up = new Set<string>();
  removeCalls = 0;
  /** MACs that answer a takeover probe. */
  answering: string[] = [];
  /** Duplicate-owner probes, and announcement bursts, sent while held. */
  probes = 0;
  bursts = 0;
  constructor(public failRemovals: number) {}
  readonly kernel: Kernel = {
    link: () => Promise.resolve({ ready: true }),
    addVip: (ifname, spec) => {
      this.up.add(`${ifname} ${spec.address}`);
      return Promise.resolve();
    },
    refreshVips: () => Promise.resolve([]),
    removeVip: (ifname, spec) => {
      this.removeCalls++;
      if (this.failRemovals-- > 0)
        return Promise.reject(
          new NetifError('vipd-agent ended with this change unanswered', { transient: true }),
        );
      return Promise.resolve(this.up.delete(`${ifname} ${spec.address}`));
    },
    announce: (_i, _s, count) => {
      this.bursts++;
      return Promise.resolve(count);
    },
    listOwned: () => Promise.resolve([]),
    guard: () => undefined,
    probeOwners: () => {
      this.probes++;
      return Promise.resolve([]);
    },
    probeBeforeAdd: () => Promise.resolve(this.answering),
    ready: () => Promise.resolve(true),
    close: () => Promise.resolve(),
  };
}

/** What etcd answers to a linearizable read of the leader key (undefined: no key). */
interface FakeEtcd {
  leader?: { node: string; revision: string; lease: string };
  reads: number;
}

/**
 * leaders/web as the controller's leadership port shows it to n1. An acquisition always wins, at
 * revision 50, and shows at once; a release is recorded (or fails, with `releaseFails`), and its
 * delete shows only when the test says so (setLeader, clearLeader). A handover's wait for its
 * successor ends when `successor` says (at once by default).
 */
class FakeLeadership implements VipLeadership {
  key: { node: string; lease: string; revision: string; takenOverBy?: string } | undefined;
  revision = 10;
  /** The fencing revisions release() was asked to delete. */
  readonly released: string[] = [];
  releaseFails = false;
  /** The wait for a successor (resolves with the ms waited). */
  successor: () => Promise<number> = () => Promise.resolve(0);
  /** The controller's change listeners (the port's onChange). */
  readonly listeners = new Set<() => void>();
  lastHolderElsewhere: { node: string; revision: string } | undefined;
  readonly port: LeadershipPort = { forVip: () => this };

  constructor(private readonly etcd: FakeEtcd | undefined) {}

  holder(): Holder | undefined {
    const k = this.key;
    if (!k) return undefined;
    if (k.node !== 'n1') this.lastHolderElsewhere = { node: k.node, revision: k.revision };
    return k.takenOverBy ? { node: `taken-over-by-${k.takenOverBy}`, lease: '', revision: k.revision } : k;
  }
  holderElsewhere(): string | undefined {
    const k = this.key;
    if (!k || k.node === 'n1') return undefined;
    return k.takenOverBy ? `taken over by ${k.takenOverBy}` : k.node;
  }
  markedOwn(leaseId: string): string | undefined {
    const k = this.key;
    return k?.takenOverBy !== undefined && k.node === 'n1' && k.lease === leaseId ? k.revision : undefined;
  }
  acquire(leaseId: string): Promise<AcquireResult> {
    this.key = { node: 'n1', lease: leaseId, revision: '50' };
    return Promise.resolve({ acquired: true, revision: '50' });
  }
  release(revision: string): Promise<boolean> {
    this.released.push(revision);
    return this.releaseFails ? Promise.reject(new Error('etcd timed out')) : Promise.resolve(true);
  }
  async handover(
    revision: string,
    maxMs: number,
    afterRelease: (outcome: ReleaseOutcome) => boolean,
  ): Promise<SuccessorWait | undefined> {
    return handOver(this, () => this.key?.revision, revision, maxMs, afterRelease);
  }
  awaitSuccessor(_revision: string, _maxMs: number): Promise<number> {
    return this.successor();
  }
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  confirmHeld(leaseId: string, revision: string): Promise<boolean> {
    if (!this.etcd) return Promise.reject(new Error('no etcd in this test'));
    this.etcd.reads++;
    const l = this.etcd.leader;
    return Promise.resolve(l?.node === 'n1' && l.lease === leaseId && l.revision === revision);
  }
}

interface SetUpOptions {
  /** Removals that fail (transient) before they work again. */
  failRemovals?: number;
  /** Peers that say in their beats they hold the VIP. */
  peers?: { node: string; revision: string }[];
  etcd?: FakeEtcd;
  /** Peers without etcd that keep the VIP under failsafe. */
  keeping?: string[];
  standing?: Partial<NodeStanding>;
  takeover?: TakeoverWaits;
  clock?: Clock;
  spec?: Record<string, unknown>;
  /** The node an operator pinned the VIP to (pins/web), read on every reconcile. */
  pin?: { node?: string };
  /** The node's probe spacing (60 s unless set). */
  probeSpacingMs?: number;
}

function setUp(o: SetUpOptions = {}) {
  const spec: VipSpec = parseVipSpec({
    name: 'web',
    address: '198.51.100.10/24',
    interface: 'e0',
    nodes: { n1: { priority: 150 }, n2: { priority: 100 } },
    ...o.spec,
  });
  const leadership = new FakeLeadership(o.etcd);
  const setLeader = (holder: string, lease: string): void => {
    leadership.key = { node: holder, lease, revision: String(++leadership.revision) };
  };
  /** Our key marked taken over by `by` (same key, lease and create revision). */
  const markTakenOver = (by: string): void => {
    leadership.key = { ...leadership.key!, takenOverBy: by };
  };
  const k = new FlakyKernel(o.failRemovals ?? 0);
  const transitions: VipTransition[] = [];
  const session: LeaseSession = { leaseId: LEASE, valid: () => true };
  const ctx: ControllerContext = {
    self: 'n1',
    kernel: k.kernel,
    clock: o.clock ?? monotonicClock,
    settings: { acquireStepMs: 100, addressLifetimeSec: 2, handoverMaxMs: 100 },
    leadership: leadership.port,
    standing: {
      session: () => session,
      canHold: () => true,
      failsafeUntil: () => -Infinity,
      cannotServe: () => false,
      ...o.standing,
    },
    candidates: {
      liveNodes: () => [node('n1'), node('n2')],
      pinOf: () => o.pin?.node,
      startupGraceUntil: () => 0,
      seenSinceStart: () => true,
    },
    peers: { holdersOf: () => o.peers ?? [], failsafeHoldersOf: () => o.keeping ?? [] },
    takeover: o.takeover ?? { notBefore: () => 0, takenOver: () => false },
    pacing: {
      turns: new Turns(),
      handovers: new Semaphore(4),
      probeSpacingMs: () => o.probeSpacingMs ?? 60_000,
    },
    groups: { membersOf: () => undefined, leadOf: () => undefined, followersOf: () => [] },
    transition: (t) => transitions.push(t),
  };
  const log = memoryLogger();
  const c = new VipController(spec, ctx, log);
  const lines = (msg: string): number => log.lines.filter((l) => l.msg === msg).length;
  const clearLeader = (): void => {
    leadership.key = undefined;
  };
  return {
    c,
    k,
    setLeader,
    clearLeader,
    markTakenOver,
    released: leadership.released,
    leadership,
    log,
    transitions,
    lines,
    revision: () => String(leadership.revision),
  };
}

async function until(what: string, ok: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('VipController: a removal that fails', () => {
  it('is tried again until the address is gone, with one "VIP down" and one backup hook', async () => {
    const { c, k, setLeader, transitions, lines } = setUp({ failRemovals: 2 });
    setLeader('n1', LEASE);
    c.reconcile();
    await until('the VIP up on n1', () => k.up.size === 1);
    // n2 now holds it: the drop fails twice (transient), and the address must still go.
    setLeader('n2', '8');
    c.reconcile();
    await until('the address removed', () => k.up.size === 0);
    assert.equal(k.removeCalls, 3);
    assert.equal(lines('VIP down on this node'), 1);
    assert.deepEqual(
      transitions.map((t) => [t.state, t.reasonClass, t.reason]),
      [
        ['master', 'reapplied', 'holds the leadership'],
        ['backup', 'lost_leadership', 'held by n2'],
      ],
    );
    assert.equal(c.holding, undefined);
    assert.equal(await c.stop(false), true);
  });

  it('is finished before the VIP is added again, so every "up" follows its "down"', async () => {
    const { c, k, setLeader, transitions } = setUp({ failRemovals: 1 });
    setLeader('n1', LEASE);
    c.reconcile();
    await until('the VIP up on n1', () => k.up.size === 1);
    await assert.rejects(c.dropLocal(TEST), /unanswered/);
    assert.equal(k.up.size, 1, 'the failed removal left the address');
    assert.equal(c.holding, undefined, 'a VIP whose removal failed is not held');
    // Still the leader: the retry removes the old address, then adds it again.
    await until('removed and added again', () => transitions.length === 3 && k.up.size === 1);
    assert.deepEqual(
      transitions.map((t) => t.state),
      ['master', 'backup', 'master'],
    );
    assert.equal(k.removeCalls, 2);
    await c.stop(false);
  });

  it('stop() gives up after its attempts without rejecting, and says so', async () => {
    const { c, k, setLeader, lines } = setUp({ failRemovals: Infinity });
    setLeader('n1', LEASE);
    c.reconcile();
    await until('the VIP up on n1', () => k.up.size === 1);
    assert.equal(await c.stop(false), false);
    assert.equal(k.removeCalls, 3);
    assert.equal(lines('could not remove the VIP while stopping; its kernel lifetime ends it'), 1);
  });
});

describe('VipController: a holder left alone', () => {
  it('probes every announce.probeMs and refreshes every announce.refreshMs with no other wake-up', async () => {
    const { c, k, setLeader } = setUp({
      spec: { announce: { count: 1, probeMs: 100, refreshMs: 150 } },
      probeSpacingMs: 0,
    });
    setLeader('n1', LEASE);
    c.reconcile();
    await until('the VIP up', () => k.up.size === 1);
    const [probes, bursts] = [k.probes, k.bursts];
    await new Promise((r) => setTimeout(r, 620));
    // 6 probe periods and 4 refresh periods passed; a loaded machine may lose one of each.
    assert.ok(k.probes - probes >= 5, `${k.probes - probes} probes in 620 ms`);
    assert.ok(k.bursts - bursts >= 3, `${k.bursts - bursts} refreshes in 620 ms`);
    await c.stop(false);
    const after = k.probes;
    await new Promise((r) => setTimeout(r, 250));
    assert.equal(k.probes, after, 'no probe once stopped');
  });
});

describe('VipController: a spec change while held', () => {
  it('takes the address down and adds it again when a virtual MAC is set; a priority change does not', async () => {
    const { c, k, setLeader } = setUp();
    setLeader('n1', LEASE);
    c.reconcile();
    await until('the VIP up', () => k.up.size === 1);
    const spec = (extra: Record<string, unknown>) =>
      parseVipSpec({
        name: 'web',
        address: '198.51.100.10/24',
        interface: 'e0',
        nodes: { n1: { priority: 150 }, n2: { priority: 100 } },
        ...extra,
      });
    c.updateSpec(spec({ nodes: { n1: { priority: 160 }, n2: { priority: 100 } } }));
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(k.removeCalls, 0, 'a priority is nothing the kernel sees');
    c.updateSpec(spec({ vmac: 5 }));
    await until('taken down and added again', () => k.removeCalls === 1 && k.up.size === 1);
    assert.equal(c.upNow?.spec.vmac, 5, 'held with the virtual MAC');
    await c.stop(false);
  });
});

describe('VipController: a peer that claims a newer revision', () => {
  it('is ignored while etcd still shows our key (a forged beat changes nothing)', async () => {
    const etcd: FakeEtcd = { reads: 0 };
    const forged = [{ node: 'n2', revision: '999999999' }];
    const { c, k, setLeader, lines, revision } = setUp({ peers: forged, etcd });
    setLeader('n1', LEASE);
    etcd.leader = { node: 'n1', revision: revision(), lease: LEASE };
    c.reconcile();
    await until('the VIP up', () => k.up.size === 1);
    for (let i = 0; i < 5; i++) {
      c.reconcile();
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(k.up.size, 1, 'still up');
    assert.equal(lines('VIP down on this node'), 0);
    assert.equal(
      lines('a peer says it holds this VIP with a newer revision, but etcd shows our key: ignored'),
      1,
    );
    assert.equal(etcd.reads, 1, 'one read of etcd, not one per reconcile');
    await c.stop(false);
  });

  it('is followed once etcd no longer shows our key', async () => {
    const etcd: FakeEtcd = { reads: 0 };
    const peers: { node: string; revision: string }[] = [];
    const { c, k, setLeader, lines, revision } = setUp({ peers, etcd });
    setLeader('n1', LEASE);
    c.reconcile();
    await until('the VIP up', () => k.up.size === 1);
    // Taken over behind our watch: etcd has n2's key, our mirror still shows ours.
    etcd.leader = { node: 'n2', revision: String(Number(revision()) + 5), lease: '77' };
    peers.push({ node: 'n2', revision: String(Number(revision()) + 5) });
    c.reconcile();
    await until('the yield', () => lines('VIP down on this node') === 1);
    assert.equal(k.up.size, 0);
    await c.stop(false);
  });
});

describe('VipController: a peer without etcd that keeps the VIP under failsafe', () => {
  it('holds back the add until that peer lets the VIP go', async () => {
    const keeping = ['n2'];
    const { c, k, setLeader, lines } = setUp({ keeping });
    setLeader('n1', LEASE);
    c.reconcile();
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(k.up.size, 0, 'not added while n2 keeps it');
    assert.equal(
      lines('a peer without etcd still keeps this VIP under failsafe: not adding it until it lets go'),
      1,
    );
    keeping.length = 0; // n2's next beat no longer lists it
    await until('the VIP up', () => k.up.size === 1);
    await c.stop(false);
  });
});

describe('VipController: taking a VIP over from a silent holder', () => {
  it('adds it only once no other host answers for it on the wire', async () => {
    const { c, k, lines } = setUp({ takeover: { notBefore: () => 1, takenOver: () => true } });
    k.answering = ['02:00:00:00:00:02']; // the old holder, killed with its agent: its address lives on
    c.reconcile();
    await until(
      'the wait is logged',
      () =>
        lines(
          'another host still answers for the VIP (its old holder not fenced?): waiting until it stops',
        ) === 1,
    );
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(k.up.size, 0, 'not added while the old holder still answers');
    k.answering = []; // its kernel lifetime ran out
    await until('the VIP up', () => k.up.size === 1);
    assert.equal(lines('the VIP is free on the wire now'), 1);
    await c.stop(false);
  });

  it('a VIP that was not taken from a silent holder is added without waiting', async () => {
    const { c, k } = setUp({ takeover: { notBefore: () => 0, takenOver: () => false } });
    k.answering = ['02:00:00:00:00:02']; // a graceful handover: the old holder keeps it until ours appears
    c.reconcile();
    await until('the VIP up', () => k.up.size === 1);
    await c.stop(false);
  });
});

describe('VipController: our own key marked taken over while our lease lives', () => {
  it('drops the VIP at once, and releases the marked key only once the takeover has clearly failed', async () => {
    let now = 1_000_000;
    const { c, k, setLeader, markTakenOver, released, lines, revision } = setUp({
      clock: { now: () => now },
    });
    setLeader('n1', LEASE);
    const created = revision();
    c.reconcile();
    await until('the VIP up', () => k.up.size === 1);
    markTakenOver('n2');
    c.reconcile();
    await until('dropped on the mark', () => k.up.size === 0);
    now += MARK_STUCK_MS - 1;
    c.reconcile();
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(released, [], 'no release while a revoke may still come');
    now += 2;
    c.reconcile();
    await until('the marked key released', () => lines('leadership released') === 1);
    assert.deepEqual(released, [created], 'one delete, guarded by the marked key’s create revision');
    assert.equal(k.up.size, 0, 'not added again by this');
    await c.stop(false);
  });
});

describe('VipController: the lease lost while the VIP is kept under failsafe', () => {
  /** n1 holds `web` (onEtcdLoss as given), then loses etcd: the session and guards are switches. */
  async function heldThenCut(onEtcdLoss: 'failsafe' | 'fence') {
    const state: { session: LeaseSession | undefined; ok: boolean; failsafe: number } = {
      session: undefined,
      ok: true,
      failsafe: -Infinity,
    };
    state.session = { leaseId: LEASE, valid: () => state.ok };
    const t = setUp({
      standing: {
        session: () => state.session,
        canHold: () => state.ok,
        failsafeUntil: () => state.failsafe,
      },
      spec: { onEtcdLoss },
    });
    t.setLeader('n1', LEASE);
    t.c.reconcile();
    await until('the VIP up', () => t.k.up.size === 1);
    // etcd out of reach for everyone; the guard would keep a failsafe VIP (the peers confirm):
    // the same for both policies, so the spec alone makes the difference.
    state.ok = false;
    state.failsafe = monotonicClock.now() + 10_000;
    t.c.reconcile();
    return { ...t, state };
  }

  it('stays up while a new session takes the vacant key again: no blink, no "down"', async () => {
    const t = await heldThenCut('failsafe');
    await until(
      'kept under failsafe',
      () => t.lines('failsafe: etcd unreachable for everyone; keeping the VIP while all peers confirm') === 1,
    );
    // etcd is back for n1, but its lease expired there meanwhile (and the key with it).
    await t.c.leaseLost(LEASE_LOST);
    t.state.session = undefined;
    t.clearLeader();
    t.c.reconcile();
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(t.k.up.size, 1, 'kept while the new session opens');
    t.state.session = { leaseId: '9', valid: () => true };
    t.state.ok = true;
    t.c.reconcile();
    await until('the key taken again', () => t.c.holding === '50');
    assert.equal(t.k.up.size, 1);
    assert.equal(t.k.removeCalls, 0, 'never removed');
    assert.equal(t.lines('VIP down on this node'), 0);
    assert.deepEqual(
      t.transitions.map((x) => x.state),
      ['master', 'master'],
    );
    await t.c.stop(false);
  });

  it('goes at once when another node holds the key', async () => {
    const t = await heldThenCut('failsafe');
    await until(
      'kept under failsafe',
      () => t.lines('failsafe: etcd unreachable for everyone; keeping the VIP while all peers confirm') === 1,
    );
    await t.c.leaseLost(LEASE_LOST);
    assert.equal(t.k.up.size, 1);
    t.state.session = { leaseId: '9', valid: () => true };
    t.state.ok = true;
    t.setLeader('n2', '8');
    t.c.reconcile();
    await until('dropped', () => t.k.up.size === 0);
    await t.c.stop(false);
  });

  it('is dropped at once when it was not kept under failsafe', async () => {
    const t = await heldThenCut('fence');
    await until('fenced', () => t.k.up.size === 0);
    t.state.ok = true;
    t.c.reconcile();
    await until('up again', () => t.k.up.size === 1);
    await t.c.leaseLost(LEASE_LOST);
    assert.equal(t.k.up.size, 0);
    await t.c.stop(false);
  });
});

describe('VipController: a removal in flight', () => {
  it('the VIP counts as held (in the beats too) until the address is gone', async () => {
    const t = setUp();
    t.setLeader('n1', LEASE);
    t.c.reconcile();
    await until('the VIP up', () => t.k.up.size === 1);
    let finish: (v: boolean) => void = () => undefined;
    t.k.kernel.removeVip = () => new Promise<boolean>((r) => (finish = r));
    const dropped = t.c.dropLocal(TEST);
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(t.c.holding, t.revision(), 'still held while the removal is on its way');
    finish(true);
    await dropped;
    assert.equal(t.c.holding, undefined);
    await t.c.stop(false);
  });
});

describe('VipController: a planned handover', () => {
  it('releases the key first, keeps the address until the successor is up, then drops it', async () => {
    const pin: { node?: string } = {};
    const t = setUp({ pin });
    t.setLeader('n1', LEASE);
    const ours = t.revision();
    t.c.reconcile();
    await until('the VIP up', () => t.k.up.size === 1);
    let successorUp: (ms: number) => void = () => undefined;
    t.leadership.successor = () => new Promise((r) => (successorUp = r));
    pin.node = 'n2'; // an operator moves it
    t.c.reconcile();
    await until('the key released', () => t.released.length === 1);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(t.k.up.size, 1, 'the address stays while the successor comes up');
    t.setLeader('n2', '8');
    successorUp(30);
    await until('dropped', () => t.k.up.size === 0);
    assert.deepEqual(t.released, [ours]);
    const handing = [
      'leadership released',
      'successor holds the VIP; handing over',
      'no successor yet; removing the VIP anyway',
      'VIP down on this node',
    ];
    const said = t.log.lines
      .filter((l) => handing.includes(l.msg))
      .map((l) => [l.msg, l.fields.rev, l.fields.successorRev ?? l.fields.reason]);
    assert.deepEqual(said, [
      ['leadership released', ours, 'moved to n2 by an operator'],
      ['successor holds the VIP; handing over', ours, t.revision()],
      ['VIP down on this node', ours, 'moved to n2 by an operator'],
    ]);
    assert.deepEqual(
      t.transitions.map((x) => [x.state, x.reasonClass]),
      [
        ['master', 'reapplied'],
        ['backup', 'moved'],
      ],
    );
    await t.c.stop(false);
  });

  it('drops the address at once when the release failed (no successor can come while our key stands)', async () => {
    const pin: { node?: string } = {};
    const t = setUp({ pin });
    t.setLeader('n1', LEASE);
    t.c.reconcile();
    await until('the VIP up', () => t.k.up.size === 1);
    t.leadership.releaseFails = true;
    let waited = false;
    t.leadership.successor = () => {
      waited = true;
      return Promise.resolve(0);
    };
    pin.node = 'n2';
    t.c.reconcile();
    await until('dropped', () => t.k.up.size === 0);
    assert.equal(waited, false, 'no wait for a successor');
    assert.equal(t.lines('release failed; the lease will free it'), 1);
    assert.equal(t.lines('leadership released'), 0);
    assert.equal(t.lines('successor holds the VIP; handing over'), 0);
    await t.c.stop(false);
  });
});

describe('VipController: the leadership port’s change signal', () => {
  it('reconciles on a change of its leader key, and no longer once stopped', async () => {
    const t = setUp();
    t.c.reconcile();
    await until('the VIP up', () => t.k.up.size === 1);
    assert.equal(t.leadership.listeners.size, 1);
    // n2 took the key behind our back: only the port's signal tells the controller.
    t.setLeader('n2', '8');
    for (const l of t.leadership.listeners) l();
    await until('dropped on the signal', () => t.k.up.size === 0);
    await t.c.stop(false);
    assert.equal(t.leadership.listeners.size, 0, 'the stopped controller no longer listens');
  });
});
