import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  effectivePriority,
  groupLead,
  groupPin,
  isEligible,
  outranks,
  rankCandidates,
  rankGroup,
  type NodeInfo,
} from './ranking';
import { parseVipSpec } from './vip-spec';

const node = (name: string, extra: Partial<NodeInfo> = {}): NodeInfo => ({
  name,
  advertise: `${name}:7400`,
  labels: {},
  drained: false,
  unready: [],
  ...extra,
});

describe('candidate ranking', () => {
  const spec = parseVipSpec({
    name: 'web',
    address: '198.51.100.100/24',
    interface: 'e0',
    nodes: { n1: { priority: 150 }, n2: { priority: 100 }, n3: { priority: 100 } },
  });

  it('orders by priority, then name', () => {
    const ranked = rankCandidates(spec, [node('n3'), node('n2'), node('n1')]);
    assert.deepEqual(
      ranked.map((c) => c.name),
      ['n1', 'n2', 'n3'],
    );
  });

  it('leaves out drained, unready and unlisted nodes', () => {
    const ranked = rankCandidates(spec, [
      node('n1', { drained: true }),
      node('n2', { unready: ['web'] }),
      node('n3'),
      node('n4'),
    ]);
    assert.deepEqual(
      ranked.map((c) => c.name),
      ['n3'],
    );
    assert.equal(isEligible(spec, node('n2', { unready: ['other'] })), true);
  });

  it('gives every node priority 100 when nodes is absent', () => {
    const open = parseVipSpec({ name: 'any', address: '198.51.100.101/24', interface: 'e0' });
    const ranked = rankCandidates(open, [node('b'), node('a')]);
    assert.deepEqual(ranked, [
      { name: 'a', priority: 100 },
      { name: 'b', priority: 100 },
    ]);
  });

  it('puts the pinned node first while it is eligible', () => {
    const all = [node('n1'), node('n2'), node('n3')];
    assert.deepEqual(
      rankCandidates(spec, all, 'n3').map((c) => c.name),
      ['n3', 'n1', 'n2'],
    );
    const n3Drained = [node('n1'), node('n2'), node('n3', { drained: true })];
    assert.deepEqual(
      rankCandidates(spec, n3Drained, 'n3').map((c) => c.name),
      ['n1', 'n2'],
    );
  });

  it('outranks is strict', () => {
    assert.equal(outranks({ name: 'a', priority: 100 }, { name: 'b', priority: 100 }), true);
    assert.equal(outranks({ name: 'b', priority: 100 }, { name: 'a', priority: 100 }), false);
    assert.equal(outranks({ name: 'a', priority: 100 }, { name: 'a', priority: 100 }), false);
    assert.equal(outranks({ name: 'z', priority: 101 }, { name: 'a', priority: 100 }), true);
  });

  describe('weighted tracking', () => {
    const weighted = parseVipSpec({
      name: 'web',
      address: '198.51.100.100/24',
      interface: 'e0',
      nodes: { n1: { priority: 150 }, n2: { priority: 140 } },
      trackWeighted: [{ check: 'svc', weight: -20 }],
    });

    it('a failing check of weight -20 puts the 150 node below the 140 one; up again, it leads', () => {
      const up = [node('n1', { checks: { svc: 'up' } }), node('n2', { checks: { svc: 'up' } })];
      assert.deepEqual(rankCandidates(weighted, up), [
        { name: 'n1', priority: 150 },
        { name: 'n2', priority: 140 },
      ]);
      const n1Down = [node('n1', { checks: { svc: 'down' } }), node('n2', { checks: { svc: 'up' } })];
      assert.deepEqual(rankCandidates(weighted, n1Down), [
        { name: 'n2', priority: 140 },
        { name: 'n1', priority: 130 },
      ]);
      assert.deepEqual(effectivePriority(weighted, n1Down[0]!), {
        priority: 130,
        base: 150,
        reasons: ['svc down: -20'],
      });
      // Still eligible: a weight moves the node down the ranking, never out of it.
      assert.equal(isEligible(weighted, n1Down[0]!), true);
    });

    it('unknown and not configured count as not up', () => {
      assert.deepEqual(effectivePriority(weighted, node('n1', { checks: { svc: 'unknown' } }))?.reasons, [
        'svc unknown: -20',
      ]);
      assert.deepEqual(effectivePriority(weighted, node('n1'))?.reasons, ['svc not configured: -20']);
    });

    it('a positive weight is added while the check is up; sums are kept within 1..255', () => {
      const plus = parseVipSpec({
        name: 'web',
        address: '198.51.100.100/24',
        interface: 'e0',
        nodes: { n1: { priority: 250 }, n2: { priority: 5 } },
        trackWeighted: [
          { check: 'a', weight: 10 },
          { check: 'b', weight: -10 },
        ],
      });
      assert.deepEqual(effectivePriority(plus, node('n1', { checks: { a: 'up', b: 'up' } })), {
        priority: 255,
        base: 250,
        reasons: ['a up: +10', 'clamped to 255'],
      });
      assert.deepEqual(effectivePriority(plus, node('n2', { checks: { a: 'down', b: 'down' } })), {
        priority: 1,
        base: 5,
        reasons: ['b down: -10', 'clamped to 1'],
      });
      assert.equal(effectivePriority(plus, node('n3')), undefined, 'a node the spec leaves out');
    });

    it('a pin still comes first whatever the weights', () => {
      const n1Down = [node('n1', { checks: { svc: 'down' } }), node('n2', { checks: { svc: 'down' } })];
      assert.deepEqual(
        rankCandidates(weighted, n1Down, 'n1').map((c) => c.name),
        ['n1', 'n2'],
      );
    });
  });
});

