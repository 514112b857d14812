// Unit tests of the ping output parser, on output captured from iputils 20221126 in the lab
// (`ping -n -D -O -i 0.010 -W 1`): a link cut (IPv4, excerpt), a link cut (IPv6, whole run),
// and an address nobody has (excerpt).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePingLine, pingArgv, pingStats } from './pinger';

function near(actual: number | undefined, expected: number): void {
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 0.001, `${actual} != ${expected}`);
}

// Reply for seq 14 at .455423, next reply seq 33 at .765166: 309.743 ms, 18 lost in between.
const V4_CUT = `PING 198.51.100.11 (198.51.100.11) 56(84) bytes of data.
[1795387168.439241] 64 bytes from 198.51.100.11: icmp_seq=13 ttl=64 time=0.074 ms
[1795387168.455423] 64 bytes from 198.51.100.11: icmp_seq=14 ttl=64 time=0.075 ms
[1795387168.487226] no answer yet for icmp_seq=15
[1795387168.503301] no answer yet for icmp_seq=16
[1795387168.519365] no answer yet for icmp_seq=17
[1795387168.535238] no answer yet for icmp_seq=18
[1795387168.551157] no answer yet for icmp_seq=19
[1795387168.567108] no answer yet for icmp_seq=20
[1795387168.583149] no answer yet for icmp_seq=21
[1795387168.599192] no answer yet for icmp_seq=22
[1795387168.615124] no answer yet for icmp_seq=23
[1795387168.631269] no answer yet for icmp_seq=24
[1795387168.647248] no answer yet for icmp_seq=25
[1795387168.663087] no answer yet for icmp_seq=26
[1795387168.679383] no answer yet for icmp_seq=27
[1795387168.695123] no answer yet for icmp_seq=28
[1795387168.711108] no answer yet for icmp_seq=29
[1795387168.727107] no answer yet for icmp_seq=30
[1795387168.747180] no answer yet for icmp_seq=31
[1795387168.764965] no answer yet for icmp_seq=32
[1795387168.765166] 64 bytes from 198.51.100.11: icmp_seq=33 ttl=64 time=0.086 ms
[1795387168.779336] 64 bytes from 198.51.100.11: icmp_seq=34 ttl=64 time=0.063 ms
[1795387168.795229] 64 bytes from 198.51.100.11: icmp_seq=35 ttl=64 time=0.038 ms

--- 198.51.100.11 ping statistics ---
55 packets transmitted, 37 received, 32.7273% packet loss, time 875ms
rtt min/avg/max/mdev = 0.038/0.092/0.528/0.083 ms`;

const V6_CUT = `PING 2001:db8::12(2001:db8::12) 56 data bytes
[1795387180.957920] 64 bytes from 2001:db8::12: icmp_seq=1 ttl=64 time=0.098 ms
[1795387180.971369] 64 bytes from 2001:db8::12: icmp_seq=2 ttl=64 time=0.067 ms
[1795387180.987184] 64 bytes from 2001:db8::12: icmp_seq=3 ttl=64 time=0.064 ms
[1795387181.003152] 64 bytes from 2001:db8::12: icmp_seq=4 ttl=64 time=0.052 ms
[1795387181.019710] 64 bytes from 2001:db8::12: icmp_seq=5 ttl=64 time=0.063 ms
[1795387181.051093] no answer yet for icmp_seq=6
[1795387181.067117] no answer yet for icmp_seq=7
[1795387181.083113] no answer yet for icmp_seq=8
[1795387181.099139] no answer yet for icmp_seq=9
[1795387181.115151] no answer yet for icmp_seq=10
[1795387181.131114] no answer yet for icmp_seq=11
[1795387181.147097] no answer yet for icmp_seq=12
[1795387181.147227] 64 bytes from 2001:db8::12: icmp_seq=13 ttl=64 time=0.097 ms
[1795387181.163264] 64 bytes from 2001:db8::12: icmp_seq=14 ttl=64 time=0.049 ms
[1795387181.179208] 64 bytes from 2001:db8::12: icmp_seq=15 ttl=64 time=0.071 ms
[1795387181.195200] 64 bytes from 2001:db8::12: icmp_seq=16 ttl=64 time=0.071 ms
[1795387181.211256] 64 bytes from 2001:db8::12: icmp_seq=17 ttl=64 time=0.076 ms

--- 2001:db8::12 ping statistics ---
17 packets transmitted, 10 received, 41.1765% packet loss, time 253ms
rtt min/avg/max/mdev = 0.049/0.070/0.098/0.015 ms`;

