import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Keys } from '@vipd/store';
import { eventsFor, type KeyChange } from './events';

const keys = new Keys('c');
const put = (key: string, value: unknown, create: string, mod: string, prev?: unknown): KeyChange => ({
  kind: 'put',
  key: `/vipd/c/${key}`,
  value: JSON.stringify(value),
  createRevision: create,
  modRevision: mod,
  prev: prev === undefined ? undefined : { value: JSON.stringify(prev), createRevision: create },
});
const del = (key: string, prev?: unknown, create = '5'): KeyChange => ({
  kind: 'delete',
  key: `/vipd/c/${key}`,
  value: '',
  createRevision: '0',
  modRevision: '9',
  prev: prev === undefined ? undefined : { value: JSON.stringify(prev), createRevision: create },
});
const types = (c: KeyChange): string[] =>
  eventsFor(keys, c).map((e) => `${e.type} ${e.vip}/${e.node} ${e.detail}`.trim());

describe('eventsFor', () => {
  it('maps services/ to service_created/updated/deleted, naming the service and its VIP', () => {
    const spec = { name: 'web', vip: 'front', port: 80, backends: [] };
    const [c] = eventsFor(keys, put('services/web', spec, '7', '7'));
    assert.deepEqual([c?.type, c?.service, c?.vip], ['service_created', 'web', 'front']);
    const [u] = eventsFor(keys, put('services/web', spec, '7', '8', spec));
    assert.equal(u?.type, 'service_updated');
    const [d] = eventsFor(keys, del('services/web', spec));
    assert.deepEqual([d?.type, d?.service], ['service_deleted', 'web']);
  });

  it("maps a director's health report to backend_up/backend_down, only for backends that changed", () => {
    const before = {
      node: 'n1',
      serving: 'backends',
      backends: { '203.0.113.10:80': { health: 'up' }, '203.0.113.11:80': { health: 'up' } },
    };
    const after = {
      ...before,
      backends: { ...before.backends, '203.0.113.11:80': { health: 'down', detail: 'connect ECONNREFUSED' } },
    };
    const events = eventsFor(keys, put('service-health/web', after, '7', '9', before));
    assert.deepEqual(
      events.map((e) => [e.type, e.service, e.backend, e.node, e.detail]),
      [['backend_down', 'web', '203.0.113.11:80', 'n1', 'connect ECONNREFUSED']],
    );
    const fresh = eventsFor(keys, put('service-health/web', before, '10', '10'));
    assert.deepEqual(
      fresh.map((e) => e.type),
      ['backend_up', 'backend_up'],
      'a new director reports every backend',
    );
  });

  it('maps leader keys to acquired/released with the fencing revision', () => {
    const [acq] = eventsFor(keys, put('leaders/web', { node: 'n1' }, '7', '7'));
    assert.deepEqual([acq?.type, acq?.vip, acq?.node, acq?.fencing_revision], ['acquired', 'web', 'n1', '7']);
    const [rel] = eventsFor(keys, del('leaders/web', { node: 'n1' }, '7'));
    assert.deepEqual([rel?.type, rel?.node, rel?.fencing_revision], ['released', 'n1', '7']);
  });

  it('reports a fast takeover marker once as fenced (the silent holder), with the revision', () => {
    const marked = put('leaders/web', { node: 'n1', takeover: { by: 'n2' } }, '7', '12', { node: 'n1' });
    const [f] = eventsFor(keys, marked);
    assert.deepEqual(
      [f?.type, f?.vip, f?.node, f?.fencing_revision, f?.detail],
      ['fenced', 'web', 'n1', '7', 'silent holder taken over by n2'],
    );
    const again = put('leaders/web', { node: 'n1', takeover: { by: 'n3' } }, '7', '13', {
      node: 'n1',
      takeover: { by: 'n2' },
    });
    assert.deepEqual(eventsFor(keys, again), []);
    assert.deepEqual(eventsFor(keys, put('leaders/web', { node: 'n1' }, '7', '14', { node: 'n1' })), []);
  });

  it('tells spec creation from update', () => {
    assert.deepEqual(types(put('vips/web', {}, '3', '3')), ['spec_created web/ revision 3']);
    assert.deepEqual(types(put('vips/web', {}, '3', '8', {})), ['spec_updated web/ revision 8']);
    assert.deepEqual(types(del('vips/web')), ['spec_deleted web/']);
  });

  it('reports one health_changed per VIP whose readiness changed on a node', () => {
    const before = { advertise: 'a:1', unready: ['a', 'b'] };
    const after = { advertise: 'a:1', unready: ['b', 'c'] };
    assert.deepEqual(types(put('nodes/n1', after, '2', '9', before)), [
      'health_changed a/n1 ready',
      'health_changed c/n1 unready',
    ]);
    assert.deepEqual(types(put('nodes/n1', after, '2', '10', after)), []);
    assert.deepEqual(types(put('nodes/n1', after, '10', '10')), ['node_joined /n1 a:1']);
    assert.deepEqual(types(del('nodes/n1', after)), ['node_left /n1']);
  });

  it('maps drain and pin keys; ignores keys outside the watched prefixes', () => {
    assert.deepEqual(types(put('drain/n1', { by: 'ann' }, '4', '4')), ['node_drained /n1 by ann']);
    assert.deepEqual(types(del('drain/n1')), ['node_undrained /n1']);
    assert.deepEqual(types(put('pins/web', { node: 'n2', by: 'bo' }, '4', '4')), ['pinned web/n2 by bo']);
    assert.deepEqual(types(del('pins/web', { node: 'n2' })), ['unpinned web/n2']);
    assert.deepEqual(types(put('pools/public', { addresses: [] }, '4', '4')), ['pool_created / pool public']);
    assert.deepEqual(types(del('pools/public')), ['pool_deleted / pool public']);
    assert.deepEqual(types(put('status/web', {}, '4', '4')), []);
    assert.deepEqual(types(put('vips/a/b', {}, '4', '4')), []);
  });
});
