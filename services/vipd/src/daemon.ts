/**
 * The node daemon: wires the etcd session, the spec/node/leader mirrors, one controller per
 * VIP, the kernel and the health service together. Nothing else knows all of them.
 */
import type * as grpc from '@grpc/grpc-js';
import { CheckRunner } from '@vipd/checks';
import type { VipdConfig } from '@vipd/config';
import type { MeshTls } from '@vipd/heartbeat';
import { type Clock, errorLine, type Logger, monotonicClock } from '@vipd/log';
import {
  type EtcdClient,
  createEtcdClient,
  Keys,
  type NodeInfo,
  type NodeSession,
  parsePinRecord,
  priorityOf,
  type VipSpec,
} from '@vipd/store';
import { BeatKeys } from './beat-keys';
import { ClusterView } from './cluster-view';
import { HeldVips } from './held-vips';
import { HolderGuard } from './holder-guard';
import { HookRunner } from './hooks';
import { LifetimeRefresher } from './lifetime-refresh';
import { Membership } from './membership';
import { NodeState } from './node-state';
import type { Kernel } from './kernel';
import type { VipdMetrics } from './metrics';
import type { Reason } from './reason-class';
import { Peers } from './peers';
import { Takeover } from './takeover';
import { retry } from './retry';
import { Semaphore } from './semaphore';
import { SessionSupervisor } from './session-supervisor';
import { cleanStaleAddresses } from './stale-addresses';
import { StallMonitor } from './stall-monitor';
import { Sweeper, yieldToNewer } from './sweep';
import { Tick } from './tick';
import { Turns } from './turns';
import type { ControllerContext } from './controller-context';
import { EtcdLeadership } from './etcd-leadership';
import { VipController } from './vip-controller';

export interface DaemonDeps {
  kernel: Kernel;
  log: Logger;
  clock?: Clock;
  /** Told whenever readiness changes (the health service). */
  onReady?: (ready: boolean) => void;
  /** etcd secrets and TLS material, resolved by the caller. */
  etcdTls?: { ca: Buffer; cert?: Buffer; key?: Buffer };
  /** heartbeat.tls's files, read and checked by the caller: mutual TLS on outbound beats. */
  meshTls?: MeshTls;
  /** The node's gRPC server (node.listen): the heartbeat service is added to it. */
  server?: grpc.Server;
  /** metrics.listen: told of the daemon's parts, sessions and transitions (metrics.ts). */
  metrics?: VipdMetrics;
}

/** Duplicate-owner probes a node sends per second at most, over all the VIPs it holds. */
export const PROBES_PER_SECOND = 20;
/** Graceful handovers a node runs at once at most (see VipController.handover). */
const HANDOVERS_AT_ONCE = 64;

export class Daemon {
  private readonly client: EtcdClient;
  private readonly keys: Keys;
  private readonly clock: Clock;
  private readonly view: ClusterView;
  private aliveTimer: NodeJS.Timeout | undefined;
  private readonly state: NodeState;
  private readonly controllers = new Map<string, VipController>();
  private readonly sessions: SessionSupervisor;
  private readonly tick: Tick;
  private stopping = false;
  private readinessPending = false;
  private readonly turns = new Turns();
  private readonly handovers = new Semaphore(HANDOVERS_AT_ONCE);
  private readonly sweeper: Sweeper;
  private readonly membership: Membership;
  /** A lifetime refresh batch is running. */
  private readonly lifetimes: LifetimeRefresher;
  private readonly heldVips: HeldVips;
  private ready = false;
  private startupGraceUntil = 0;
  private controllerContext: ControllerContext | undefined;
  /** The parent of every controller's logger (a pino child per VIP costs ~3 KB; two, twice that). */
  private readonly vipLog: Logger;
  /** Nodes registered at any time since start (membership.ts). */
  private readonly seen: ReadonlySet<string>;
  private readonly checks: CheckRunner;
  private readonly peers: Peers;
  private readonly guard: HolderGuard;
  private readonly takeover: Takeover;
  private readonly hooks: HookRunner;
  private readonly log: Logger;
  private readonly beatKeys: BeatKeys;

