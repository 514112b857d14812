// Unit tests of the address record: monitor lines captured from `TZ=UTC ip -ts monitor address`
// (iproute2 6.1), and interval arithmetic on hand-made events.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AddressTimeline, parseMonitorLine } from './address-timeline';

const CAPTURED = `[2026-11-22T22:24:42.100085] 1: lo    inet 198.51.100.7/24 scope global lo
       valid_lft forever preferred_lft forever
[2026-11-22T22:24:42.102355] 1: lo    inet6 2001:db8::7/64 scope global nodad 
       valid_lft forever preferred_lft forever
[2026-11-22T22:24:42.311703] Deleted 1: lo    inet 198.51.100.8/24 scope global secondary deprecated dynamic lo
       valid_lft 1sec preferred_lft 0sec`;

test('parseMonitorLine reads additions and deletions, and skips continuation lines', () => {
  const events = CAPTURED.split('\n').map(parseMonitorLine);
  assert.equal(events.filter((e) => e !== undefined).length, 3);
  assert.deepEqual(events[0], {
    at: Date.UTC(2026, 10, 22, 22, 24, 42) + 100.085,
    deleted: false,
    ifname: 'lo',
    family: 'inet',
    address: '198.51.100.7',
    prefixlen: 24,
  });
  assert.equal(events[1], undefined);
  assert.equal(events[2]?.family, 'inet6');
  assert.equal(events[2]?.address, '2001:db8::7');
  assert.equal(events[4]?.deleted, true);
  assert.equal(events[4]?.address, '198.51.100.8');
});

test('first/last held, holders and overlaps', () => {
  const t = new AddressTimeline();
  t.add('n1', '198.51.100.100/24', 1000);
  t.add('n1', '198.51.100.100', 1005); // repeated add keeps the first start
  t.add('n2', '198.51.100.100', 1900);
  t.remove('n1', '198.51.100.100', 1950);
  t.add('n1', '2001:DB8:0::100', 1000);
  t.remove('n3', '198.51.100.100', 1200); // not held: ignored
  t.close(3000);
  assert.equal(t.firstHeld('n1', '198.51.100.100'), 1000);
  assert.equal(t.lastHeld('n1', '198.51.100.100'), 1950);
  assert.equal(t.lastHeld('n2', '198.51.100.100'), 3000); // still held at the end
  assert.equal(t.firstHeld('n3', '198.51.100.100'), undefined);
  assert.deepEqual(t.holdersAt('198.51.100.100', 1920), ['n1', 'n2']);
  assert.deepEqual(t.overlaps('198.51.100.100'), [{ hosts: ['n1', 'n2'], start: 1900, end: 1950, ms: 50 }]);
  assert.equal(t.maxOverlapMs('198.51.100.100'), 50);
  assert.deepEqual(t.held('n1'), ['2001:db8::100']);
  assert.equal(t.firstHeld('n1', '2001:db8::100/64'), 1000);
});

test('no overlap when one host lets go before the other takes over', () => {
  const t = new AddressTimeline();
  t.add('n1', '198.51.100.100', 0);
  t.remove('n1', '198.51.100.100', 100);
  t.add('n2', '198.51.100.100', 100);
  t.add('n1', '198.51.100.100', 500);
  t.close(600);
  assert.equal(t.maxOverlapMs('198.51.100.100'), 100);
  assert.deepEqual(
    t.intervals('198.51.100.100', 'n1').map((i) => [i.start, i.end]),
    [
      [0, 100],
      [500, undefined],
    ],
  );
});
