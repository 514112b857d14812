import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isEligible, outranks, rankCandidates, type NodeInfo } from './ranking';
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
});
