/**
 * Virtual services on this node: the rules follow the VIP. Reconciled by state: the wanted rules
 * are every service whose VIP this node holds now, with the backends that are healthy and not
 * drained; whenever that differs from what was applied (a VIP taken or given up, a check's
 * verdict, a spec changed) the whole set is applied again in one transaction (@vipd/lb), and a
 * timer re-applies it now and then in case someone flushed the table. A spec that turns invalid
 * in etcd keeps its last valid form (ServiceWatcher), so its running rules stay.
 *
 * The director reports its view of each service's backends to service-health/<name> under its
 * node lease (for `vipadm service list|get|watch`), and tells the node state which VIPs it cannot
 * serve because a service of theirs is below its quorum.
 */
import { readFileSync } from 'node:fs';
import { errorLine, type Logger } from '@vipd/log';
import {
  type BackendState,
  type LbDataPlane,
  type LbService,
  renderRuleset,
  selectBackends,
  type Selection,
} from '@vipd/lb';
import {
  deleteServiceHealth,
  type EtcdClient,
  encodeServiceHealth,
  interfaceFor,
  type Keys,
  type NodeSession,
  priorityOf,
  putServiceHealth,
  type ServiceHealthRecord,
  type ServiceSpec,
  type ServiceWatcher,
  serviceVipProblems,
  targetText,
  type VipSpec,
} from '@vipd/store';
import { ConntrackCache } from './conntrack-cache';
import { BackendProbes } from './service-probes';

export interface VirtualServicesDeps {
  self: string;
  client: EtcdClient;
  keys: Keys;
  services: ServiceWatcher;
  vips: () => ReadonlyMap<string, VipSpec>;
  /** The VIPs this node has up now (name → fencing revision). */
  held: () => Record<string, string>;
  plane: LbDataPlane;
  session: () => NodeSession | undefined;
  /** The set of VIPs below a service's quorum changed: readiness must look again. */
  onQuorumChange: () => void;
  log: Logger;
  /** How often the wanted rules are applied even if nothing seems to have changed. */
  refreshMs?: number;
  metrics?: ServiceMetricsSink;
}

export const DEFAULT_REFRESH_MS = 30_000;
/** How often the director's report (connection counts) is refreshed without another change. */
export const REPORT_MS = 10_000;
/** Connection counts are read again at most this often (a report or scrape in between reuses them). */
const COUNTS_MAX_AGE_MS = REPORT_MS / 2;

/** What the metrics are told (metrics.ts); the scrape reads backends() itself. */
export interface ServiceMetricsSink {
  checked(service: string, backend: string, ok: boolean, ms: number): void;
  applied(ok: boolean, ms: number): void;
}

export interface BackendRow {
  service: string;
  backend: string;
  health: string;
  weight: number;
  /** Taking new connections now on this node (it directs the service). */
  serving: boolean;
  /** Established connections through this node (NAT, directed here); undefined: unknown. */
  connections?: number;
}

export class VirtualServices {
  private readonly probes: BackendProbes;
  private applied: string | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  /** Set by the timer: apply even an unchanged set (unless it is empty). */
  private force = false;
  private stopped = false;
  private belowQuorum = new Map<string, string>();
  private forwardingProblem = '';
  private clashes = '';
  /** What was last reported per service (encoded), to write only changes. */
  private readonly reported = new Map<string, string>();
  private readonly conntrack = new ConntrackCache(COUNTS_MAX_AGE_MS);

  constructor(private readonly d: VirtualServicesDeps) {
    this.probes = new BackendProbes(d.log);
    this.probes.on('change', () => this.changed());
    this.probes.on('result', (service, backend, ok, ms) => d.metrics?.checked(service, backend, ok, ms));
    d.services.on('changed', () => this.changed());
  }

  /** Removes whatever rules a previous run left, then starts following the VIPs. */
  async start(): Promise<void> {
    try {
      await this.d.plane.clear();
      this.applied = renderRuleset([]);
    } catch (err) {
      // No nft, or no permission: the VIPs work on; the timer keeps trying the services.
      this.d.log.error({ err: errorLine(err) }, 'cannot clear virtual service rules');
    }
    this.started = true;
    this.changed();
    let ticks = 0;
    const every = Math.max(1, Math.round((this.d.refreshMs ?? DEFAULT_REFRESH_MS) / REPORT_MS));
    this.timer = setInterval(() => {
      // Each tick refreshes the report (connection counts); every few, the rules are applied
      // again even if unchanged, which repairs a table flushed behind our back.
      if (++ticks % every === 0) this.force = true;
      this.changed();
    }, REPORT_MS);
  }

