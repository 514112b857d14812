import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Keys, type MirrorEntry, type NodeInfo } from '@vipd/store';
import { Membership } from './membership';

const keys = new Keys('c1');

function entry(key: string, value: unknown, lease = '0'): MirrorEntry {
  return { key, value: JSON.stringify(value), createRevision: '1', modRevision: '1', lease };
}

function setUp() {
  const nodes = new Map<string, MirrorEntry>();
  const drains = new Map<string, MirrorEntry>();
  const register = (name: string, advertise = `${name}:7000`, lease = '0') =>
    nodes.set(keys.node(name), entry(keys.node(name), { advertise }, lease));
  let valid = true;
  let self: NodeInfo = { name: 'n1', advertise: 'n1:7000', labels: {}, drained: false, unready: [] };
  const m = new Membership({
    self: 'n1',
    keys,
    nodes: { entries: () => nodes },
    drains: { get: (k) => drains.get(k) },
    session: () => ({ valid: () => valid }),
    current: () => self,
  });
  return {
    m,
    nodes,
    drains,
    register,
    setValid: (v: boolean) => (valid = v),
    setSelf: (n: Partial<NodeInfo>) => (self = { ...self, ...n }),
  };
}

const names = (nodes: NodeInfo[]) => nodes.map((n) => `${n.name}${n.drained ? '(drained)' : ''}`);

describe('membership', () => {
  it('live nodes: the registered others, with an operator drain applied, and our own record while the session is valid', () => {
    const t = setUp();
    t.register('n1', 'stale:7000'); // our own key is never read back
    t.register('n2');
    t.register('n3');
    t.drains.set(keys.drain('n3'), entry(keys.drain('n3'), { at: 'now', by: 'op' }));
    const live = t.m.liveNodes();
    assert.deepEqual(names(live), ['n2', 'n3(drained)', 'n1']);
    assert.equal(live[2]?.advertise, 'n1:7000');
    t.setValid(false);
    assert.deepEqual(
      names(t.m.liveNodes()),
      ['n2', 'n3(drained)'],
      'without a valid session we are not live',
    );
  });

  it('kept until nodes/ or drain/ change, our record changes or the session validity changes', () => {
    const t = setUp();
    t.register('n2');
    const first = t.m.liveNodes();
    assert.equal(t.m.liveNodes(), first);
    t.register('n3');
    assert.equal(t.m.liveNodes(), first, 'not read again until told of the change');
    t.m.changed();
    const second = t.m.liveNodes();
    assert.deepEqual(names(second), ['n2', 'n3', 'n1']);
    t.setSelf({ drained: true });
    const third = t.m.liveNodes();
    assert.notEqual(third, second);
    assert.deepEqual(names(third), ['n2', 'n3', 'n1(drained)']);
    t.setValid(false);
    assert.deepEqual(names(t.m.liveNodes()), ['n2', 'n3']);
    t.setValid(true);
    assert.deepEqual(names(t.m.liveNodes()), ['n2', 'n3', 'n1(drained)']);
  });

  it('a node seen once stays seen after it is gone; one never registered is not', () => {
    const t = setUp();
    t.register('n2');
    t.m.liveNodes();
    t.nodes.delete(keys.node('n2'));
    t.m.changed();
    assert.deepEqual(names(t.m.liveNodes()), ['n1']);
    assert.ok(t.m.seen.has('n2'));
    assert.ok(!t.m.seen.has('n3'));
    assert.ok(!t.m.seen.has('n1'), 'ourselves: not read from nodes/');
  });

  it('mesh members: every registered node that advertises an address, with its lease', () => {
    const t = setUp();
    t.register('n1', 'n1:7000', '11');
    t.register('n2', 'n2:7000', '22');
    t.register('n3', '');
    t.nodes.set(keys.node('n4'), { ...entry(keys.node('n4'), {}), value: 'not json' });
    assert.deepEqual(
      [...t.m.members()],
      [
        ['n1', { advertise: 'n1:7000', lease: '11' }],
        ['n2', { advertise: 'n2:7000', lease: '22' }],
      ],
    );
  });
});
