import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConntrackCache } from './conntrack-cache';

const LINE =
  'ipv4     2 tcp      6 117 ESTABLISHED src=198.51.100.50 dst=198.51.100.100 sport=40000 dport=80 src=203.0.113.11 dst=198.51.100.11 sport=8080 dport=40000 [ASSURED] mark=0 zone=0 use=2';
const WEB = { vip: '198.51.100.100', protocol: 'tcp', port: 80 };

describe('ConntrackCache', () => {
  it('reads and parses the table once per max age, however often it is asked', () => {
    let now = 0;
    let reads = 0;
    let table = LINE;
    const cache = new ConntrackCache(
      5000,
      () => now,
      () => {
        reads++;
        return table;
      },
    );
    for (let i = 0; i < 50; i++) assert.equal(cache.get()?.of(WEB).get('203.0.113.11:8080'), 1);
    assert.equal(reads, 1, 'a burst of reports and scrapes reads the table once');
    table = `${LINE}\n${LINE.replace('40000', '40001')}`;
    now = 4999;
    assert.equal(cache.get()?.of(WEB).get('203.0.113.11:8080'), 1, 'still the first read');
    now = 5000;
    assert.equal(cache.get()?.of(WEB).get('203.0.113.11:8080'), 2, 'read again once old');
    assert.equal(reads, 2);
    table = '';
    now = 10_000;
    assert.equal(cache.get(), undefined, 'no table shown: no counts');
  });
});
