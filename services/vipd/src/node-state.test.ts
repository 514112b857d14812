// NodeState against fakes (pure logic): what a registration publishes after a failed publish,
// and a check that was reading a link when a fence marked a VIP unready.
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

function setUp(link: Kernel['link'] = () => Promise.resolve({ ready: true })) {
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
    vips: { specs: () => new Map([['web', spec]]) } as Partial<SpecWatcher> as SpecWatcher,
    drains: { get: () => undefined } as Partial<PrefixMirror> as PrefixMirror,
    checks: { names: () => [], state: () => 'up' } as Partial<CheckRunner> as CheckRunner,
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
