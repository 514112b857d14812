// Unit tests of the safety monitor's arithmetic on literal timelines (no lab, no root).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AddressTimeline, type HeldInterval } from '../lab';
import {
  groupSplits,
  holderSequence,
  pingGaps,
  maxReachableOverlapMs,
  reachableOverlaps,
  reportLine,
  type Span,
  subtractSpans,
} from './monitor';

const iv = (host: string, start: number, end?: number): HeldInterval => ({ host, start, end });
const noCuts = new Map<string, Span[]>();

test('subtractSpans removes the cut parts of a stretch', () => {
  assert.deepEqual(subtractSpans(0, 100, [], 1000), [{ start: 0, end: 100 }]);
  assert.deepEqual(subtractSpans(0, 100, [{ start: 20, end: 30 }], 1000), [
    { start: 0, end: 20 },
    { start: 30, end: 100 },
  ]);
  // Overlapping and unsorted cuts, one open (runs to the horizon).
  assert.deepEqual(
    subtractSpans(
      0,
      100,
      [
        { start: 50, end: undefined },
        { start: 10, end: 25 },
        { start: 20, end: 40 },
      ],
      1000,
    ),
    [
      { start: 0, end: 10 },
      { start: 40, end: 50 },
    ],
  );
  assert.deepEqual(subtractSpans(0, 100, [{ start: -5, end: 200 }], 1000), []);
  assert.deepEqual(subtractSpans(0, 100, [{ start: 200, end: 300 }], 1000), [{ start: 0, end: 100 }]);
});

test('a clean handover has no overlap; a short one is measured', () => {
  assert.deepEqual(reachableOverlaps([iv('n1', 0, 1000), iv('n2', 1000)], noCuts, 5000), []);
  const o = reachableOverlaps([iv('n1', 0, 1040), iv('n2', 1000)], noCuts, 5000);
  assert.deepEqual(o, [{ hosts: ['n1', 'n2'], start: 1000, end: 1040, ms: 40 }]);
});

test('open intervals run to the horizon', () => {
  assert.equal(maxReachableOverlapMs([iv('n1', 0), iv('n2', 4000)], noCuts, 5000), 1000);
});

test('the same host twice is not an overlap', () => {
  assert.equal(maxReachableOverlapMs([iv('n1', 0, 100), iv('n1', 50, 200)], noCuts, 5000), 0);
});

test('a holder whose link is cut does not count while cut', () => {
  // n1 is cut at 1000 and keeps the VIP until its fence at 3250; n2 takes over at 1900.
  const held = [iv('n1', 0, 3250), iv('n2', 1900)];
  const cuts = new Map<string, Span[]>([['n1', [{ start: 1000, end: undefined }]]]);
  assert.equal(maxReachableOverlapMs(held, cuts, 6000), 0);
  // Link restored at 3000 while n1 still held it until 3250: 250 ms of real overlap.
  const restored = new Map<string, Span[]>([['n1', [{ start: 1000, end: 3000 }]]]);
  assert.deepEqual(reachableOverlaps(held, restored, 6000), [
    { hosts: ['n1', 'n2'], start: 3000, end: 3250, ms: 250 },
  ]);
  // Without the cut record the monitor would see 1350 ms.
  assert.equal(maxReachableOverlapMs(held, noCuts, 6000), 1350);
});

test('a cut that splits an overlap yields two pieces; the longest counts', () => {
  const held = [iv('n1', 0, 1000), iv('n2', 0, 1000)];
  const cuts = new Map<string, Span[]>([['n2', [{ start: 300, end: 350 }]]]);
  const o = reachableOverlaps(held, cuts, 2000);
  assert.deepEqual(
    o.map((x) => x.ms),
    [300, 650],
  );
  assert.equal(maxReachableOverlapMs(held, cuts, 2000), 650);
});

test('three hosts: every pair is checked', () => {
  const held = [iv('n1', 0, 500), iv('n2', 400, 900), iv('n3', 450, 460)];
  const o = reachableOverlaps(held, noCuts, 2000);
  assert.deepEqual(
    o.map((x) => [x.hosts.join('+'), x.ms]),
    [
      ['n1+n2', 100],
      ['n1+n3', 10],
      ['n2+n3', 10],
    ],
  );
});

test('holderSequence merges consecutive intervals of one host', () => {
  assert.deepEqual(
    holderSequence([iv('n2', 100, 200), iv('n1', 0, 100), iv('n1', 300), iv('n2', 200, 300)]),
    ['n1', 'n2', 'n1'],
  );
  assert.deepEqual(holderSequence([iv('n1', 0, 10), iv('n1', 20)]), ['n1']);
});

test('reportLine has the format the runner script parses', () => {
  assert.equal(
    reportLine('3 holder cut from peers', 12.4, 0),
    '# 3 holder cut from peers: client outage 12 ms, max overlap 0 ms',
  );
  assert.match(reportLine('x', 1, 2, 'note'), /^# x: client outage 1 ms, max overlap 2 ms \(note\)$/);
});

test('pingGaps finds each run of lost pings', () => {
  const out = [
    '[1000.000000] 64 bytes from 198.51.100.100: icmp_seq=1 ttl=64 time=0.05 ms',
    '[1000.010000] 64 bytes from 198.51.100.100: icmp_seq=2 ttl=64 time=0.05 ms',
    '[1000.030000] no answer yet for icmp_seq=3',
    '[1000.050000] 64 bytes from 198.51.100.100: icmp_seq=5 ttl=64 time=0.05 ms',
    '[1000.060000] 64 bytes from 198.51.100.100: icmp_seq=6 ttl=64 time=0.05 ms',
  ];
  const gaps = pingGaps(out, 10);
  assert.equal(gaps.length, 1);
  assert.equal(gaps[0]!.from, 1_000_010);
  assert.equal(gaps[0]!.to, 1_000_050);
  assert.ok(Math.abs(gaps[0]!.ms - 30) < 1e-6);
});

test('groupSplits: a handover (overlap or gap) is not a split; two nodes each with a member the other lacks is', () => {
  const ips = ['198.51.100.100', '198.51.100.101', '2001:db8::100'];
  const t = new AddressTimeline();
  // n1 has all three from 0; n2 adds all three at 100; n1 drops them at 130 (an overlap)…
  for (const ip of ips) t.add('n1', ip, 0);
  for (const ip of ips) t.add('n2', ip, 100);
  for (const ip of ips) t.remove('n1', ip, 130);
  // …n2 drops them at 200, n1 adds them back at 260 (a gap): still never split.
  for (const ip of ips) t.remove('n2', ip, 200);
  for (const ip of ips) t.add('n1', ip, 260);
  t.close(1000);
  assert.deepEqual(groupSplits(t, ips), []);
  // One member goes to n2 on its own while the others stay on n1: split from 300 to 320.
  t.remove('n1', ips[2]!, 300);
  t.add('n2', ips[2]!, 301);
  t.remove('n1', ips[0]!, 320);
  t.remove('n1', ips[1]!, 320);
  t.add('n2', ips[0]!, 330);
  t.add('n2', ips[1]!, 330);
  const splits = groupSplits(t, ips);
  assert.deepEqual(
    splits.map((s) => s.at),
    [301],
  );
  assert.deepEqual(splits[0]!.held, { n1: ['198.51.100.100', '198.51.100.101'], n2: ['2001:db8::100'] });
});