  /** Stops the checks and removes every rule (after the VIPs are gone). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
    await this.probes.stop();
    try {
      await this.d.plane.clear();
    } catch (err) {
      this.d.log.error({ err: errorLine(err) }, 'could not remove the virtual service rules');
    }
  }

  /** Every backend of the services this node may direct, for the metrics' scrape. */
  backends(): BackendRow[] {
    const held = this.d.held();
    return this.eligible().flatMap(({ service, vip }) => {
      const sel = this.selection(service);
      const serving = new Set(sel.backends.map(targetText));
      const directed = held[vip.name] !== undefined && service.mode === 'nat';
      const conns = directed
        ? this.conntrack.get()?.of({
            vip: vip.address,
            protocol: service.protocol,
            port: service.port,
          })
        : undefined;
      return service.backends.map((b) => ({
        connections: conns ? (conns.get(targetText(b)) ?? 0) : undefined,
        service: service.name,
        backend: targetText(b),
        health: this.probes.health(service.name, targetText(b)).health,
        weight: b.weight,
        serving: held[vip.name] !== undefined && serving.has(targetText(b)),
      }));
    });
  }

  /** VIPs this node cannot serve because one of their services is below its quorum, with why. */
  unready(): ReadonlyMap<string, string> {
    return this.belowQuorum;
  }

