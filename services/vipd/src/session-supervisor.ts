/**
 * The node's etcd session, supervised: opened at start (through the daemon's retry), replaced
 * when its lease is lost, and what each of its events means for the node: a renewal moves the
 * hold deadline and the kernel lifetimes, a failed one leaves only failsafe VIPs alive, a fence
 * or a lost lease makes the node unready and its controllers drop their VIPs.
 */
import type { VipdConfig } from '@vipd/config';
import { type Clock, errorLine, type Logger } from '@vipd/log';
import { type EtcdClient, type Keys, type NodeInfo, NodeSession } from '@vipd/store';
import type { HolderGuard } from './holder-guard';
import type { LifetimeRefresher } from './lifetime-refresh';
import type { VipdMetrics } from './metrics';
import type { Reason } from './reason-class';

export interface SessionSupervisorOptions {
  client: EtcdClient;
  keys: Keys;
  lease: VipdConfig['lease'];
  callTimeoutMs: number;
  clock: Clock;
  /** This node's record (NodeState.current): registered under each new lease. */
  current: () => NodeInfo;
  /** The daemon's parent logger: each session logs as component 'session'. */
  log: Logger;
  metrics?: Pick<VipdMetrics, 'watchSession'>;
  guard: Pick<HolderGuard, 'update'>;
  lifetimes: Pick<LifetimeRefresher, 'afterRenewal'>;
  /** The node's VIP controllers (vip-controllers.ts). */
  controllers: {
    readonly all: ReadonlyMap<string, { refreshFailsafeLifetime(): void }>;
    reconcileAll(): void;
    /** Every controller drops its VIP (VipControllers.dropAll); never rejects. */
    dropAll(reason: Reason, leaseLost: boolean): Promise<void>;
  };
  ready: () => boolean;
  setReady: (ready: boolean) => void;
  /** Tries `fn` until it succeeds or the daemon stops (retry.ts). */
  retry: (what: string, fn: () => Promise<void>) => Promise<void>;
  /** The daemon is stopping: no new session is opened, and one opened meanwhile is closed. */
  stopping: () => boolean;
}

export class SessionSupervisor {
  private session: NodeSession | undefined;
  /** The last renewal succeeded (see the 'renewed' handler). */
  private renewing = false;

  constructor(private readonly o: SessionSupervisorOptions) {}

  /** The session now: none before the first is open, nor while a lost one is being replaced. */
  get current(): NodeSession | undefined {
    return this.session;
  }

  /** Opens a session (a new lease, our node key under it); rejects if that fails. */
  async open(): Promise<void> {
    const l = this.o.lease;
    const registered = this.o.current();
    const session = await NodeSession.open(
      this.o.client,
      this.o.keys,
      registered,
      {
        ttlSeconds: l.ttlSeconds,
        renewIntervalMs: l.renewIntervalMs,
        fenceMarginMs: l.fenceMarginMs,
        callTimeoutMs: this.o.callTimeoutMs,
        clock: this.o.clock,
      },
      this.o.log.child({ component: 'session' }),
    );
    this.session = session;
    // Our record changed while the lease was granted (a check rose before there was a session
    // to publish it through): the key holds the older one, and NodeState will not publish the
    // same record again. Put the current one now.
    if (this.o.current() !== registered) {
      await session.update(this.o.current()).catch((err: unknown) => {
        this.o.log.warn(
          { err: errorLine(err) },
          'could not publish the node record; the next change retries',
        );
      });
    }
    this.o.metrics?.watchSession(session);
    this.renewing = false;
    // A fresh lease: the hold deadline (and the kernel agent's) moves now, not at the first
    // renewal (a failsafe VIP carried over a lost lease lives on that deadline meanwhile).
    this.o.guard.update();
    session.on('renewed', () => {
      this.o.guard.update();
      void this.o.lifetimes.afterRenewal(session.lastOkAt);
      if (!this.o.ready()) this.o.setReady(true);
      // Back after failed renewals: controllers that stood back may act again. A renewal like
      // any other changes nothing they decide on (the tick still reconciles every second).
      if (!this.renewing) this.o.controllers.reconcileAll();
      this.renewing = true;
    });
    session.on('renewFailed', () => {
      this.renewing = false;
      // Without etcd only failsafe VIPs keep their kernel lifetime going (the rest let it run
      // out as a backstop of the fence).
      for (const c of this.o.controllers.all.values()) c.refreshFailsafeLifetime();
    });
    session.on('fenced', () => {
      this.renewing = false;
      // Controllers drop their VIPs, except those onEtcdLoss: failsafe may keep.
      this.o.setReady(false);
      this.o.guard.update();
      this.o.controllers.reconcileAll();
    });
    session.on('lost', () => {
      this.o.setReady(false);
      // Failsafe VIPs stay while the new session takes their keys again (VipController.leaseLost).
      void this.o.controllers
        .dropAll({ class: 'lease_lost', text: 'lease lost' }, true)
        .then(() => this.replace());
    });
  }

  private async replace(): Promise<void> {
    if (this.o.stopping()) return;
    await this.session?.close(false);
    this.session = undefined;
    await this.o.retry('new etcd session', () => this.open());
    if (this.o.stopping()) {
      // open() ran meanwhile (TypeScript cannot see that through the callback).
      await (this.session as NodeSession | undefined)?.close(true);
      return;
    }
    this.o.setReady(true);
    this.o.controllers.reconcileAll();
  }
}
