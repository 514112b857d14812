import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type NodeInfo, parseVipSpec } from '@vipd/store';
import { nodePriorities, vipPriorities } from './priorities';
import { specFromMsg, specToMsg } from './spec-convert';
import type { Snapshot } from './state';

const spec = parseVipSpec({
  name: 'web',
  address: '198.51.100.100/24',
  interface: 'e0',
  nodes: { n1: { priority: 150 }, n2: { priority: 140 }, n3: { priority: 200 } },
  trackWeighted: [{ check: 'svc', weight: -20 }],
});

function snapshot(nodes: NodeInfo[], drained: string[] = []): Snapshot {
  return {
    revision: '1',
    vips: new Map([
      ['web', { name: 'web', spec, value: '', modRevision: '1', createRevision: '1' }],
      ['other', { name: 'other', value: '{', problem: 'not JSON', modRevision: '1', createRevision: '1' }],
    ]),
    nodes: new Map(nodes.map((info) => [info.name, { info, lease: '1' }])),
    leaders: new Map(),
    drains: new Map(drained.map((n) => [n, { at: '', by: '' }])),
    pins: new Map(),
    services: new Map(),
    serviceHealth: new Map(),
  } as Snapshot;
}

const node = (name: string, svc: string): NodeInfo => ({
  name,
  advertise: `${name}:7400`,
  labels: {},
  drained: false,
  unready: [],
  checks: { svc },
});

describe('effective priorities in the admin API', () => {
  it('a VIP lists each registered node it allows, ranked by effective priority, with the reasons', () => {
    const snap = snapshot([node('n1', 'down'), node('n2', 'up'), node('n3', 'up'), node('n9', 'up')], ['n3']);
    assert.deepEqual(vipPriorities(spec, snap), [
      { node: 'n2', vip: 'web', priority: 140, base_priority: 140, reasons: [], eligible: true },
      {
        node: 'n1',
        vip: 'web',
        priority: 130,
        base_priority: 150,
        reasons: ['svc down: -20'],
        eligible: true,
      },
      { node: 'n3', vip: 'web', priority: 200, base_priority: 200, reasons: [], eligible: false },
    ]);
    assert.deepEqual(
      nodePriorities('n1', snap).map((p) => [p.vip, p.priority]),
      [['web', 130]],
    );
    assert.deepEqual(nodePriorities('n2', snap), [], 'no weight applies on n2');
    assert.deepEqual(nodePriorities('n7', snap), [], 'not registered');
  });

  it('track_weighted crosses the API both ways', () => {
    const msg = specToMsg(spec);
    assert.deepEqual(msg.track_weighted, [{ check: 'svc', weight: -20 }]);
    assert.deepEqual(specFromMsg(msg), spec);
  });
});
