/**
 * vip-coordinator's Prometheus metrics (docs/metrics.md): admin API calls by method and status
 * code, unary latency, refused credentials, open WatchEvents streams, and etcd's health as one
 * quorum read per scrape. Labels are bounded: method names come from the service definition,
 * codes from grpc's status enum.
 */
import * as grpc from '@grpc/grpc-js';
import type { Logger } from '@vipd/log';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** What the service reports (Context.metrics); every method only counts. */
export interface ApiMetrics {
  /** A call ended (a stream: when it closed); `seconds` is left out for streams. */
  call(method: string, code: grpc.status, seconds?: number): void;
  /** The caller's credentials were refused (UNAUTHENTICATED) or its role too weak (PERMISSION_DENIED). */
  refused(method: string, code: grpc.status): void;
  /** A WatchEvents stream is open; call the result once when it ends. */
  watchOpened(): () => void;
}

export interface CoordinatorMetricsOptions {
  version: string;
  /** One quorum read of etcd; rejects when etcd cannot answer (bounded by its own deadline). */
  etcdProbe: () => Promise<void>;
  defaultMetrics?: boolean;
}

export class CoordinatorMetrics implements ApiMetrics {
  readonly registry = new Registry();
  private readonly calls: Counter<'method' | 'code'>;
  private readonly latency: Histogram<'method'>;
  private readonly refusals: Counter<'method' | 'code'>;
  private readonly watches: Gauge;

  constructor(
    private readonly log: Logger,
    opts: CoordinatorMetricsOptions,
  ) {
    const registers = [this.registry];
    if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'vipd_coordinator_build_info',
      help: 'Always 1; the version label says which vip-coordinator runs',
      labelNames: ['version'],
      registers,
    }).set({ version: opts.version }, 1);
    this.calls = new Counter({
      name: 'vipd_coordinator_api_calls_total',
      help: 'Admin API calls by method and gRPC status code (WatchEvents when its stream ends)',
      labelNames: ['method', 'code'],
      registers,
    });
    this.latency = new Histogram({
      name: 'vipd_coordinator_api_call_seconds',
      help: 'How long a unary admin API call took, refused ones included',
      labelNames: ['method'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.refusals = new Counter({
      name: 'vipd_coordinator_authz_refusals_total',
      help: 'Calls refused for their credentials (UNAUTHENTICATED) or role (PERMISSION_DENIED)',
      labelNames: ['method', 'code'],
      registers,
    });
    this.watches = new Gauge({
      name: 'vipd_coordinator_watch_streams',
      help: 'WatchEvents streams open now',
      registers,
    });
    const probeSeconds = new Gauge({
      name: 'vipd_coordinator_etcd_probe_seconds',
      help: 'How long the last etcd health read took (at each scrape)',
      registers,
    });
    const healthy: Gauge = new Gauge({
      name: 'vipd_coordinator_etcd_healthy',
      help: '1 when a quorum read of etcd succeeded at this scrape, else 0',
      registers,
      collect: async () => {
        const t0 = performance.now();
        const ok = await opts.etcdProbe().then(
          () => true,
          (err: unknown) => {
            this.log.debug(
              { err: err instanceof Error ? err.message : String(err) },
              'etcd health probe failed',
            );
            return false;
          },
        );
        healthy.set(ok ? 1 : 0);
        probeSeconds.set((performance.now() - t0) / 1000);
      },
    });
  }

  call(method: string, code: grpc.status, seconds?: number): void {
    this.calls.inc({ method, code: codeName(code) });
    if (seconds !== undefined) this.latency.observe({ method }, seconds);
  }

  refused(method: string, code: grpc.status): void {
    this.refusals.inc({ method, code: codeName(code) });
  }

  watchOpened(): () => void {
    this.watches.inc();
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      this.watches.dec();
    };
  }

  /** The text exposition format, for the /metrics endpoint. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** `OK`, `PERMISSION_DENIED`, …; a code grpc does not know is `UNKNOWN`. */
function codeName(code: grpc.status): string {
  const name = grpc.status[code] as string | undefined;
  return name ?? 'UNKNOWN';
}
