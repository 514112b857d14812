// The node's controller registry against fake controllers: one per valid spec, what it does to all
// of them at once (drops, the shutdown's handover), and the pacing it gives them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HookState } from '@vipd/config';
import { memoryLogger } from '@vipd/log';
import { parseVipSpec, type VipSpec } from '@vipd/store';
import type { ControllerContext } from './controller-context';
import type { Kernel } from './kernel';
import type { Reason } from './reason-class';
import { type ManagedVip, PROBES_PER_SECOND, VipControllers } from './vip-controllers';

const FENCED: Reason = { class: 'fenced', text: 'fenced by the kernel agent' };
const LEASE_LOST: Reason = { class: 'lease_lost', text: 'lease lost' };

const spec = (name: string, address = '198.51.100.10/24'): VipSpec =>
  parseVipSpec({ name, address, interface: 'e0', nodes: { n1: { priority: 150 }, n2: { priority: 100 } } });

/** A controller that records what it was asked, in one list shared by every fake. */
class FakeVip implements ManagedVip {
  holding: string | undefined;
  heldUnderFailsafeSpec = false;
  carriedUntil = -Infinity;
  groupRevision: string | undefined;
  keptUnderFailsafe = false;
  /** dropLocal() rejects (a removal the kernel agent did not answer). */
  dropFails = false;

  constructor(
    public spec: VipSpec,
    readonly context: ControllerContext,
    private readonly calls: string[],
  ) {}

  get name(): string {
    return this.spec.name;
  }
  private say(what: string): void {
    this.calls.push(`${this.name} ${what}`);
  }
  reconcile(): void {
    this.say('reconcile');
  }
  updateSpec(spec: VipSpec): void {
    this.spec = spec;
    this.say(`update ${spec.address}`);
  }
  dropLocal(reason: Reason, state?: Exclude<HookState, 'master'>): Promise<void> {
    this.say(`drop ${reason.class} ${state}`);
    return this.dropFails ? Promise.reject(new Error('vipd-agent did not answer')) : Promise.resolve();
  }
  leaseLost(reason: Reason): Promise<void> {
    this.say(`leaseLost ${reason.class}`);
    return Promise.resolve();
  }
  freeze(): void {
    this.say('freeze');
  }
  failsafeUntil(): number {
    return -Infinity;
  }
  follow(revision: string): Promise<void> {
    this.say(`follow ${revision}`);
    return Promise.resolve();
  }
  awaitSuccessor(revision: string, maxMs: number): Promise<number> {
    this.say(`awaitSuccessor ${revision} ${maxMs}`);
    return Promise.resolve(0);
  }
  stop(release: boolean): Promise<boolean> {
    this.say(`stop ${release}`);
    return Promise.resolve(true);
  }
}

const unused = (): never => {
  throw new Error('not used by the registry');
};
const kernel: Kernel = {
  link: unused,
  addVip: unused,
  refreshVips: unused,
  removeVip: unused,
  announce: unused,
  listOwned: unused,
  guard: unused,
  probeOwners: unused,
  probeBeforeAdd: unused,
  ready: unused,
  close: unused,
};

function setUp() {
  const calls: string[] = [];
  const log = memoryLogger();
  let added = 0;
  const registry = new VipControllers<FakeVip>({
    log,
    vipLog: log.child({ component: 'vip' }),
    clock: { now: () => 1000 },
    context: {
      self: 'n1',
      kernel,
      clock: { now: () => 1000 },
      settings: { acquireStepMs: 100, addressLifetimeSec: 2, handoverMaxMs: 300 },
      leadership: { forVip: unused },
      standing: {
        session: () => undefined,
        canHold: () => true,
        failsafeUntil: () => 0,
        cannotServe: () => false,
      },
      candidates: {
        liveNodes: () => [],
        pinOf: () => undefined,
        startupGraceUntil: () => 0,
        seenSinceStart: () => true,
      },
      peers: { holdersOf: () => [], failsafeHoldersOf: () => [] },
      takeover: { notBefore: () => 0, takenOver: () => false },
      transition: () => undefined,
    },
    create: (s, context) => new FakeVip(s, context, calls),
    added: () => added++,
  });
  const messages = (): string[] =>
    log.lines.map((l) => `${l.msg}${l.fields.vip ? ` (${l.fields.vip})` : ''}`);
  return {
    registry,
    calls,
    log,
    messages,
    added: () => added,
    vip: (name: string): FakeVip => registry.all.get(name)!,
  };
}