describe('group ranking', () => {
  const member = (name: string, extra: Record<string, unknown> = {}) =>
    parseVipSpec({
      name,
      address: name === 'a' ? '198.51.100.10/24' : name === 'b' ? '198.51.100.11/24' : '2001:db8::10/64',
      interface: 'e0',
      nodes: { n1: { priority: 150 }, n2: { priority: 100 }, n3: { priority: 100 } },
      group: 'g',
      ...extra,
    });
  const names = (c: { name: string }[]): string[] => c.map((x) => x.name);

  it('with every member alike ranks as one member does', () => {
    const specs = [member('a'), member('b'), member('c')];
    const nodes = [node('n3'), node('n2'), node('n1')];
    assert.deepEqual(rankGroup(specs, nodes), rankCandidates(specs[0]!, nodes));
  });

  it('leaves out a node that is unready for any one member (a failed tracked check, a missing interface)', () => {
    const specs = [member('a'), member('b'), member('c')];
    const ranked = rankGroup(specs, [
      node('n1', { unready: ['c'] }),
      node('n2'),
      node('n3', { drained: true }),
    ]);
    assert.deepEqual(names(ranked), ['n2']);
  });

  it('leaves out a node that one member does not list', () => {
    const specs = [member('a'), member('b', { nodes: { n2: { priority: 100 } } })];
    assert.deepEqual(names(rankGroup(specs, [node('n1'), node('n2')])), ['n2']);
  });

  it('ranks a node with its lowest priority over the members (a weighted check of any member counts)', () => {
    const specs = [member('a'), member('b', { trackWeighted: [{ check: 'db', weight: -60 }] })];
    const ranked = rankGroup(specs, [
      node('n1', { checks: { db: 'down' } }),
      node('n2', { checks: { db: 'up' } }),
    ]);
    assert.deepEqual(ranked, [
      { name: 'n2', priority: 100 },
      { name: 'n1', priority: 90 },
    ]);
  });

  it('puts the pinned node first while it is eligible for the whole group', () => {
    const specs = [member('a'), member('b')];
    assert.deepEqual(names(rankGroup(specs, [node('n1'), node('n2')], 'n2')), ['n2', 'n1']);
    assert.deepEqual(names(rankGroup(specs, [node('n1'), node('n2', { unready: ['b'] })], 'n2')), ['n1']);
  });

  it('takes the pin of the first member that has one, and the lowest name as the lead', () => {
    const pins: Record<string, string> = { b: 'n2', c: 'n3' };
    assert.equal(
      groupPin([member('a'), member('b'), member('c')], (v) => pins[v]),
      'n2',
    );
    assert.equal(
      groupPin([member('a')], (v) => pins[v]),
      undefined,
    );
    assert.equal(groupLead(['web6', 'web4', 'web4-extra']), 'web4');
    assert.equal(groupLead([]), undefined);
  });
});
