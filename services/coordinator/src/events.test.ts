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
    assert.deepEqual(types(put('status/web', {}, '4', '4')), []);
    assert.deepEqual(types(put('vips/a/b', {}, '4', '4')), []);
  });
});