describe('VipControllers: one controller per valid spec', () => {
  it('creates one for a new spec, which reconciles at once, and logs it with our priority', () => {
    const t = setUp();
    t.registry.specChanged('web', spec('web'));
    assert.deepEqual([...t.registry.all.keys()], ['web']);
    assert.deepEqual(t.calls, ['web reconcile']);
    assert.deepEqual(t.messages(), ['VIP spec loaded (web)']);
    assert.equal(t.log.lines[0]?.fields.priority, 150);
    assert.equal(t.log.lines[0]?.fields.address, '198.51.100.10/24');
  });

  it('gives a changed spec to the same controller', () => {
    const t = setUp();
    t.registry.specChanged('web', spec('web'));
    const first = t.vip('web');
    t.registry.specChanged('web', spec('web', '198.51.100.11/24'));
    assert.equal(t.vip('web'), first, 'the same controller');
    assert.deepEqual(t.calls, ['web reconcile', 'web update 198.51.100.11']);
    assert.deepEqual(t.messages(), ['VIP spec loaded (web)', 'VIP spec updated (web)']);
  });

  it('stops and forgets the controller of a deleted (or now invalid) spec, releasing its key', () => {
    const t = setUp();
    t.registry.specChanged('web', spec('web'));
    t.registry.specChanged('web', undefined);
    t.registry.specChanged('web', undefined); // twice: nothing more
    t.registry.specChanged('never-seen', undefined);
    assert.equal(t.registry.all.size, 0);
    assert.deepEqual(t.calls, ['web reconcile', 'web stop true']);
    assert.deepEqual(t.messages(), [
      'VIP spec loaded (web)',
      'VIP spec removed (deleted or no longer valid) (web)',
    ]);
    // Added again: a new controller.
    t.registry.specChanged('web', spec('web'));
    assert.equal(t.registry.all.size, 1);
  });

  it('tells of every VIP added, not of an update (the daemon looks at readiness again)', () => {
    const t = setUp();
    t.registry.specChanged('web', spec('web'));
    t.registry.specChanged('db', spec('db'));
    t.registry.specChanged('db', spec('db', '198.51.100.12/24'));
    t.registry.specChanged('db', undefined);
    assert.equal(t.added(), 2);
  });

  it('reconciles one VIP by name, or every VIP', () => {
    const t = setUp();
    t.registry.specChanged('web', spec('web'));
    t.registry.specChanged('db', spec('db'));
    t.calls.length = 0;
    t.registry.reconcile('db');
    t.registry.reconcile('gone');
    t.registry.reconcileAll();
    assert.deepEqual(t.calls, ['db reconcile', 'web reconcile', 'db reconcile']);
  });
});

describe('VipControllers: every VIP at once', () => {
  it('dropAll drops each VIP as a fault; after a lost lease each VIP decides (failsafe carries)', async () => {
    const t = setUp();
    t.registry.specChanged('web', spec('web'));
    t.registry.specChanged('db', spec('db'));
    t.calls.length = 0;
    await t.registry.dropAll(FENCED);
    assert.deepEqual(t.calls, ['web drop fenced fault', 'db drop fenced fault']);
    t.calls.length = 0;
    await t.registry.dropAll(LEASE_LOST, true);
    assert.deepEqual(t.calls, ['web leaseLost lease_lost', 'db leaseLost lease_lost']);
    assert.equal(t.log.lines.filter((l) => l.level === 'error').length, 0);
  });

  it('dropAll never rejects: failed removals are logged once, with how many failed', async () => {
    const t = setUp();
    t.registry.specChanged('web', spec('web'));
    t.registry.specChanged('db', spec('db'));
    t.registry.specChanged('app', spec('app'));
    t.vip('web').dropFails = true;
    t.vip('app').dropFails = true;
    await t.registry.dropAll(FENCED);
    const errors = t.log.lines.filter((l) => l.level === 'error');
    assert.equal(errors.length, 1);
    assert.equal(errors[0]?.msg, 'could not remove every VIP; each is tried again on its next reconcile');
    assert.equal(errors[0]?.fields.failed, 2);
    assert.equal(errors[0]?.fields.reason, FENCED.text);
  });

  it('agentLost drops every VIP first, then has each reconcile (to add it again once it may)', async () => {
    const t = setUp();
    t.registry.specChanged('web', spec('web'));
    t.registry.specChanged('db', spec('db'));
    t.calls.length = 0;
    t.registry.agentLost(FENCED);
    assert.deepEqual(t.calls, [], 'the drops start in later turns');
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(t.calls, [
      'web drop fenced fault',
      'db drop fenced fault',
      'web reconcile',
      'db reconcile',
    ]);
  });

  it('yields to a peer only where the peer holds our VIP with a newer revision', () => {
    const t = setUp();
    t.registry.specChanged('web', spec('web'));
    t.registry.specChanged('db', spec('db'));
    t.registry.specChanged('app', spec('app'));
    t.vip('web').holding = '20';
    t.vip('db').holding = '20';
    t.calls.length = 0;
    t.registry.yieldToNewer([
      { vip: 'web', revision: '21' },
      { vip: 'db', revision: '19' },
      { vip: 'app', revision: '99' }, // not held here
      { vip: 'gone', revision: '99' },
    ]);
    assert.deepEqual(t.calls, ['web reconcile']);
  });
});

describe("VipControllers: the shutdown's handover", () => {
  it('freezes every controller before the revoke, waits for successors of held VIPs only, then stops all', async () => {
    const t = setUp();
    t.registry.specChanged('web', spec('web'));
    t.registry.specChanged('db', spec('db'));
    t.vip('web').holding = '20';
    t.calls.length = 0;
    await t.registry.handOverAll(() => {
      t.calls.push('revoke');
      return Promise.resolve(true);
    });
    assert.deepEqual(t.calls, [
      'web freeze',
      'db freeze',
      'revoke',
      'web awaitSuccessor 20 300',
      'web stop false',
      'db stop false',
    ]);
  });

  it('without etcd (the revoke failed) the addresses go at once', async () => {
    const t = setUp();
    t.registry.specChanged('web', spec('web'));
    t.vip('web').holding = '20';
    t.calls.length = 0;
    await t.registry.handOverAll(() => Promise.resolve(false));
    assert.deepEqual(t.calls, ['web freeze', 'web stop false']);
  });
});

describe('VipControllers: what the controllers share', () => {
  it('one context for all, whose probe spacing keeps the node at PROBES_PER_SECOND', () => {
    const t = setUp();
    t.registry.specChanged('web', spec('web'));
    t.registry.specChanged('db', spec('db'));
    t.registry.specChanged('app', spec('app'));
    const context = t.vip('web').context;
    assert.equal(t.vip('db').context, context);
    t.vip('web').holding = '20';
    t.vip('db').holding = '21';
    assert.equal(context.pacing.probeSpacingMs(), (2 * 1000) / PROBES_PER_SECOND);
    assert.deepEqual(t.registry.held.held(), { web: '20', db: '21' });
  });
});