  constructor(
    private readonly config: VipdConfig,
    private readonly deps: DaemonDeps,
  ) {
    this.log = deps.log.child({ component: 'daemon' });
    this.vipLog = deps.log.child({ component: 'vip' });
    this.clock = deps.clock ?? monotonicClock;
    this.heldVips = new HeldVips(this.controllers, this.clock);
    this.sweeper = new Sweeper(this.controllers);
    this.tick = new Tick({
      intervalMs: config.reconcile.intervalMs,
      log: this.log,
      stall: new StallMonitor(this.log),
      vips: () => this.controllers.size,
      work: () => this.periodic(),
    });
    this.lifetimes = new LifetimeRefresher({
      kernel: deps.kernel,
      clock: this.clock,
      lifetimeSec: config.lease.addressLifetimeSec,
      log: this.log,
      vips: () => this.controllers.values(),
    });
    this.keys = new Keys(config.cluster);
    this.client = createEtcdClient({
      endpoints: config.etcd.endpoints,
      callTimeoutMs: config.etcd.callTimeoutMs,
      dialTimeoutMs: config.etcd.dialTimeoutMs,
      tls: deps.etcdTls,
      auth:
        config.etcd.auth?.password !== undefined
          ? { username: config.etcd.auth.username, password: config.etcd.auth.password }
          : undefined,
    });
    const storeLog = deps.log.child({ component: 'store' });
    this.view = new ClusterView(this.client, this.keys, storeLog);
    this.checks = new CheckRunner(config.checks, { log: deps.log.child({ component: 'checks' }) });
    this.state = new NodeState({
      config,
      keys: this.keys,
      vips: this.view.vips,
      drains: this.view.drains,
      checks: this.checks,
      kernel: deps.kernel,
      session: () => this.session,
      onChange: () => this.reconcileAll(),
      log: this.log,
    });
    this.membership = new Membership({
      self: config.node.name,
      keys: this.keys,
      nodes: this.view.nodes,
      drains: this.view.drains,
      session: () => this.session,
      current: () => this.state.current,
    });
    this.seen = this.membership.seen;
    this.checks.on('change', () => void this.state.checkReadiness());
    const t = config.timings;
    this.beatKeys = new BeatKeys(this.client, this.keys, config.etcd.callTimeoutMs, this.clock, storeLog);
    this.peers = new Peers(config.node.name, () => this.session?.leaseId ?? '', {
      intervalMs: t.intervalMs,
      suspectAfterMisses: t.suspectAfterMisses,
      clock: this.clock,
      tls: deps.meshTls,
      keyring: this.beatKeys.keyring,
      // A former member keeping VIPs under failsafe has let them go once it has suspected us
      // (S) and its contact deadline passed (Df), give or take the slack γ.
      departedKeepMs: t.intervalMs * t.suspectAfterMisses + t.holderFenceMs + t.slackMs,
      log: deps.log.child({ component: 'heartbeat' }),
      localBeat: () => ({
        health: this.ready ? 'SERVING' : 'NOT_SERVING',
        held: this.heldVips.heldList(),
        leaseId: this.session?.leaseId ?? '',
        etcdOk: this.session?.renewOk ?? false,
      }),
    });
    if (deps.server) this.peers.addToServer(deps.server);
    this.guard = new HolderGuard({
      clock: this.clock,
      kernel: deps.kernel,
      peers: this.peers,
      session: () => this.session,
      holderFenceMs: t.holderFenceMs,
      renewWhenAloneMs: t.renewWhenAloneMs,
      renewIntervalMs: config.lease.renewIntervalMs,
      enabled: config.takeover.enabled,
      failsafeVips: () => this.heldVips.failsafeVips(),
      carriedUntil: () => this.heldVips.carriedUntil(),
      ttlMs: config.lease.ttlSeconds * 1000,
      onChange: () => this.reconcileAll(),
      log: deps.log.child({ component: 'guard' }),
    });
    this.sessions = new SessionSupervisor({
      client: this.client,
      keys: this.keys,
      lease: config.lease,
      callTimeoutMs: config.etcd.callTimeoutMs,
      clock: this.clock,
      current: () => this.state.current,
      log: deps.log,
      metrics: deps.metrics,
      guard: this.guard,
      lifetimes: this.lifetimes,
      controllers: this.controllers,
      ready: () => this.ready,
      setReady: (ready) => this.setReady(ready),
      reconcileAll: () => this.reconcileAll(),
      dropAll: (reason, leaseLost) => this.dropAll(reason, leaseLost),
      retry: (what, fn) => this.retry(what, fn),
      stopping: () => this.stopping,
    });
    this.takeover = new Takeover({
      self: config.node.name,
      client: this.client,
      keys: this.keys,
      leaders: this.view.leaders,
      peers: this.peers,
      clock: this.clock,
      waitMs: t.waitMs,
      intervalMs: t.intervalMs,
      suspectMs: t.intervalMs * t.suspectAfterMisses,
      alive: this.view.alive,
      callTimeoutMs: config.etcd.callTimeoutMs,
      maxTxnOps: config.etcd.maxTxnOps,
      probeAfterReadMs: config.lease.ttlSeconds * 1000,
      log: deps.log.child({ component: 'takeover' }),
    });
    this.peers.on('changed', () => this.onPeersChanged());
    this.peers.on('heldChanged', (node) => yieldToNewer(this.controllers, this.peers.heldBy(node)));
    // A peer stopped hearing us while we hear it: say we are alive through etcd now, before it
    // suspects us (the alive timer keeps it up while that lasts).
    if (config.takeover.enabled) this.peers.on('unheard', () => void this.takeover.touchAlive(this.session));
    const hooks = { node: config.node.name, cluster: config.cluster };
    this.hooks = new HookRunner(config.hooks, { ...hooks, log: deps.log.child({ component: 'hooks' }) });
    deps.metrics?.attach({
      self: config.node.name,
      clock: this.clock,
      peers: this.peers,
      checks: this.checks,
      hooks: this.hooks,
      leaders: this.view.leaders,
      session: () => this.session,
      held: () => this.held(),
      vips: () => this.controllers.keys(),
    });
  }

