/**
 * The node daemon: wires the etcd session, the spec/node/leader mirrors, one controller per
 * VIP, the kernel and the health service together. Nothing else knows all of them.
 */
import type * as grpc from '@grpc/grpc-js';
import { CheckRunner } from '@vipd/checks';
import type { VipdConfig } from '@vipd/config';
import type { MeshTls } from '@vipd/heartbeat';
import type { LbDataPlane } from '@vipd/lb';
import { type Clock, type Logger, monotonicClock } from '@vipd/log';
import { type EtcdClient, createEtcdClient, Keys, type NodeSession } from '@vipd/store';
import { AddRefusals, mergeUnready } from './add-refusals';
import { BeatKeys } from './beat-keys';
import { ClusterView } from './cluster-view';
import { EtcdLeadership } from './etcd-leadership';
import { HolderGuard } from './holder-guard';
import { HookRunner } from './hooks';
import { bgpUnready } from './kernel-bgp';
import type { Kernel } from './kernel';
import { LifetimeRefresher } from './lifetime-refresh';
import { Membership } from './membership';
import type { VipdMetrics } from './metrics';
import { NodeState } from './node-state';
import { Peers } from './peers';
import type { Reason } from './reason-class';
import { retry } from './retry';
import { SessionSupervisor } from './session-supervisor';
import { cleanStaleAddresses } from './stale-addresses';
import { StallMonitor, stallWarnMs } from './stall-monitor';
import { type AgentStatus, type NodeStatus, STATUS_VERSION } from './status-report';
import { Takeover } from './takeover';
import { Tick } from './tick';
import { VipController } from './vip-controller';
import { VipControllers } from './vip-controllers';
import { VirtualServices } from './virtual-services';

const byName = (a: { name: string }, b: { name: string }): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

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
  /** The virtual services' data plane (nftables); without it no service rules are installed. */
  lb?: LbDataPlane;
  /** BGP mode: whether a BGP session is established (bgp-speaker.ts); absent: no BGP here. */
  bgpSessionUp?: () => boolean;
  /** BGP mode: each peer's session state, published with the node's registration. */
  bgpPeers?: () => Record<string, string>;
}

export class Daemon {
  private readonly client: EtcdClient;
  private readonly keys: Keys;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly view: ClusterView;
  private readonly checks: CheckRunner;
  private readonly state: NodeState;
  private readonly membership: Membership;
  private readonly beatKeys: BeatKeys;
  private readonly peers: Peers;
  private readonly guard: HolderGuard;
  private readonly takeover: Takeover;
  private readonly controllers: VipControllers<VipController>;
  private readonly sessions: SessionSupervisor;
  private readonly hooks: HookRunner;
  private readonly tick: Tick;
  private readonly services: VirtualServices | undefined;
  /** VIPs whose add the kernel refused here (add-refusals.ts). */
  private readonly refusals = new AddRefusals();
  private aliveTimer: NodeJS.Timeout | undefined;
  private stopping = false;
  private ready = false;
  private startupGraceUntil = 0;

