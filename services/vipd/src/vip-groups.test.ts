// VIP groups through the real registry and controllers, against a fake kernel that batches the
// changes made in one tick as the kernel agent does: the lead's leader key decides for the group,
// and the members go up and down in the lead's batch (never split over two batches).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { memoryLogger, monotonicClock } from '@vipd/log';
import { KernelRefusedError } from '@vipd/netif';
import { type AcquireResult, type NodeInfo, parseVipSpec, type VipSpec } from '@vipd/store';
import type { Kernel } from './kernel';
import { handOver, type Holder, type LeadershipPort, type VipLeadership } from './leadership-port';
import { VipController } from './vip-controller';
import { VipControllers } from './vip-controllers';
import { VipGroups } from './vip-groups';

const LEASE = '7';

/** Adds and removals, gathered per tick (process.nextTick, as the kernel agent's client writes). */
class BatchingKernel {
  readonly up = new Set<string>();
  readonly batches: string[][] = [];
  /** Addresses another host still answers ARP/NDP for (a takeover probe sees them). */
  readonly answering = new Set<string>();
  /** VIPs whose add the kernel refuses (as a route with an unreachable gateway is). */
  readonly refuse = new Set<string>();
  private open: string[] | undefined;
  private record(what: string): void {
    if (!this.open) {
      const batch: string[] = [];
      this.open = batch;
      this.batches.push(batch);
      process.nextTick(() => (this.open = undefined));
    }
    this.open.push(what);
  }
  readonly kernel: Kernel = {
    link: () => Promise.resolve({ ready: true }),
    addVip: (_ifname, spec) => {
      if (this.refuse.has(spec.name))
        return Promise.reject(new KernelRefusedError('Network is unreachable', 'ENETUNREACH'));
      this.record(`+${spec.name}`);
      this.up.add(spec.name);
      return Promise.resolve();
    },
    refreshVips: () => Promise.resolve([]),
    removeVip: (_ifname, spec) => {
      this.record(`-${spec.name}`);
      return Promise.resolve(this.up.delete(spec.name));
    },
    announce: (_i, _s, count) => Promise.resolve(count),
    listOwned: () => Promise.resolve([]),
    guard: () => undefined,
    probeOwners: () => Promise.resolve([]),
    probeBeforeAdd: (_ifname, spec) =>
      Promise.resolve(this.answering.has(spec.address) ? ['02:00:00:00:00:99'] : []),
    ready: () => Promise.resolve(true),
    close: () => Promise.resolve(),
  };
}

/** leaders/<vip> for every VIP: an acquisition wins when the key is vacant and shows at once. */
class FakeLeaders implements LeadershipPort {
  readonly keys = new Map<string, Holder>();
  readonly acquired: string[] = [];
  private revision = 40;
  forVip(vip: string): VipLeadership {
    const keys = this.keys;
    const listeners = new Set<() => void>();
    const port: VipLeadership = {
      holder: () => keys.get(vip),
      lastHolderElsewhere: undefined,
      holderElsewhere: () => undefined,
      markedOwn: () => undefined,
      acquire: (leaseId: string): Promise<AcquireResult> => {
        if (keys.has(vip)) return Promise.resolve({ acquired: false });
        const revision = String(++this.revision);
        keys.set(vip, { node: 'n1', lease: leaseId, revision });
        this.acquired.push(vip);
        return Promise.resolve({ acquired: true, revision });
      },
      release: (revision: string) => {
        const held = keys.get(vip)?.revision === revision;
        if (held) keys.delete(vip);
        return Promise.resolve(held);
      },
      handover: (revision, maxMs, afterRelease) =>
        handOver(port, () => keys.get(vip)?.revision, revision, maxMs, afterRelease),
      awaitSuccessor: () => Promise.resolve(0),
      onChange: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      confirmHeld: () => Promise.resolve(true),
    };
    return port;
  }
}

const node = (name: string, unready: string[] = []): NodeInfo => ({
  name,
  advertise: `${name}:7400`,
  labels: {},
  drained: false,
  unready,
});

function member(name: string, address: string, group = 'pair'): VipSpec {
  return parseVipSpec({
    name,
    address,
    interface: 'e0',
    nodes: { n1: { priority: 150 }, n2: { priority: 100 } },
    group,
  });
}

function setUp(o: { takenOver?: (vip: string) => boolean } = {}) {
  const k = new BatchingKernel();
  const leaders = new FakeLeaders();
  let nodes = [node('n1'), node('n2')];
  const refused: string[] = [];
  const log = memoryLogger();
  const registry = new VipControllers<VipController>({
    log,
    vipLog: log,
    clock: monotonicClock,
    context: {
      self: 'n1',
      kernel: k.kernel,
      clock: monotonicClock,
      settings: { acquireStepMs: 100, addressLifetimeSec: 30, handoverMaxMs: 300 },
      leadership: leaders,
      standing: {
        session: () => ({ leaseId: LEASE, valid: () => true }),
        canHold: () => true,
        failsafeUntil: () => -Infinity,
        cannotServe: () => false,
      },
      candidates: {
        liveNodes: () => nodes,
        pinOf: () => undefined,
        startupGraceUntil: () => 0,
        seenSinceStart: () => true,
      },
      peers: { holdersOf: () => [], failsafeHoldersOf: () => [] },
      takeover: { notBefore: () => 0, takenOver: o.takenOver ?? (() => false) },
      transition: () => undefined,
      // As the daemon does (add-refusals.ts): this node counts as unable to serve the VIP.
      kernelRefused: (vip) => {
        refused.push(vip);
        nodes = [node('n1', [...refused]), ...nodes.slice(1)];
        // The node's readiness changed: every VIP looks again (NodeState's onChange).
        registry.reconcileAll();
        return Promise.resolve();
      },
    },
    create: (s, context, l) => new VipController(s, context, l),
    added: () => undefined,
  });
  return {
    k,
    leaders,
    registry,
    setNodes: (n: NodeInfo[]) => (nodes = n),
    stopAll: () => Promise.all([...registry.all.values()].map((c) => c.stop(false))),
  };
}

