import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConnectionCounts, parseConntrackLine } from './conntrack';

const TEXT = [
  'ipv4     2 tcp      6 431999 ESTABLISHED src=198.51.100.50 dst=198.51.100.100 sport=40000 dport=80 src=203.0.113.10 dst=198.51.100.50 sport=8080 dport=40000 [ASSURED] mark=0 zone=0 use=2',
  'ipv4     2 tcp      6 431999 ESTABLISHED src=198.51.100.51 dst=198.51.100.100 sport=40001 dport=80 src=203.0.113.10 dst=198.51.100.11 sport=8080 dport=40001 [ASSURED] mark=0 zone=0 use=2',
  'ipv4     2 tcp      6 117 TIME_WAIT src=198.51.100.50 dst=198.51.100.100 sport=40002 dport=80 src=203.0.113.11 dst=198.51.100.50 sport=8080 dport=40002 [ASSURED] mark=0 zone=0 use=2',
  'ipv4     2 tcp      6 431999 ESTABLISHED src=198.51.100.50 dst=198.51.100.100 sport=40003 dport=443 src=203.0.113.11 dst=198.51.100.50 sport=8443 dport=40003 [ASSURED] mark=0 zone=0 use=2',
  'ipv4     2 udp      17 29 src=198.51.100.50 dst=198.51.100.100 sport=5353 dport=53 src=203.0.113.12 dst=198.51.100.50 sport=53 dport=5353 mark=0 zone=0 use=2',
  'ipv6     10 tcp      6 431999 ESTABLISHED src=2001:db8::50 dst=2001:db8:0::100 sport=40000 dport=80 src=2001:db8::10 dst=2001:db8::50 sport=80 dport=40000 [ASSURED] mark=0 zone=0 use=2',
  'garbage',
].join('\n');

describe('connections per backend from conntrack', () => {
  it('parses an entry: original destination, reply source, TCP state', () => {
    assert.deepEqual(parseConntrackLine(TEXT.split('\n')[0]!), {
      protocol: 'tcp',
      state: 'ESTABLISHED',
      origDst: '198.51.100.100',
      origDport: 80,
      replySrc: '203.0.113.10',
      replySport: 8080,
    });
    assert.equal(parseConntrackLine('garbage'), undefined);
  });

  it('counts established connections of one service by backend', () => {
    assert.deepEqual(
      [...new ConnectionCounts(TEXT).of({ vip: '198.51.100.100', protocol: 'tcp', port: 80 })],
      [['203.0.113.10:8080', 2]],
      'TIME_WAIT and other ports are not counted',
    );
    assert.deepEqual(
      [...new ConnectionCounts(TEXT).of({ vip: '198.51.100.100', protocol: 'udp', port: 53 })],
      [['203.0.113.12:53', 1]],
    );
    assert.deepEqual(
      [...new ConnectionCounts(TEXT).of({ vip: '2001:db8::100', protocol: 'tcp', port: 80 })],
      [['[2001:db8::10]:80', 1]],
    );
  });

  it('keeps each service apart in one parse: another port or VIP counts nothing', () => {
    const counts = new ConnectionCounts(TEXT);
    assert.deepEqual(
      [...counts.of({ vip: '198.51.100.100', protocol: 'tcp', port: 443 })],
      [['203.0.113.11:8443', 1]],
    );
    assert.equal(counts.of({ vip: '198.51.100.101', protocol: 'tcp', port: 80 }).size, 0);
  });

  it('costs one pass over the table, not one per service (a busy director, 200 services)', () => {
    // 20000 entries, as a few minutes of short connections leave in TIME_WAIT. One pass takes
    // ~0.1 s here; a pass per service took ~9 s, blocking vipd's heartbeats.
    const lines: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      lines.push(
        `ipv4     2 tcp      6 117 ${i % 10 === 0 ? 'ESTABLISHED' : 'TIME_WAIT'} src=198.51.100.50 dst=198.51.100.100 sport=${20_000 + i} dport=${1000 + (i % 200)} src=203.0.113.11 dst=198.51.100.11 sport=8080 dport=${20_000 + i} [ASSURED] mark=0 zone=0 use=2`,
      );
    }
    const text = lines.join('\n');
    const t0 = performance.now();
    const counts = new ConnectionCounts(text);
    let total = 0;
    for (let port = 1000; port < 1200; port++) {
      total += counts.of({ vip: '198.51.100.100', protocol: 'tcp', port }).get('203.0.113.11:8080') ?? 0;
    }
    const ms = performance.now() - t0;
    assert.equal(total, 2000);
    assert.ok(ms < 2000, `200 services over 20000 entries took ${Math.round(ms)} ms`);
  });
});
