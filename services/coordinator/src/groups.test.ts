import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseVipSpec } from '@vipd/store';
import { groupMembers, heldBy, leaderKeyVip } from './groups';
import { specFromMsg, specToMsg } from './spec-convert';
import type { Snapshot } from './state';

const spec = (name: string, address: string, group?: string) =>
  parseVipSpec({ name, address, interface: 'e0', ...(group !== undefined && { group }) });

function snapshot(...specs: ReturnType<typeof spec>[]): Snapshot {
  return {
    revision: '9',
    vips: new Map(specs.map((s) => [s.name, { name: s.name, spec: s, modRevision: '5' }])),
    nodes: new Map(),
    leaders: new Map(),
    drains: new Map(),
    pins: new Map(),
    services: new Map(),
    serviceHealth: new Map(),
    pools: new Map(),
  } as unknown as Snapshot; // only vips is read here
}

describe('VIP groups in the admin API', () => {
  it('a member is held where its group lead (lowest name) is; a VIP in no group by its own key', () => {
    const web6 = spec('web6', '2001:db8::10/64', 'pair');
    const web4 = spec('web4', '198.51.100.10/24', 'pair');
    const api = spec('api', '198.51.100.11/24');
    const snap = snapshot(web6, web4, api);
    assert.equal(leaderKeyVip(web6, snap), 'web4');
    assert.equal(leaderKeyVip(web4, snap), 'web4');
    assert.equal(leaderKeyVip(api, snap), 'api');
    assert.deepEqual(
      groupMembers(web6, snap).map((s) => s.name),
      ['web4', 'web6'],
    );
    assert.deepEqual(
      groupMembers(api, snap).map((s) => s.name),
      ['api'],
    );
    // node list: the lead's key holds the whole group; a follower's stray key only itself.
    assert.deepEqual(heldBy('web4', snap), ['web4', 'web6']);
    assert.deepEqual(heldBy('web6', snap), ['web6']);
    assert.deepEqual(heldBy('api', snap), ['api']);
  });

  it('the group goes through admin.proto both ways; empty is none', () => {
    const grouped = spec('web4', '198.51.100.10/24', 'pair');
    assert.equal(specToMsg(grouped).group, 'pair');
    assert.deepEqual(specFromMsg(specToMsg(grouped)), grouped);
    const alone = spec('api', '198.51.100.11/24');
    assert.equal(specToMsg(alone).group, '');
    assert.equal('group' in specFromMsg(specToMsg(alone)), false);
  });
});