  /** Cleans stale addresses, joins etcd, loads state and starts reconciling. */
  async start(): Promise<void> {
    this.startupGraceUntil = this.clock.now() + this.config.reconcile.startupGraceMs;
    this.checks.start();
    await cleanStaleAddresses(this.deps.kernel, this.log);
    // Before we register: peers that see our node key dial us, and we answer only signed.
    await this.retry('beat key', () => this.beatKeys.start());
    await this.retry('etcd session', () => this.sessions.open());
    await this.retry('initial read of etcd', async () => {
      await this.view.start();
    });
    this.state.checkMaintenance();
    this.state.applyDrain();
    this.view.vips.on('changed', (name, spec) => this.onSpecChange(name, spec));
    this.view.nodes.on('change', () => {
      this.membership.changed();
      this.updateMembers();
      this.reconcileAll();
    });
    this.updateMembers();
    this.view.drains.on('change', () => {
      this.membership.changed();
      this.state.applyDrain();
      this.reconcileAll();
    });
    this.view.pins.on('change', (key) => {
      const name = Keys.nameUnder(this.keys.pinsPrefix, key);
      if (name !== undefined) this.controllers.get(name)?.reconcile();
    });
    // A change of a leader key wakes its controller through the leadership port (etcd-leadership.ts).
    for (const [name, spec] of this.view.vips.specs()) this.onSpecChange(name, spec);
    this.hooks.checkVipNames(this.view.vips.specs().keys());
    await this.state.checkReadiness();
    this.setReady(true);
    this.reconcileAll();
    this.tick.start();
    if (this.config.takeover.enabled) {
      this.aliveTimer = setInterval(
        () => void this.takeover.touchAlive(this.session),
        this.config.timings.intervalMs,
      );
    }
    this.guard.update();
    this.log.info(
      {
        vips: this.controllers.size,
        cluster: this.config.cluster,
        takeover: this.config.takeover.enabled ? this.config.takeover.profile : 'off',
        timings: this.config.timings,
      },
      'vipd running',
    );
  }