/** Waits (bounded) until `cond` holds. */
async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !cond(); i++) await sleep(5);
  assert.ok(cond(), what);
}

describe('VIP groups: one decision, one kernel batch', () => {
  it('only the lead takes a leader key; every member goes up here in the lead’s batch', async () => {
    const t = setUp();
    t.registry.specChanged('web6', member('web6', '2001:db8::10/64'));
    t.registry.specChanged('web4', member('web4', '198.51.100.10/24'));
    t.registry.specChanged('web4-extra', member('web4-extra', '198.51.100.11/24'));
    try {
      await until(() => t.k.up.size === 3, 'all three up');
      assert.deepEqual(t.leaders.acquired, ['web4']);
      const revision = t.leaders.keys.get('web4')!.revision;
      for (const c of t.registry.all.values()) assert.equal(c.holding, revision, c.name);
      const adds = t.k.batches.filter((b) => b.some((x) => x.startsWith('+')));
      assert.deepEqual(adds.at(-1)!.sort(), ['+web4', '+web4-extra', '+web6']);
    } finally {
      await t.stopAll();
    }
  });

  it('a node unready for one member gives up the whole group, in one batch', async () => {
    const t = setUp();
    t.registry.specChanged('a', member('a', '198.51.100.10/24'));
    t.registry.specChanged('b', member('b', '198.51.100.11/24'));
    t.registry.specChanged('c', member('c', '2001:db8::10/64'));
    try {
      await until(() => t.k.up.size === 3, 'all three up');
      t.setNodes([node('n1', ['c']), node('n2')]);
      t.registry.reconcileAll();
      await until(() => t.k.up.size === 0, 'all three down');
      assert.equal(t.leaders.keys.has('a'), false, 'the lead released its key');
      const removals = t.k.batches.filter((b) => b.some((x) => x.startsWith('-')));
      assert.equal(removals.length, 1, JSON.stringify(t.k.batches));
      assert.deepEqual(removals[0]!.sort(), ['-a', '-b', '-c']);
    } finally {
      await t.stopAll();
    }
  });

  it('taken from a silent holder, the group is added only once no host answers for any member', async () => {
    const t = setUp({ takenOver: (vip) => vip === 'a' });
    t.k.answering.add('2001:db8::10');
    t.registry.specChanged('a', member('a', '198.51.100.10/24'));
    t.registry.specChanged('b', member('b', '198.51.100.11/24'));
    t.registry.specChanged('c', member('c', '2001:db8::10/64'));
    try {
      await until(() => t.leaders.keys.has('a'), 'the lead took its key');
      await sleep(150);
      assert.equal(t.k.up.size, 0, 'nothing added while a member is answered for');
      t.k.answering.clear();
      await until(() => t.k.up.size === 3, 'all three up once the wire is free');
    } finally {
      await t.stopAll();
    }
  });

  it('the kernel refusing one member here gives the whole group up (the lead lets its key go)', async () => {
    const t = setUp();
    t.k.refuse.add('b');
    t.registry.specChanged('a', member('a', '198.51.100.10/24'));
    t.registry.specChanged('b', member('b', '198.51.100.11/24'));
    try {
      await until(() => t.leaders.acquired.includes('a'), 'the lead took its key');
      await until(() => !t.leaders.keys.has('a') && t.k.up.size === 0, 'the group let go here');
      assert.equal(t.leaders.keys.has('b'), false, 'the follower took no key');
    } finally {
      await t.stopAll();
    }
  });

  it('a member that leaves the group decides for itself again; a lone member leads nothing', async () => {
    const t = setUp();
    t.registry.specChanged('a', member('a', '198.51.100.10/24'));
    t.registry.specChanged('b', member('b', '198.51.100.11/24'));
    try {
      await until(() => t.k.up.size === 2, 'both up');
      const alone = { name: 'b', address: '198.51.100.11/24', interface: 'e0', nodes: { n1: {}, n2: {} } };
      t.registry.specChanged('b', parseVipSpec(alone));
      await until(() => t.leaders.keys.has('b'), 'b takes its own key');
      assert.equal(t.k.up.has('b'), true);
    } finally {
      await t.stopAll();
    }
  });
});

describe('VipGroups', () => {
  it('names the lowest member the lead and updates roles as members come and go', () => {
    const controllers = new Map<string, never>();
    const g = new VipGroups(controllers);
    assert.deepEqual(g.update('b', member('b', '198.51.100.11/24')).sort(), ['b']);
    assert.equal(g.leadName('b'), 'b');
    assert.equal(g.membersOf('b'), undefined, 'a group of one is no group');
    assert.deepEqual(g.update('a', member('a', '198.51.100.10/24')).sort(), ['a', 'b']);
    assert.equal(g.leadName('b'), 'a');
    assert.deepEqual(
      g.membersOf('a')!.map((s) => s.name),
      ['a', 'b'],
    );
    assert.equal(g.membersOf('b'), undefined);
    assert.deepEqual(g.update('a', undefined).sort(), ['a', 'b']);
    assert.equal(g.leadName('b'), 'b');
    assert.equal(g.leadName('a'), undefined);
  });
});