  /** Something changed (a VIP, a spec, a check): reconcile soon, one run at a time. */
  changed(): void {
    if (!this.started || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.reconcile().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.changed();
      }
    });
  }

  /** Services whose VIP exists with the backends' family and may be held here. */
  private eligible(): { service: ServiceSpec; vip: VipSpec }[] {
    const vips = this.d.vips();
    const out: { service: ServiceSpec; vip: VipSpec }[] = [];
    const byName = [...this.d.services.specs().values()].sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const service of byName) {
      const vip = vips.get(service.vip);
      if (serviceVipProblems(service, vip).length > 0 || priorityOf(vip!, this.d.self) === undefined)
        continue;
      out.push({ service, vip: vip! });
    }
    return out;
  }

  private selection(service: ServiceSpec): Selection & { states: BackendState[] } {
    const states = service.backends.map((b) => ({
      ...b,
      health: this.probes.health(service.name, targetText(b)).health,
    }));
    return { ...selectBackends(states, service.quorum, service.sorry !== undefined), states };
  }

  private async reconcile(): Promise<void> {
    const eligible = this.eligible();
    this.probes.sync(eligible.map((e) => e.service));
    const held = this.d.held();
    const wanted: LbService[] = [];
    const below = new Map<string, string>();
    const reports: [ServiceSpec, Selection][] = [];
    const taken = new Map<string, string>();
    const clashes: string[] = [];
    for (const { service, vip } of eligible) {
      const sel = this.selection(service);
      if (sel.serving === 'below_quorum') {
        below.set(
          vip.name,
          `service ${service.name}: ${sel.healthy} healthy backends, quorum ${service.quorum}`,
        );
      }
      if (held[vip.name] === undefined) continue;
      // Two services on one VIP, protocol and port (only by hand: the coordinator refuses it)
      // would make the whole transaction fail: the first by name runs, the other is skipped.
      const key = `${vip.address} ${service.protocol} ${service.port}`;
      const first = taken.get(key);
      if (first !== undefined) {
        clashes.push(`${service.name} (same VIP, protocol and port as ${first})`);
        continue;
      }
      taken.set(key, service.name);
      reports.push([service, sel]);
      wanted.push({
        name: service.name,
        vip: vip.address,
        family: vip.family,
        protocol: service.protocol,
        port: service.port,
        scheduler: service.scheduler,
        mode: service.mode,
        snat: service.snat,
        device: interfaceFor(vip, this.d.self),
        backends: sel.backends,
        ...(service.sorry && { sorry: service.sorry }),
      });
    }
    if (clashes.join() !== this.clashes) {
      this.clashes = clashes.join();
      if (clashes.length) this.d.log.error({ skipped: clashes }, 'virtual services skipped: they clash');
    }
    this.checkForwarding(wanted);
    await this.apply(wanted);
    this.report(reports);
    if ([...below].join() !== [...this.belowQuorum].join()) {
      this.belowQuorum = below;
      this.d.log.warn({ vips: Object.fromEntries(below) }, 'VIPs below a service quorum changed');
      this.d.onQuorumChange();
    }
  }

  /** Says once per change when NAT services are directed here but the node does not forward. */
  private checkForwarding(wanted: LbService[]): void {
    const problems: string[] = [];
    for (const family of [4, 6] as const) {
      const nat = wanted.filter((s) => s.family === family && (s.mode === 'nat' || s.backends.length === 0));
      if (nat.length === 0) continue;
      const file = family === 4 ? '/proc/sys/net/ipv4/ip_forward' : '/proc/sys/net/ipv6/conf/all/forwarding';
      let value = '?';
      try {
        value = readFileSync(file, 'utf8').trim();
      } catch {
        // unreadable: say nothing rather than something wrong
      }
      if (value === '0')
        problems.push(`${file} is 0: NAT services ${nat.map((s) => s.name).join(', ')} cannot forward`);
    }
    const text = problems.join('; ');
    if (text !== this.forwardingProblem && text !== '') {
      this.d.log.error(
        { problem: text },
        'virtual services: this node does not forward packets; set the sysctl to 1',
      );
    }
    this.forwardingProblem = text;
  }

  private async apply(wanted: LbService[]): Promise<void> {
    const script = renderRuleset(wanted);
    const forced = this.force && wanted.length > 0;
    this.force = false;
    if ((script === this.applied && !forced) || this.stopped) return;
    const t0 = performance.now();
    try {
      await this.d.plane.apply(wanted);
      this.d.metrics?.applied(true, performance.now() - t0);
      const changed = script !== this.applied;
      this.applied = script;
      if (!changed) return;
      this.d.log.info(
        {
          services: wanted.map(
            (s) => `${s.name}:${s.backends.length === 0 ? (s.sorry ? 'sorry' : 'none') : s.backends.length}`,
          ),
          ms: Math.round(performance.now() - t0),
        },
        'virtual service rules applied',
      );
    } catch (err) {
      // The transaction is all or nothing: the previous rules still run. The timer retries.
      this.applied = undefined;
      this.d.metrics?.applied(false, performance.now() - t0);
      this.d.log.error({ err: errorLine(err) }, 'virtual service rules refused; the previous rules stay');
    }
  }

  /** Writes service-health/<name> for the services directed here, when it changed. */
  private report(directed: [ServiceSpec, Selection][]): void {
    const lease = this.d.session()?.leaseId;
    const names = new Set(directed.map(([s]) => s.name));
    for (const name of [...this.reported.keys()]) {
      if (names.has(name)) continue;
      this.reported.delete(name);
      void deleteServiceHealth(this.d.client, this.d.keys, name, this.d.self).catch((err: unknown) =>
        this.d.log.debug({ service: name, err: errorLine(err) }, 'could not clear service health'),
      );
    }
    if (lease === undefined) return;
    const counts = directed.some(([s]) => s.mode === 'nat') ? this.conntrack.get() : undefined;
    const vips = this.d.vips();
    for (const [service, sel] of directed) {
      const vip = vips.get(service.vip);
      const conns =
        service.mode === 'nat' && vip && counts
          ? counts.of({ vip: vip.address, protocol: service.protocol, port: service.port })
          : undefined;
      const record: ServiceHealthRecord = {
        node: this.d.self,
        serving: sel.serving,
        backends: Object.fromEntries(
          service.backends.map((b) => {
            const t = targetText(b);
            const connections = conns?.get(t) ?? (conns ? 0 : undefined);
            return [
              t,
              { ...this.probes.health(service.name, t), ...(connections !== undefined && { connections }) },
            ];
          }),
        ),
      };
      const encoded = encodeServiceHealth(record);
      if (this.reported.get(service.name) === encoded) continue;
      this.reported.set(service.name, encoded);
      putServiceHealth(this.d.client, this.d.keys, service.name, record, lease).catch((err: unknown) => {
        this.reported.delete(service.name);
        this.d.log.warn({ service: service.name, err: errorLine(err) }, 'could not report service health');
      });
    }
  }
}