const UNREACHABLE = `PING 198.51.100.99 (198.51.100.99) 56(84) bytes of data.
[1795387177.670109] no answer yet for icmp_seq=1
[1795387177.683110] no answer yet for icmp_seq=2
[1795387177.699089] no answer yet for icmp_seq=3
[1795387177.831089] no answer yet for icmp_seq=11
[1795387177.847098] no answer yet for icmp_seq=12
[1795387177.863078] no answer yet for icmp_seq=12
[1795387177.879098] no answer yet for icmp_seq=12
[1795387177.895121] no answer yet for icmp_seq=12
[1795387180.731459] From 198.51.100.50 icmp_seq=10 Destination Host Unreachable
[1795387180.731464] From 198.51.100.50 icmp_seq=11 Destination Host Unreachable
[1795387180.731469] From 198.51.100.50 icmp_seq=12 Destination Host Unreachable

--- 198.51.100.99 ping statistics ---
101 packets transmitted, 0 received, +12 errors, 100% packet loss, time 3286ms
pipe 89`;

test('parsePingLine reads replies, IPv6 sources, no-answer, errors and the summary', () => {
  const reply = parsePingLine(
    '[1795387181.147227] 64 bytes from 2001:db8::12: icmp_seq=13 ttl=64 time=0.097 ms',
  );
  assert.ok(reply?.kind === 'reply');
  assert.deepEqual({ ...reply, at: 0 }, { kind: 'reply', at: 0, seq: 13, from: '2001:db8::12', dup: false });
  near(reply.at, 1795387181147.227);
  const missing = parsePingLine('[1795387168.487226] no answer yet for icmp_seq=15');
  assert.ok(missing?.kind === 'no-answer');
  assert.equal(missing.seq, 15);
  near(missing.at, 1795387168487.226);
  const err = parsePingLine('[1795387180.731367] From 198.51.100.50 icmp_seq=1 Destination Host Unreachable');
  assert.equal(err?.kind, 'error');
  assert.deepEqual(parsePingLine('17 packets transmitted, 10 received, 41.1765% packet loss, time 253ms'), {
    kind: 'summary',
    transmitted: 17,
    received: 10,
  });
  assert.equal(parsePingLine('PING 2001:db8::12(2001:db8::12) 56 data bytes'), undefined);
  assert.equal(parsePingLine(''), undefined);
});

test('an IPv4 link cut: the outage is the gap between answers minus the interval', () => {
  const s = pingStats(V4_CUT, 10);
  assert.equal(s.sent, 55); // from the summary
  assert.equal(s.received, 5); // the excerpt: 2 answers before the cut, 3 after
  assert.equal(s.duplicates, 0);
  near(s.firstReplyAt, 1795387168439.241);
  assert.equal(s.maxGapMs, 309.743);
  assert.equal(s.outageMs, 299.743);
  assert.equal(s.unansweredAtEnd, 0);
});

test('an IPv6 link cut, whole run', () => {
  const s = pingStats(V6_CUT, 10);
  assert.equal(s.sent, 17);
  assert.equal(s.received, 10);
  near(s.firstReplyAt, 1795387180957.92);
  near(s.lastReplyAt, 1795387181211.256);
  assert.equal(s.maxGapMs, 127.517);
  assert.equal(s.outageMs, 117.517);
});

test('no answers at all: no gaps, everything unanswered', () => {
  const s = pingStats(UNREACHABLE, 10);
  assert.equal(s.sent, 101);
  assert.equal(s.received, 0);
  assert.equal(s.firstReplyAt, undefined);
  assert.equal(s.outageMs, 0);
  assert.equal(s.unansweredAtEnd, 101);
});

test('jitter without loss is not an outage; duplicates are counted; output without summary', () => {
  // Constructed lines in the captured format (a DUP needs two hosts answering one request).
  const lines = [
    '[100.000000] 64 bytes from 198.51.100.100: icmp_seq=1 ttl=64 time=0.05 ms',
    '[100.040000] 64 bytes from 198.51.100.100: icmp_seq=2 ttl=64 time=0.05 ms',
    '[100.040100] 64 bytes from 198.51.100.100: icmp_seq=2 ttl=64 time=0.06 ms (DUP!)',
    '[100.050000] 64 bytes from 198.51.100.100: icmp_seq=3 ttl=64 time=0.05 ms',
    '[100.066000] no answer yet for icmp_seq=4',
  ];
  const s = pingStats(lines, 10);
  assert.equal(s.sent, 4);
  assert.equal(s.received, 3);
  assert.equal(s.duplicates, 1);
  assert.equal(s.maxGapMs, 40);
  assert.equal(s.outageMs, 0);
  assert.equal(s.unansweredAtEnd, 1);
});

test('pingArgv picks the family from the target', () => {
  assert.deepEqual(pingArgv('2001:db8::100', 10), [
    'ping',
    '-6',
    '-n',
    '-D',
    '-O',
    '-i',
    '0.010',
    '-W',
    '1',
    '2001:db8::100',
  ]);
  assert.equal(pingArgv('198.51.100.100', 10)[1], '-4');
});
