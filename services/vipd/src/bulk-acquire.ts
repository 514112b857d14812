/**
 * Acquisitions gathered into bulk transactions (@vipd/store acquireLeadershipMany): controllers
 * that decide to take a vacant VIP while one bulk is on its way (a takeover, a cold start) share
 * the next one, up to etcd's op limit per transaction, instead of one round trip each. When
 * nothing is in flight a request goes at once (next turn): one VIP's failover waits for nobody.
 * Each caller gets its own VIP's outcome, as acquireLeadership would give it.
 */
import { acquireLeadershipMany, type AcquireResult, type EtcdClient, type Keys } from '@vipd/store';

interface Waiter {
  vip: string;
  resolve: (r: AcquireResult) => void;
  reject: (err: unknown) => void;
}

export interface BulkAcquirerOptions {
  client: EtcdClient;
  keys: Keys;
  self: string;
  callTimeoutMs: number;
  /** etcd's --max-txn-ops (docs/etcd.md); keys per transaction follow from it. */
  maxTxnOps?: number;
  /** Bulks in flight at once; requests made meanwhile wait for the next. */
  inFlight?: number;
}

export class BulkAcquirer {
  /** Requests not sent yet, per lease (a renewal that replaced the session splits them). */
  private readonly queued = new Map<string, Waiter[]>();
  private running = 0;
  private scheduled = false;
  /** Bulks sent and VIPs in them, for logs and tests. */
  bulks = 0;
  sent = 0;

  constructor(private readonly o: BulkAcquirerOptions) {}

  /** Creates `vip`'s leader key under `leaseId` if it is absent and its spec exists. */
  acquire(vip: string, leaseId: string): Promise<AcquireResult> {
    return new Promise((resolve, reject) => {
      const list = this.queued.get(leaseId) ?? [];
      list.push({ vip, resolve, reject });
      this.queued.set(leaseId, list);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running >= (this.o.inFlight ?? 2) || this.queued.size === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.next();
    });
  }

  private next(): void {
    const first = this.queued.entries().next();
    if (first.done) return;
    const [leaseId, waiters] = first.value;
    this.queued.delete(leaseId);
    this.running++;
    this.bulks++;
    this.sent += waiters.length;
    void this.run(leaseId, waiters).finally(() => {
      this.running--;
      this.schedule();
    });
    this.schedule();
  }

  private async run(leaseId: string, waiters: Waiter[]): Promise<void> {
    try {
      const results = await acquireLeadershipMany(
        this.o.client,
        this.o.keys,
        waiters.map((w) => w.vip),
        this.o.self,
        leaseId,
        { callTimeoutMs: this.o.callTimeoutMs, maxTxnOps: this.o.maxTxnOps },
      );
      const byVip = new Map(results.map((r) => [r.vip, r]));
      for (const w of waiters) {
        const r = byVip.get(w.vip);
        if (!r) w.reject(new Error(`bulk acquire gave no answer for ${w.vip}`));
        else if (r.status === 'acquired') w.resolve({ acquired: true, revision: r.revision });
        else if (r.status === 'unknown') w.reject(r.error);
        else w.resolve({ acquired: false });
      }
    } catch (err) {
      for (const w of waiters) w.reject(err);
    }
  }
}
