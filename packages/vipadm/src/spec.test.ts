/** `vip set`'s read, change, write back: every field admin.proto has survives a change to another. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { VipSpec__Output } from '@vipd/proto';
import { applyChanges, buildSpec, specInput } from './spec';

const stored: VipSpec__Output = {
  name: 'web',
  address: '198.51.100.100/24',
  interface: 'e0',
  nodes: { n1: { priority: 150, interface: '' } },
  preempt: true,
  preempt_delay_ms: 0,
  announce: {
    count: 3,
    interval_ms: 100,
    refresh_ms: 30000,
    probe_ms: 5000,
    second_burst_delay_ms: 0,
    mode: 'arp',
  },
  track: ['nginx', 'uplink'],
  track_weighted: [{ check: 'svc', weight: -20 }],
  on_etcd_loss: 'failsafe',
  label: '',
  no_prefix_route: false,
  scope: '',
  broadcast: '',
  routes: [],
  rules: [],
  vmac: 0,
  group: '',
};

describe('vip set spec changes', () => {
  it('carries track, on_etcd_loss and announce.probe_ms over unchanged', () => {
    const spec = applyChanges(specInput(stored), { preempt: false });
    assert.deepEqual(spec.track, ['nginx', 'uplink']);
    assert.equal(spec.on_etcd_loss, 'failsafe');
    assert.deepEqual(spec.announce, {
      count: 3,
      interval_ms: 100,
      refresh_ms: 30000,
      probe_ms: 5000,
      second_burst_delay_ms: 0,
      mode: 'arp',
    });
    assert.equal(spec.preempt, false);
  });

  it('--track replaces, --no-track clears, --on-etcd-loss sets; the stored spec is not touched', () => {
    const base = specInput(stored);
    assert.deepEqual(applyChanges(base, { track: ['db'] }).track, ['db']);
    assert.deepEqual(applyChanges(base, { track: [] }).track, []);
    assert.equal(applyChanges(base, { onEtcdLoss: 'fence' }).on_etcd_loss, 'fence');
    assert.deepEqual(stored.track, ['nginx', 'uplink']);
    assert.deepEqual(base.track, ['nginx', 'uplink']);
  });

  it('--announce-probe changes the probe only; other announce options keep the probe', () => {
    const base = specInput(stored);
    assert.deepEqual(
      applyChanges(base, { announce: { probe_ms: 60000, second_burst_delay_ms: 0 } }).announce,
      {
        count: 3,
        interval_ms: 100,
        refresh_ms: 30000,
        probe_ms: 60000,
        second_burst_delay_ms: 0,
        mode: 'arp',
      },
    );
    assert.equal(applyChanges(base, { announce: { count: 5 } }).announce?.probe_ms, 5000);
    // Unset announce (the coordinator's defaults): the README defaults fill the rest.
    const bare = specInput({ ...stored, announce: null });
    assert.deepEqual(
      applyChanges(bare, { announce: { probe_ms: 2000, second_burst_delay_ms: 0 } }).announce,
      {
        count: 3,
        interval_ms: 100,
        refresh_ms: 30000,
        probe_ms: 2000,
        second_burst_delay_ms: 0,
      },
    );
  });

  it('a spec from a coordinator older than the fields is written back with their defaults', () => {
    const old = { ...stored } as Partial<VipSpec__Output>;
    delete old.track;
    delete old.on_etcd_loss;
    const spec = specInput(old as VipSpec__Output);
    assert.deepEqual([spec.track, spec.on_etcd_loss], [[], '']);
  });

  it('vip add sends track and on_etcd_loss only when given', () => {
    const plain = buildSpec('web', { address: '198.51.100.100/24', interface: 'e0' });
    assert.ok(!('track' in plain) && !('on_etcd_loss' in plain));
    const full = buildSpec('web', { track: ['a'], onEtcdLoss: 'failsafe' });
    assert.deepEqual([full.track, full.on_etcd_loss], [['a'], 'failsafe']);
  });
});