  constructor(
    private readonly config: VipdConfig,
    private readonly deps: DaemonDeps,
  ) {
    const self = config.node.name;
    const t = config.timings;
    const log = (this.log = deps.log.child({ component: 'daemon' }));
    const clock = (this.clock = deps.clock ?? monotonicClock);
    const keys = (this.keys = new Keys(config.cluster));
    const { endpoints, dialTimeoutMs, callTimeoutMs, maxTxnOps, auth } = config.etcd;
    const client = (this.client = createEtcdClient({
      endpoints,
      callTimeoutMs,
      dialTimeoutMs,
      tls: deps.etcdTls,
      auth: auth?.password !== undefined ? { username: auth.username, password: auth.password } : undefined,
    }));
    const storeLog = deps.log.child({ component: 'store' });
    const view = (this.view = new ClusterView(client, keys, storeLog));
    const leaders = view.leaders;
    const kernel = deps.kernel;
    const session = (): NodeSession | undefined => this.sessions.current;
    const reconcileAll = (): void => this.controllers.reconcileAll();
    const checks = new CheckRunner(config.checks, { log: deps.log.child({ component: 'checks' }) });
    this.checks = checks;
    this.state = new NodeState({
      config,
      keys,
      vips: view.vips,
      drains: view.drains,
      checks,
      kernel,
      session,
      onChange: reconcileAll,
      unready: () =>
        mergeUnready(
          mergeUnready(this.services?.unready(), this.refusals.unready()),
          bgpUnready(view.vips.specs().values(), config.bgp, deps.bgpSessionUp?.() ?? false),
        ),
      ...(deps.bgpPeers && { bgp: deps.bgpPeers }),
      log,
    });
    const current = () => this.state.current;
    const { nodes, drains } = view;
    this.membership = new Membership({ self, keys, nodes, drains, session, current });
    checks.on('change', () => void this.state.checkReadiness());
    this.beatKeys = new BeatKeys(client, keys, callTimeoutMs, clock, storeLog);
    const peers = (this.peers = new Peers(self, () => session()?.leaseId ?? '', {
      intervalMs: t.intervalMs,
      suspectAfterMisses: t.suspectAfterMisses,
      clock,
      tls: deps.meshTls,
      keyring: this.beatKeys.keyring,
      // A former member keeping VIPs under failsafe has let them go once it has suspected us
      // (S) and its contact deadline passed (Df), give or take the slack γ.
      departedKeepMs: t.intervalMs * t.suspectAfterMisses + t.holderFenceMs + t.slackMs,
      log: deps.log.child({ component: 'heartbeat' }),
      localBeat: () => ({
        health: this.ready ? 'SERVING' : 'NOT_SERVING',
        held: this.controllers.held.heldList(),
        leaseId: session()?.leaseId ?? '',
        etcdOk: session()?.renewOk ?? false,
      }),
    }));
    if (deps.server) peers.addToServer(deps.server);
    const guard = (this.guard = new HolderGuard({
      clock,
      kernel,
      peers,
      session,
      holderFenceMs: t.holderFenceMs,
      renewWhenAloneMs: t.renewWhenAloneMs,
      renewIntervalMs: config.lease.renewIntervalMs,
      enabled: config.takeover.enabled,
      failsafeVips: () => this.controllers.held.failsafeVips(),
      carriedUntil: () => this.controllers.held.carriedUntil(),
      ttlMs: config.lease.ttlSeconds * 1000,
      onChange: reconcileAll,
      log: deps.log.child({ component: 'guard' }),
    }));
    const takeover = (this.takeover = new Takeover({
      self,
      client,
      keys,
      leaders,
      peers,
      clock,
      waitMs: t.waitMs,
      intervalMs: t.intervalMs,
      suspectMs: t.intervalMs * t.suspectAfterMisses,
      alive: view.alive,
      callTimeoutMs,
      maxTxnOps,
      probeAfterReadMs: config.lease.ttlSeconds * 1000,
      log: deps.log.child({ component: 'takeover' }),
    }));
    const leadership = new EtcdLeadership({ self, client, keys, leaders, callTimeoutMs, maxTxnOps, clock });
    this.controllers = new VipControllers({
      log,
      vipLog: deps.log.child({ component: 'vip' }),
      clock,
      context: {
        self,
        kernel,
        clock,
        settings: {
          acquireStepMs: config.reconcile.acquireStepMs,
          addressLifetimeSec: config.lease.addressLifetimeSec,
          handoverMaxMs: config.reconcile.handoverMaxMs,
        },
        leadership,
        standing: {
          session,
          canHold: () => guard.canHold(),
          failsafeUntil: (vip) => guard.failsafeUntil(vip),
          cannotServe: (vip) => this.state.current.unready.includes(vip),
        },
        candidates: {
          liveNodes: () => this.membership.liveNodes(),
          pinOf: (vip) => view.pinOf(vip),
          startupGraceUntil: () => this.startupGraceUntil,
          seenSinceStart: (node) => this.membership.seen.has(node),
        },
        peers,
        takeover,
        kernelRefused: async (vip, why) => {
          this.refusals.refuse(vip, why);
          await this.state.checkReadiness();
        },
        transition: (tr) => {
          this.hooks.notify(tr);
          deps.metrics?.transition(tr);
          this.services?.changed();
        },
      },
      create: (spec, context, vipLog) => new VipController(spec, context, vipLog),
      // One readiness check for a burst of new specs; start() checks once for the initial load.
      added: () => (this.ready ? this.state.checkReadinessSoon() : undefined),
    });
    const controllers = this.controllers;
    const lifetimes = new LifetimeRefresher({
      kernel,
      clock,
      lifetimeSec: config.lease.addressLifetimeSec,
      holdMs: config.lease.ttlSeconds * 1000 - config.lease.fenceMarginMs,
      log,
      vips: () => controllers.all.values(),
    });
    this.tick = new Tick({
      intervalMs: config.reconcile.intervalMs,
      log,
      stall: new StallMonitor(log, undefined, stallWarnMs(config.timings.holderFenceMs)),
      vips: () => controllers.all.size,
      // Maintenance, readiness, the sweep, newer holders, takeover records.
      work: async () => {
        this.state.checkMaintenance();
        await this.state.checkReadiness();
        controllers.sweep();
        controllers.yieldToNewer(peers.allHeld());
        takeover.prune((vip) => controllers.all.has(vip));
      },
    });
    this.sessions = new SessionSupervisor({
      client,
      keys,
      lease: config.lease,
      callTimeoutMs,
      clock,
      current,
      log: deps.log,
      metrics: deps.metrics,
      guard,
      lifetimes,
      controllers,
      ready: () => this.ready,
      setReady: (ready) => this.setReady(ready),
      retry: (what, fn) => this.retry(what, fn),
      stopping: () => this.stopping,
    });
    peers.on('changed', () => {
      guard.update();
      if (config.takeover.enabled && peers.memberNames().some((n) => peers.state(n)?.suspect)) {
        void takeover.evaluate(session()?.valid() ?? false);
      }
    });
    peers.on('heldChanged', (node) => controllers.yieldToNewer(peers.heldBy(node)));
    // A peer stopped hearing us while we hear it: say we are alive through etcd now, before it
    // suspects us (the alive timer keeps it up while that lasts).
    if (config.takeover.enabled) peers.on('unheard', () => void takeover.touchAlive(session()));
    if (deps.lb) {
      this.services = new VirtualServices({
        self,
        client,
        keys,
        services: view.services,
        vips: () => view.vips.specs(),
        held: () => controllers.held.held(),
        plane: deps.lb,
        session,
        onQuorumChange: () => void this.state.checkReadiness(),
        log: deps.log.child({ component: 'services' }),
        metrics: deps.metrics?.servicesSink(() => this.services?.backends() ?? []),
      });
    }
    const hookLog = deps.log.child({ component: 'hooks' });
    this.hooks = new HookRunner(config.hooks, { node: self, cluster: config.cluster, log: hookLog });
    deps.metrics?.attach({
      self,
      clock,
      peers,
      checks,
      hooks: this.hooks,
      leaders,
      session,
      held: () => controllers.held.held(),
      vips: () => controllers.all.keys(),
    });
  }

