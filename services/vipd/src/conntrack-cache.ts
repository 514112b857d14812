/**
 * The director's connection counts, read from this namespace's conntrack table at most once per
 * `maxAgeMs`, for the service-health report and the metrics' scrape alike. Reading and parsing the
 * table is synchronous work on the event loop that grows with its entries: a burst of check
 * flips or a scrape must not parse it again each time.
 */
import { readFileSync } from 'node:fs';
import { ConnectionCounts } from '@vipd/lb';

const CONNTRACK = '/proc/net/nf_conntrack';

/** This namespace's conntrack table as text ('' when the kernel does not show it). */
function readConntrack(): string {
  try {
    return readFileSync(CONNTRACK, 'utf8');
  } catch {
    return '';
  }
}

export class ConntrackCache {
  private counts: ConnectionCounts | undefined;
  private readAt = -Infinity;

  constructor(
    private readonly maxAgeMs: number,
    private readonly now: () => number = () => performance.now(),
    private readonly read: () => string = readConntrack,
  ) {}

  /** The counts, read again only when older than maxAgeMs; undefined when the table is not shown. */
  get(): ConnectionCounts | undefined {
    const now = this.now();
    if (now - this.readAt >= this.maxAgeMs) {
      const text = this.read();
      this.counts = text === '' ? undefined : new ConnectionCounts(text);
      this.readAt = now;
    }
    return this.counts;
  }
}