  /** Graceful stop: addresses down, then the lease revoked so peers take over at once. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.tick.stop();
    clearInterval(this.aliveTimer);
    this.guard.stop();
    this.setReady(false);
    this.log.info({ held: this.held() }, 'stopping: handing over VIPs and releasing leadership');
    const controllers = [...this.controllers.values()];
    const held = controllers.flatMap((c) => (c.holding !== undefined ? [[c, c.holding] as const] : []));
    for (const c of controllers) c.freeze();
    // Revoking the lease deletes our node key and every leader key in one revision; the
    // addresses stay until each successor's key appears (at most handoverMaxMs), so clients
    // see no gap. Without etcd (revoke failed) they go at once.
    const revoked = (await this.session?.close(true)) ?? false;
    if (revoked) {
      await Promise.all(held.map(([c, rev]) => c.awaitSuccessor(rev, this.config.reconcile.handoverMaxMs)));
    }
    // An address that would not go stays tracked: closing the switch below removes it.
    await Promise.all(controllers.map((c) => c.stop(false)));
    // The handover's onBackup hooks run after the addresses are gone, bounded by the hook timeout.
    await Promise.all([
      this.view.stop(),
      this.beatKeys.stop(),
      this.checks.stop(),
      this.hooks.stop(this.config.hooks.timeoutMs),
    ]);
    this.peers.stop();
    // Every address is gone (or still tracked, and the switch removes it as it ends).
    await this.deps.kernel.close();
    this.client.close();
    this.log.info({}, 'stopped');
  }

  /** The etcd session now (session-supervisor.ts). */
  private get session(): NodeSession | undefined {
    return this.sessions.current;
  }

  /** How many VIPs this node has up (held-vips.ts). */
  private heldCount(): number {
    return this.heldVips.heldCount();
  }

  /** Names of the VIPs whose address this node has up, with their fencing revisions. */
  held(): Record<string, string> {
    return this.heldVips.held();
  }

  /** What every controller shares (one object, not a set of closures per VIP). */
  private context(): ControllerContext {
    return (this.controllerContext ??= {
      self: this.config.node.name,
      kernel: this.deps.kernel,
      clock: this.clock,
      settings: {
        acquireStepMs: this.config.reconcile.acquireStepMs,
        addressLifetimeSec: this.config.lease.addressLifetimeSec,
        handoverMaxMs: this.config.reconcile.handoverMaxMs,
      },
      leadership: new EtcdLeadership({
        self: this.config.node.name,
        client: this.client,
        keys: this.keys,
        leaders: this.view.leaders,
        callTimeoutMs: this.config.etcd.callTimeoutMs,
        maxTxnOps: this.config.etcd.maxTxnOps,
        clock: this.clock,
      }),
      standing: {
        session: () => this.session,
        canHold: () => this.guard.canHold(),
        failsafeUntil: (vip) => this.guard.failsafeUntil(vip),
        cannotServe: (vip) => this.state.current.unready.includes(vip),
      },
      candidates: {
        liveNodes: () => this.liveNodes(),
        pinOf: (vip) => {
          const entry = this.view.pins.get(this.keys.pin(vip));
          return entry ? parsePinRecord(entry.value)?.node : undefined;
        },
        startupGraceUntil: () => this.startupGraceUntil,
        seenSinceStart: (node) => this.seen.has(node),
      },
      peers: this.peers,
      takeover: this.takeover,
      pacing: {
        turns: this.turns,
        handovers: this.handovers,
        probeSpacingMs: () => (this.heldCount() * 1000) / PROBES_PER_SECOND,
      },
      transition: (t) => {
        this.hooks.notify(t);
        this.deps.metrics?.transition(t);
      },
    });
  }