  /** Cleans stale addresses, joins etcd, loads state and starts reconciling. */
  /** Something readiness depends on changed outside the daemon (a BGP session): look again. */
  recheckReadiness(): void {
    // Lost BGP: marked at once (a fence, then a registration anew, must not publish it ready).
    const bgp = bgpUnready(
      this.view.vips.specs().values(),
      this.config.bgp,
      this.deps.bgpSessionUp?.() ?? false,
    );
    if (bgp.size > 0) this.state.markUnreadyNow(bgp);
    this.state.checkReadinessSoon();
  }

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
    const { view, controllers } = this;
    // Registered nodes (etcd) become the heartbeat mesh's peers.
    const updateMembers = (): void => {
      this.peers.setMembers(this.membership.members());
      this.guard.update();
    };
    view.vips.on('changed', (name, spec) => {
      // A VIP the kernel refused here is tried again once its spec changed.
      if (this.refusals.clear(name)) this.state.checkReadinessSoon();
      controllers.specChanged(name, spec);
      this.services?.changed();
    });
    view.nodes.on('change', () => {
      this.membership.changed();
      updateMembers();
      controllers.reconcileAll();
    });
    updateMembers();
    view.drains.on('change', () => {
      this.membership.changed();
      this.state.applyDrain();
      controllers.reconcileAll();
    });
    view.pins.on('change', (key) => {
      const name = Keys.nameUnder(this.keys.pinsPrefix, key);
      if (name !== undefined) controllers.reconcile(name);
    });
    // A change of a leader key wakes its controller through the leadership port (etcd-leadership.ts).
    for (const [name, spec] of view.vips.specs()) controllers.specChanged(name, spec);
    this.hooks.checkVipNames(view.vips.specs().keys());
    await this.state.checkReadiness();
    // Stale rules of an earlier run go before any VIP is taken.
    await this.services?.start();
    this.setReady(true);
    controllers.reconcileAll();
    this.tick.start();
    if (this.config.takeover.enabled) {
      this.aliveTimer = setInterval(
        () => void this.takeover.touchAlive(this.sessions.current),
        this.config.timings.intervalMs,
      );
    }
    this.guard.update();
    this.log.info(
      {
        vips: controllers.all.size,
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
    this.log.info(
      { held: this.controllers.held.held() },
      'stopping: handing over VIPs and releasing leadership',
    );
    // Revoking the lease deletes our node key and every leader key in one revision; without etcd
    // (the revoke failed) the addresses go at once (VipControllers.handOverAll).
    await this.controllers.handOverAll(async () => (await this.sessions.current?.close(true)) ?? false);
    // The VIPs are gone: so go their services' rules.
    await this.services?.stop();
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

  /**
   * What `vipd status` shows (status-report.ts), VIPs and peers by name. `proc`: what main.ts knows (the version, the
   * start time, the kernel agent's state).
   */
  status(proc: { pid: number; vipdVersion: string; startedAt: string; agent: AgentStatus }): NodeStatus {
    const now = this.clock.now();
    const session = this.sessions.current;
    const left = (t: number | undefined): number | null =>
      t === undefined || !Number.isFinite(t) ? null : Math.round(t - now);
    const valid = session?.valid() ?? false;
    const info = this.state.current;
    const held: NodeStatus['held'] = [];
    for (const c of this.controllers.all.values()) {
      const up = c.upNow;
      if (!up) continue;
      held.push({
        name: c.name,
        address: `${up.spec.address}/${up.spec.prefixLen}`,
        interface: up.ifname,
        since: new Date(up.since).toISOString(),
        revision: up.revision,
      });
    }
    return {
      version: STATUS_VERSION,
      now: new Date().toISOString(),
      node: {
        name: this.config.node.name,
        cluster: this.config.cluster,
        pid: proc.pid,
        vipdVersion: proc.vipdVersion,
        startedAt: proc.startedAt,
        ready: this.ready,
        drained: info.drained,
        unready: [...info.unready],
      },
      vipsKnown: this.controllers.all.size,
      held: held.sort(byName),
      peers: this.peers.statusView().sort(byName),
      deadlines: {
        leaseId: session?.leaseId ?? null,
        etcdOk: session?.renewOk ?? false,
        leaseLeftMs: valid && session ? Math.round(session.remainingMs()) : null,
        contactLeftMs: left(this.guard.fastDeadline()),
        holdLeftMs: valid ? left(this.guard.holdDeadline()) : null,
      },
      agent: proc.agent,
    };
  }

  /**
   * The kernel agent fenced or was started anew: every controller drops its VIP and adds it again
   * only once it may (VipControllers.agentLost).
   */
  agentLost(reason: Reason): void {
    this.controllers.agentLost(reason);
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
