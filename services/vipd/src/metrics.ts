/**
 * vipd's Prometheus metrics (docs/metrics.md). One prom-client registry, fed by the events of
 * the daemon's parts (transitions, heartbeats, lease renewals, checks, hooks, announcements)
 * and read from them on each scrape. Nothing here is on the path of a decision: a handler only
 * counts, a scrape only reads what is already in memory, and a failing handler is logged and
 * swallowed, never thrown back into the code that emitted.
 */
import type { CheckRunner } from '@vipd/checks';
import type { Clock, Logger } from '@vipd/log';
import { type MirrorEntry, type NodeSession, parseLeader, type PrefixMirror } from '@vipd/store';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { HookRunner, VipTransition } from './hooks';
import type { Kernel } from './kernel';
import type { Peers } from './peers';
import type { BackendRow, ServiceMetricsSink } from './virtual-services';

/** What the metrics read from the daemon on a scrape and listen to (Daemon builds it). */
export interface DaemonParts {
  self: string;
  clock: Clock;
  /** VIP name → fencing revision, for the VIPs whose address is up here. */
  held(): Record<string, string>;
  /** Every VIP with a valid spec. */
  vips(): Iterable<string>;
  session(): NodeSession | undefined;
  peers: Peers;
  checks: CheckRunner;
  hooks: HookRunner;
  leaders: PrefixMirror;
}

const FAILOVER_BUCKETS = [0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30];
const RTT_BUCKETS = [0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];
const ETCD_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
/** A peer that left the cluster keeps its heartbeat series this long (scrapes still see its end). */
export const PEER_FORGET_MS = 10 * 60_000;
const HOOK_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60];

export class VipdMetrics {
  readonly registry = new Registry();
  private parts: DaemonParts | undefined;
  private ready = false;
  private failing = false;
  /** Per VIP: when (our clock) its leader key was first seen vacant or taken over. */
  private readonly vacantSince = new Map<string, number>();
  /** Peers that left the member set, and when (their series go PEER_FORGET_MS later). */
  private readonly gone = new Map<string, number>();

  private readonly transitions = this.counter(
    'vipd_vip_transitions_total',
    'Times a VIP went up (master) or down (backup, fault) on this node',
    ['vip', 'state', 'reason_class'],
  );
  private readonly failover = new Histogram({
    name: 'vipd_failover_seconds',
    help: 'From this node seeing a VIP vacant (leader key gone or taken over) to the address up here',
    buckets: FAILOVER_BUCKETS,
    registers: [this.registry],
  });
  private readonly rtt = new Histogram({
    name: 'vipd_heartbeat_rtt_seconds',
    help: 'Heartbeat round trip to a peer (network out and back; the peer’s hold time taken out)',
    labelNames: ['peer'],
    buckets: RTT_BUCKETS,
    registers: [this.registry],
  });
  private readonly missed = this.counter(
    'vipd_heartbeat_missed_total',
    'Beats a peer sent that reached this node on no stream',
    ['peer'],
  );
  private readonly rejectedBeats = this.counter(
    'vipd_heartbeat_rejected_total',
    'Beats not counted because they did not verify, and inbound streams refused for claiming a node they cannot be',
    ['reason'],
  );
  private readonly suspects = this.counter(
    'vipd_heartbeat_suspect_total',
    'Times a peer became suspect (silent past the threshold)',
    ['peer'],
  );
  private readonly keepalive = this.histogram(
    'vipd_lease_keepalive_seconds',
    'One lease keepalive round trip to etcd',
    ETCD_BUCKETS,
  );
  private readonly renewal = this.histogram(
    'vipd_lease_renewal_seconds',
    'One lease renewal: keepalive plus the linearizable read that confirms it',
    ETCD_BUCKETS,
  );
  private readonly renewals = this.counter(
    'vipd_lease_renewals_total',
    'Lease renewals by result (ok, failed)',
    ['result'],
  );
  private readonly fenced = this.counter(
    'vipd_fenced_total',
    'Times the lease deadline passed without a renewal: every VIP dropped',
    [],
  );
  private readonly leaseLost = this.counter(
    'vipd_lease_lost_total',
    'Times etcd said the node lease was gone',
    [],
  );
  private readonly announcements = this.counter(
    'vipd_announcements_total',
    'Gratuitous ARP (garp) and unsolicited NA (na) frames sent',
    ['kind'],
  );
  private readonly announceFailures = this.counter(
    'vipd_announce_failures_total',
    'Announcement series that could not send a single frame',
    ['kind'],
  );
  private readonly probes = this.counter(
    'vipd_duplicate_owner_probes_total',
    'Duplicate-owner probes by result (clean, duplicate, error)',
    ['result'],
  );
  private readonly checkRuns = this.counter(
    'vipd_check_runs_total',
    'Health check probes by result (ok, fail, timeout)',
    ['check', 'result'],
  );
  private readonly hookRuns = this.counter(
    'vipd_hook_runs_total',
    'Hook attempts by state and result (ok, failed, timeout)',
    ['state', 'result'],
  );
  private readonly hookSeconds = new Histogram({
    name: 'vipd_hook_duration_seconds',
    help: 'How long a hook attempt ran',
    labelNames: ['state'],
    buckets: HOOK_BUCKETS,
    registers: [this.registry],
  });

