// NodeState against fakes (pure logic): what a registration publishes after a failed publish,
// a check that was reading a link when a fence marked a VIP unready, and the reason published
// for each VIP the node cannot serve.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckRunner } from '@vipd/checks';
import type { VipdConfig } from '@vipd/config';
import { memoryLogger } from '@vipd/log';
import {
  type Keys,
  type NodeInfo,
  type NodeSession,
  parseVipSpec,
  type PrefixMirror,
  type SpecWatcher,
} from '@vipd/store';
import type { Kernel } from './kernel';
import { NodeState } from './node-state';

const spec = parseVipSpec({
  name: 'web',
  address: '203.0.113.200/32',
  interface: 'e0',
  nodes: { n1: { priority: 150 }, n2: { priority: 100 } },
});

function setUp(
  link: Kernel['link'] = () => Promise.resolve({ ready: true }),
  specs = [spec],
  checkStates: Record<string, string> = {},
) {
  const published: NodeInfo[] = [];
  let failing = true;
  const session = {
    update: (info: NodeInfo) => {
      if (failing) return Promise.reject(new Error('lease 7 no longer exists in etcd'));
      published.push(info);
      return Promise.resolve();
    },
  } as Partial<NodeSession> as NodeSession;
  let unready = new Map<string, string>();
  const changes = { count: 0 };
  const state = new NodeState({
    config: {
      node: { name: 'n1', advertise: 'n1:7400', labels: {}, drained: false },
    } as unknown as VipdConfig,
    keys: { drain: (n: string) => `/vipd/lab/drain/${n}` } as Partial<Keys> as Keys,
    vips: { specs: () => new Map(specs.map((s) => [s.name, s])) } as Partial<SpecWatcher> as SpecWatcher,
    drains: { get: () => undefined } as Partial<PrefixMirror> as PrefixMirror,
    checks: {
      names: () => Object.keys(checkStates),
      state: (name: string) => checkStates[name] ?? 'unknown',
    } as Partial<CheckRunner> as CheckRunner,
    kernel: { link } as Partial<Kernel> as Kernel,
    session: () => session,
    onChange: () => changes.count++,
    unready: () => unready,
    log: memoryLogger(),
  });
  return {
    state,
    published,
    changes,
    heal: () => (failing = false),
    setUnready: (m: Map<string, string>) => (unready = m),
  };
}

describe('NodeState: a publish that fails', () => {
  it('keeps what is true: a VIP this node cannot serve stays unready for the next registration', async () => {
    const { state, published, changes, heal, setUnready } = setUp();
    // A fence killed gobgpd while the lease expired: marked at once, the publish fails.
    const why = new Map([['web', 'no BGP session established']]);
    setUnready(why);
    state.markUnreadyNow(why);
    await state.checkReadiness();
    assert.deepEqual(state.current.unready, ['web'], 'what a registration opened now would publish');
    const changed = changes.count;
    // The next check with etcd back publishes it, though nothing changed meanwhile; the
    // controllers are not woken for a retry that changes nothing.
    heal();
    await state.checkReadiness();
    assert.equal(changes.count, changed);
    assert.deepEqual(
      published.map((p) => p.unready),
      [['web']],
    );
    // Nothing changed and nothing is pending: no second publish.
    await state.checkReadiness();
    assert.equal(published.length, 1);
  });
});

describe('NodeState: a check in flight when a fence marks a VIP unready', () => {
  it('does not publish the VIP ready again from what it read before the fence', async () => {
    // The link read is slow (the kernel agent is busy fencing): the check waits on it.
    let linkRead: (() => void) | undefined;
    const { state, heal, setUnready, published } = setUp(
      () => new Promise((resolve) => (linkRead = () => resolve({ ready: true }))),
    );
    heal();
    const check = state.checkReadiness();
    assert.ok(linkRead, 'the check is reading the link');
    // Meanwhile the fence kills gobgpd: no BGP session, marked at once.
    const why = new Map([['web', 'no BGP session established']]);
    setUnready(why);
    state.markUnreadyNow(why);
    linkRead();
    await check;
    assert.deepEqual(state.current.unready, ['web'], 'the VIP stays unready after the check');
    assert.deepEqual(
      published.map((p) => p.unready),
      [['web']],
      'never published ready after the fence',
    );
  });
});

describe('NodeState: why each VIP is unready', () => {
  const vip = (name: string, extra: Record<string, unknown> = {}) =>
    parseVipSpec({
      name,
      address: '203.0.113.201/32',
      interface: 'e0',
      nodes: { n1: { priority: 100 } },
      ...extra,
    });

  it('publishes one reason per unready VIP with the list: link, tracked check, its own reasons', async () => {
    const links: Record<string, { ready: boolean; reason?: string }> = {
      e0: { ready: true },
      e1: { ready: false, reason: 'interface has no carrier' },
    };
    const specs = [
      vip('web', { interface: 'e1' }),
      vip('api', { track: ['chk-http'] }),
      vip('db', { track: ['pg', 'disk'] }),
      vip('dns'),
      vip('ok'),
    ];
    const { state, published, heal, setUnready, changes } = setUp(
      (ifname) => Promise.resolve(links[ifname] ?? { ready: false, reason: 'interface does not exist' }),
      specs,
      { 'chk-http': 'down', pg: 'unknown', disk: 'down' },
    );
    heal();
    setUnready(new Map([['dns', 'the kernel refused it on e0: Invalid argument']]));
    await state.checkReadiness();
    const last = published.at(-1);
    assert.deepEqual(last?.unready, ['api', 'db', 'dns', 'web']);
    assert.deepEqual(last?.unreadyWhy, {
      api: 'tracked check chk-http not up',
      db: 'tracked checks pg, disk not up',
      dns: 'the kernel refused it on e0: Invalid argument',
      web: 'e1: interface has no carrier',
    });
    // Only the reason changes (the link is gone now): published, but no ranking changed.
    const woken = changes.count;
    links.e1 = { ready: false, reason: 'interface does not exist' };
    await state.checkReadiness();
    assert.equal(published.at(-1)?.unreadyWhy?.web, 'e1: interface does not exist');
    assert.deepEqual(published.at(-1)?.unready, ['api', 'db', 'dns', 'web']);
    assert.equal(changes.count, woken, 'a reason alone wakes no controller');
    // Ready again: neither the VIP nor its reason stays.
    links.e1 = { ready: true };
    await state.checkReadiness();
    assert.deepEqual(published.at(-1)?.unready, ['api', 'db', 'dns']);
    assert.equal(published.at(-1)?.unreadyWhy?.web, undefined);
  });

  it('markUnreadyNow publishes its reason at once, bounded', async () => {
    const { state, published, heal } = setUp();
    heal();
    state.markUnreadyNow(new Map([['web', 'no BGP session established']]));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(published.at(-1)?.unready, ['web']);
    assert.deepEqual(published.at(-1)?.unreadyWhy, { web: 'no BGP session established' });
    assert.deepEqual(state.current.unreadyWhy, { web: 'no BGP session established' });

    const long = setUp(undefined, [vip('web'), vip('api')]);
    long.heal();
    long.setUnready(new Map([['api', `the kernel refused it on e0: ${'x'.repeat(400)}`]]));
    await long.state.checkReadiness();
    const why = long.published.at(-1)?.unreadyWhy?.api ?? '';
    assert.equal(why.length, 200);
    assert.ok(why.startsWith('the kernel refused it on e0: x') && why.endsWith('…'));
  });
});