  /** The live nodes every controller ranks (membership.ts). */
  private liveNodes(): NodeInfo[] {
    return this.membership.liveNodes();
  }

  private onSpecChange(name: string, spec: VipSpec | undefined): void {
    const existing = this.controllers.get(name);
    if (spec === undefined) {
      // Deleted, or now invalid: this node stops serving it (releasing if it held it).
      if (existing) {
        this.controllers.delete(name);
        this.log.info({ vip: name }, 'VIP spec removed (deleted or no longer valid)');
        void existing.stop(true);
      }
      return;
    }
    if (existing) {
      existing.updateSpec(spec);
      this.log.info({ vip: name, address: `${spec.address}/${spec.prefixLen}` }, 'VIP spec updated');
    } else {
      const c = new VipController(spec, this.context(), this.vipLog);
      this.controllers.set(name, c);
      this.log.info(
        {
          vip: name,
          address: `${spec.address}/${spec.prefixLen}`,
          priority: priorityOf(spec, this.config.node.name),
        },
        'VIP spec loaded',
      );
      if (this.ready) this.scheduleReadinessCheck(); // start() checks once for the initial load
      c.reconcile();
    }
  }

  /**
   * The kernel agent fenced (every address it tracked is gone) or was started anew (empty, our
   * VIPs unguarded): each controller drops its VIP, logging it, and adds it again only once it may
   * (a renewal in time, with the agent's new epoch).
   */
  agentLost(reason: Reason): void {
    void this.dropAll(reason).then(() => this.reconcileAll());
  }

  /** Registered nodes (etcd) become the heartbeat mesh's peers. */
  private updateMembers(): void {
    this.peers.setMembers(this.membership.members());
    this.guard.update();
  }

  private onPeersChanged(): void {
    this.guard.update();
    if (this.config.takeover.enabled && this.peers.memberNames().some((n) => this.peers.state(n)?.suspect)) {
      void this.takeover.evaluate(this.session?.valid() ?? false);
    }
  }

  /**
   * Never rejects: a removal that fails is retried by its controller (see VipController). The
   * drops start in turns (turns.ts): with thousands of VIPs, one synchronous pass of logs and
   * commands would stall the loop past the next fence deadline. `leaseLost`: failsafe VIPs are
   * carried while a new session takes their keys again (VipController.leaseLost).
   */
  private async dropAll(reason: Reason, leaseLost = false): Promise<void> {
    const outcomes = await Promise.allSettled(
      [...this.controllers.values()].map((c) =>
        this.turns.run(() => (leaseLost ? c.leaseLost(reason) : c.dropLocal(reason, 'fault'))),
      ),
    );
    const failed = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    if (failed.length > 0) {
      this.log.error(
        { reason: reason.text, failed: failed.length, err: errorLine(failed[0]) },
        'could not remove every VIP; each is tried again on its next reconcile',
      );
    }
  }

  private reconcileAll(): void {
    for (const c of this.controllers.values()) c.reconcile();
  }

  /** One readiness check for a burst of new specs (it looks at every spec and the links). */
  private scheduleReadinessCheck(): void {
    if (this.readinessPending) return;
    this.readinessPending = true;
    setImmediate(() => {
      this.readinessPending = false;
      this.state
        .checkReadiness()
        .catch((err) => this.log.warn({ err: errorLine(err) }, 'readiness check failed'));
    });
  }

  /** The tick's checks (tick.ts): maintenance, readiness, the sweep, newer holders, takeover records. */
  private async periodic(): Promise<void> {
    this.state.checkMaintenance();
    await this.state.checkReadiness();
    this.sweeper.sweep();
    yieldToNewer(this.controllers, this.peers.allHeld());
    this.takeover.prune((vip) => this.controllers.has(vip));
  }

  private setReady(ready: boolean): void {
    if (this.ready === ready) return;
    this.ready = ready;
    this.deps.onReady?.(ready);
  }

  private retry(what: string, fn: () => Promise<void>): Promise<void> {
    return retry(what, fn, { log: this.log, stopping: () => this.stopping });
  }
}