  constructor(
    private readonly log: Logger,
    opts: { version: string; defaultMetrics?: boolean },
  ) {
    if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });
    this.gauge('vipd_build_info', 'Always 1; the version label says which vipd runs', ['version']).set(
      { version: opts.version },
      1,
    );
    this.gauge('vipd_ready', 'Whether the node reports SERVING (1) or NOT_SERVING (0)', [], (g) =>
      g.set(this.ready ? 1 : 0),
    );
    this.gauge(
      'vipd_etcd_connected',
      'Whether the last lease renewal succeeded within its deadline',
      [],
      (g) => g.set(this.parts?.session()?.renewOk ? 1 : 0),
    );
    this.gauge('vipd_vips_configured', 'VIPs with a valid spec in etcd', [], (g) =>
      g.set(this.parts ? [...this.parts.vips()].length : 0),
    );
    this.gauge('vipd_vips_held', 'VIPs whose address is up on this node', [], (g) =>
      g.set(this.parts ? Object.keys(this.parts.held()).length : 0),
    );
    this.gauge('vipd_vip_held', 'Per VIP: 1 while its address is up on this node, else 0', ['vip'], (g) => {
      g.reset();
      if (!this.parts) return;
      const held = this.parts.held();
      for (const vip of this.parts.vips()) g.set({ vip }, vip in held ? 1 : 0);
    });
    this.gauge(
      'vipd_heartbeat_peer_up',
      'Per peer: 1 while heard from (not suspect), else 0',
      ['peer'],
      (g) => {
        g.reset();
        for (const peer of this.parts?.peers.memberNames() ?? []) {
          const s = this.parts?.peers.state(peer);
          g.set({ peer }, s && s.lastBeatAt !== undefined && !s.suspect ? 1 : 0);
        }
      },
    );
    this.gauge(
      'vipd_heartbeat_last_seen_seconds',
      'Per peer: seconds since its last beat (absent: never heard)',
      ['peer'],
      (g) => {
        g.reset();
        for (const peer of this.parts?.peers.memberNames() ?? []) {
          const ago = this.parts?.peers.state(peer)?.lastSeenMsAgo;
          if (ago !== undefined) g.set({ peer }, ago / 1000);
        }
      },
    );
    this.gauge(
      'vipd_check_up',
      'Per health check: 1 while up, 0 while down or not yet known',
      ['check'],
      (g) => {
        g.reset();
        for (const [check, state] of Object.entries(this.parts?.checks.states() ?? {})) {
          g.set({ check }, state === 'up' ? 1 : 0);
        }
      },
    );
  }

  private services: (() => BackendRow[]) | undefined;
  private readonly backendUp = this.gauge(
    'vipd_service_backend_up',
    'A virtual service backend’s check verdict on this node: 1 up, 0 down or not yet known',
    ['service', 'backend'],
    (g) => this.eachBackend(g, (b) => (b.health === 'up' ? 1 : 0)),
  );
  private readonly backendServing = this.gauge(
    'vipd_service_backend_serving',
    'A virtual service backend taking new connections through this node (it directs the service)',
    ['service', 'backend'],
    (g) => this.eachBackend(g, (b) => (b.serving ? 1 : 0)),
  );
  private readonly backendWeight = this.gauge(
    'vipd_service_backend_weight',
    'A virtual service backend’s weight in its spec (0: drained)',
    ['service', 'backend'],
    (g) => this.eachBackend(g, (b) => b.weight),
  );
  private readonly backendConnections = this.gauge(
    'vipd_service_backend_connections',
    'Established connections through this node to a NAT virtual service backend (conntrack); absent for DR',
    ['service', 'backend'],
    (g) => this.eachBackend(g, (b) => b.connections),
  );
  private readonly backendChecks = this.counter(
    'vipd_service_backend_checks_total',
    'Health checks of virtual service backends run on this node',
    ['service', 'result'],
  );
  private readonly backendCheckSeconds = new Histogram({
    name: 'vipd_service_backend_check_seconds',
    help: 'How long a virtual service backend’s health check took',
    labelNames: ['service'],
    buckets: ETCD_BUCKETS,
    registers: [this.registry],
  });
  private readonly ruleApplies = this.counter(
    'vipd_service_rules_applies_total',
    'nft transactions that replaced the virtual service rules',
    ['result'],
  );
  private readonly ruleApplySeconds = this.histogram(
    'vipd_service_rules_apply_seconds',
    'How long one nft transaction of the virtual service rules took',
    ETCD_BUCKETS,
  );

  /** The virtual services' sink (VirtualServices reports to it) and their backends, read on a scrape. */
  servicesSink(backends: () => BackendRow[]): ServiceMetricsSink {
    this.services = backends;
    return {
      checked: (service, _backend, ok, ms) =>
        this.safe(() => {
          this.backendChecks.inc({ service, result: ok ? 'ok' : 'fail' });
          this.backendCheckSeconds.observe({ service }, ms / 1000);
        }),
      applied: (ok, ms) =>
        this.safe(() => {
          this.ruleApplies.inc({ result: ok ? 'ok' : 'refused' });
          if (ok) this.ruleApplySeconds.observe(ms / 1000);
        }),
    };
  }

  private eachBackend(g: Gauge<'service' | 'backend'>, value: (b: BackendRow) => number | undefined): void {
    g.reset();
    for (const b of this.services?.() ?? []) {
      const v = value(b);
      if (v !== undefined) g.set({ service: b.service, backend: b.backend }, v);
    }
  }

  /** Starts listening to the daemon's parts (once, before the daemon starts). */
  attach(parts: DaemonParts): void {
    this.parts = parts;
    const { peers, checks, hooks, leaders } = parts;
    peers.on('rtt', (peer, ms) => this.safe(() => this.rtt.observe({ peer }, ms / 1000)));
    peers.on('missed', (peer, n) => this.safe(() => this.missed.inc({ peer }, n)));
    peers.on('suspect', (peer) => this.safe(() => this.suspects.inc({ peer })));
    peers.on('rejected', (reason) => this.safe(() => this.rejectedBeats.inc({ reason })));
    peers.on('removed', (peer) => this.gone.set(peer, parts.clock.now()));
    checks.on('result', (check, r) =>
      this.safe(() => this.checkRuns.inc({ check, result: r.ok ? 'ok' : r.timedOut ? 'timeout' : 'fail' })),
    );
    hooks.on('finished', (t, r) =>
      this.safe(() => {
        this.hookRuns.inc({ state: t.state, result: r.ok ? 'ok' : r.timedOut ? 'timeout' : 'failed' });
        this.hookSeconds.observe({ state: t.state }, r.durationMs / 1000);
      }),
    );
    leaders.on('change', (key, entry) =>
      this.safe(() => this.onLeader(key.slice(leaders.prefix.length), entry)),
    );
  }

  /** A new etcd session (at start and after a lost lease). */
  watchSession(session: NodeSession): void {
    session.on('renewed', (_deadline, t) =>
      this.safe(() => {
        this.keepalive.observe(t.keepaliveMs / 1000);
        this.renewal.observe(t.totalMs / 1000);
        this.renewals.inc({ result: 'ok' });
      }),
    );
    session.on('renewFailed', () => this.safe(() => this.renewals.inc({ result: 'failed' })));
    session.on('fenced', () => this.safe(() => this.fenced.inc()));
    session.on('lost', () => this.safe(() => this.leaseLost.inc()));
  }

  /** A VIP went up or down here (the controller's transition point). */
  transition(t: VipTransition): void {
    this.safe(() => {
      this.transitions.inc({ vip: t.vip, state: t.state, reason_class: t.reasonClass });
      if (t.state !== 'master' || !this.parts) return;
      const since = this.vacantSince.get(t.vip);
      if (since === undefined) return;
      this.vacantSince.delete(t.vip);
      this.failover.observe(Math.max(0, this.parts.clock.now() - since) / 1000);
    });
  }

  setReady(ready: boolean): void {
    this.ready = ready;
  }

  /** The kernel, with announcements and duplicate-owner probes counted. */
  countingKernel(kernel: Kernel): Kernel {
    const wrapped = Object.create(kernel) as Kernel;
    wrapped.announce = async (ifname, spec, count, intervalMs, signal) => {
      const kind = spec.family === 6 ? 'na' : 'garp';
      let sent: number;
      try {
        sent = await kernel.announce(ifname, spec, count, intervalMs, signal);
      } catch (err) {
        this.safe(() => this.announceFailures.inc({ kind }));
        throw err;
      }
      this.safe(() => this.announcements.inc({ kind }, sent));
      return sent;
    };
    wrapped.probeOwners = async (ifname, spec, timeoutMs) => {
      let macs: string[];
      try {
        macs = await kernel.probeOwners(ifname, spec, timeoutMs);
      } catch (err) {
        this.safe(() => this.probes.inc({ result: 'error' }));
        throw err;
      }
      this.safe(() => this.probes.inc({ result: macs.length ? 'duplicate' : 'clean' }));
      return macs;
    };
    return wrapped;
  }

  /** The text exposition format, for the /metrics endpoint. */
  async render(): Promise<{ contentType: string; body: string }> {
    this.safe(() => this.forgetGonePeers());
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /**
   * The leader key of `vip` changed: a vacancy starts when it is deleted or marked taken over,
   * and ends when another node's key appears (our own ends with our address up, see transition).
   */
  private onLeader(vip: string, entry: MirrorEntry | undefined): void {
    if (entry) {
      const parsed = parseLeader(vip, entry);
      if ('problem' in parsed || !parsed.takeover) {
        if ('problem' in parsed || parsed.node !== this.parts?.self) this.vacantSince.delete(vip);
        return;
      }
    }
    if (!this.vacantSince.has(vip)) this.vacantSince.set(vip, this.parts?.clock.now() ?? 0);
  }

  private forgetGonePeers(): void {
    if (!this.parts || this.gone.size === 0) return;
    const members = new Set(this.parts.peers.memberNames());
    const now = this.parts.clock.now();
    for (const [peer, at] of this.gone) {
      if (members.has(peer)) this.gone.delete(peer);
      else if (now - at >= PEER_FORGET_MS) {
        for (const m of [this.rtt, this.missed, this.suspects]) m.remove({ peer });
        this.gone.delete(peer);
      }
    }
  }

  /** BGP mode: session state per peer and the routes announced (bgp-speaker.ts's snapshot). */
  watchBgp(
    snapshot: () => { running: boolean; peers: { address: string; state: string }[]; announced: string[] },
  ): void {
    this.gauge(
      'vipd_bgp_session_up',
      'Per BGP peer: 1 while its session is established, else 0',
      ['peer'],
      (g) => {
        g.reset();
        for (const p of snapshot().peers) g.set({ peer: p.address }, p.state === 'ESTABLISHED' ? 1 : 0);
      },
    );
    this.gauge(
      'vipd_bgp_routes_announced',
      'Host routes of held VIPs this node announces over BGP',
      [],
      (g) => g.set(snapshot().announced.length),
    );
    this.gauge(
      'vipd_bgp_speaker_running',
      'Whether the gobgpd vipd started runs (1) or has ended (0)',
      [],
      (g) => g.set(snapshot().running ? 1 : 0),
    );
  }

  private counter<L extends string>(name: string, help: string, labelNames: L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private histogram(name: string, help: string, buckets: number[]): Histogram {
    return new Histogram({ name, help, buckets, registers: [this.registry] });
  }

  private gauge<L extends string>(
    name: string,
    help: string,
    labelNames: L[],
    collect?: (g: Gauge<L>) => void,
  ): Gauge<L> {
    const g: Gauge<L> = new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      ...(collect ? { collect: () => this.safe(() => collect(g)) } : {}),
    });
    return g;
  }

  private safe(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      // Logged once until the next success: a metrics bug must neither spam nor propagate.
      if (!this.failing)
        this.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'metrics update failed');
      this.failing = true;
      return;
    }
    this.failing = false;
  }
}
