/**
 * BGP mode (docs/bgp.md): the gobgpd this vipd starts and drives. It starts gobgpd (API on
 * loopback only), configures this node's AS, router id and peers through the API, and names
 * gobgpd's PID to the kernel agent, whose fence kills it (docs/safety.md, "BGP mode"). The
 * routes it should announce (one host route per held VIP in bgp or both mode) are kept here and
 * put back whenever gobgpd had to be started again; a route is given up at once on release and
 * at a fence. Errors never throw into the VIP controllers: a holder whose route could not be
 * announced logs it, and the next look (every RECONCILE_MS) tries again.
 */
import type { BgpConfig } from '@vipd/config';
import {
  GobgpClient,
  type GobgpdProcess,
  type HostRoute,
  medOfRevision,
  routeName,
  startGobgpd,
  warmUp,
} from '@vipd/bgp';
import { errorLine, type Logger } from '@vipd/log';
import type { VipSpec } from '@vipd/store';

/** How often the announced routes are compared with gobgpd's. */
const RECONCILE_MS = 2000;
/** How often the sessions' state is read (a node without one may not hold a BGP VIP). */
const SESSIONS_MS = 250;
/**
 * Failed reads of the sessions in a row before they count as down: one read that misses its
 * deadline on a busy host must not make the node hand over every bgp VIP. A fence says "down"
 * at once by itself (gobgpd is killed: onExit).
 */
const READ_FAILURES_DOWN = 3;
/** After gobgpd ended on its own (or was killed by a fence), how soon it is started again. */
const RESTART_MS = 1000;
/** How long a fresh gobgpd may take to answer its API. */
const START_TIMEOUT_MS = 10_000;

export interface BgpSpeakerDeps {
  config: BgpConfig;
  log: Logger;
  /** Names gobgpd's PID to the kernel agent: its fence kills it (kill-on-fence). */
  killOnFence: (pid: number) => Promise<void>;
  /** At least one session became established, or none is any more. */
  onSessionChange?: (up: boolean) => void;
}

/** What `vipd status` and the metrics show (as last read; no call to gobgpd). */
export interface BgpStatus {
  /** gobgpd runs and answered. */
  running: boolean;
  /** Each configured peer's session state as gobgpd last said (ESTABLISHED, ACTIVE, …). */
  peers: { address: string; asn: number; state: string }[];
  /** Host routes of held VIPs this node announces (ADDR/LEN). */
  announced: string[];
}

export class BgpSpeaker {
  private proc: GobgpdProcess | undefined;
  private client: GobgpClient | undefined;
  /** The routes held VIPs want announced, by VIP address (with the fencing revision they are held under). */
  private readonly wanted = new Map<string, HostRoute & { vip: string; rev?: string }>();
  /**
   * VIP addresses whose last announcement failed: sent again by reconcile even when gobgpd has a
   * route for them (an earlier one, with another revision's MED).
   */
  private readonly unsent = new Set<string>();
  /** A read of the sessions, or a reconcile, still in flight: the timer's next turn skips. */
  private reading = false;
  private reconciling = false;
  private readFailures = 0;
  /**
   * Bumped when gobgpd is known gone (a fence, its exit): a read of the sessions begun before
   * that answers about the old gobgpd and is dropped. A read in flight when vipd was frozen
   * can come back on SIGCONT with the old "ESTABLISHED" after the fence said no session: the
   * resumed node would look ready for a moment and be handed a VIP it cannot announce.
   */
  private generation = 0;
  private timer: NodeJS.Timeout | undefined;
  private sessionTimer: NodeJS.Timeout | undefined;
  /** At least one peer's session is established (as last read). */
  private up = false;
  /** The peers as last read (see snapshot). */
  private lastPeers: BgpStatus['peers'] = [];
  private restartTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private starting: Promise<void> | undefined;
  private readonly log: Logger;
  private problemLogged = new Set<string>();

  constructor(private readonly d: BgpSpeakerDeps) {
    this.log = d.log;
  }

  /** Starts gobgpd and configures it; rejects (one line) when gobgpd cannot be started. */
  async start(): Promise<void> {
    await this.launch();
    this.timer = setInterval(() => void this.reconcile(), RECONCILE_MS);
    this.timer.unref();
    this.sessionTimer = setInterval(() => void this.readSessions(), SESSIONS_MS);
    this.sessionTimer.unref();
  }

  /** Whether at least one BGP session is established: without one a route attracts nothing. */
  get sessionUp(): boolean {
    return this.up;
  }

  private setUp(up: boolean, peers: string): void {
    if (up === this.up) return;
    this.up = up;
    if (up) this.log.info({ peers }, 'BGP session established: this node can hold BGP VIPs');
    else this.log.warn({ peers }, 'no BGP session established: this node cannot hold BGP VIPs');
    this.d.onSessionChange?.(up);
  }

  private async readSessions(): Promise<void> {
    const c = this.client;
    if (!c) return this.setUp(false, 'gobgpd not running');
    if (this.reading) return;
    this.reading = true;
    const generation = this.generation;
    try {
      const peers = await c.peers();
      if (generation !== this.generation) return;
      this.readFailures = 0;
      const before = JSON.stringify(this.lastPeers);
      this.lastPeers = peers.map((p) => ({ address: p.address, asn: p.asn, state: p.state }));
      // Any session's change is published (vipadm node list), not only "some up" / "none up".
      if (JSON.stringify(this.lastPeers) !== before) this.d.onSessionChange?.(this.up);
      this.setUp(
        peers.some((p) => p.state === 'ESTABLISHED'),
        peers.map((p) => `${p.address} ${p.state}`).join(', '),
      );
    } catch (err) {
      if (generation !== this.generation) return;
      if (++this.readFailures >= READ_FAILURES_DOWN) this.setUp(false, errorLine(err));
    } finally {
      this.reading = false;
    }
  }

  /**
   * The route of a VIP in bgp/both mode on this node, or why there is none. Held under
   * `revision` (its leader key's create revision), it carries that revision's MED: the newest
   * holder's route wins on the router over any stale one (docs/bgp.md).
   */
  routeFor(spec: VipSpec, revision?: string): HostRoute | { problem: string } {
    const nextHop =
      spec.family === 4 ? (this.d.config.nextHop ?? this.d.config.routerId) : this.d.config.nextHop6;
    if (nextHop === undefined) return { problem: 'an IPv6 VIP in BGP mode needs bgp.nextHop6 on this node' };
    return {
      address: spec.address,
      nextHop,
      ...(revision !== undefined && { med: medOfRevision(revision) }),
    };
  }

  /** The VIP is up here: announce its host route (now, and again whenever gobgpd restarts). */
  async announce(spec: VipSpec, revision?: string): Promise<void> {
    const route = this.routeFor(spec, revision);
    if ('problem' in route) {
      this.log.error({ vip: spec.name, problem: route.problem }, 'cannot announce the VIP over BGP');
      return;
    }
    const known = this.wanted.get(route.address);
    this.wanted.set(route.address, {
      ...route,
      vip: spec.name,
      ...(revision !== undefined && { rev: revision }),
    });
    // A lifetime refresh under the same revision: already announced.
    if (known?.nextHop === route.nextHop && known.med === route.med) return;
    await this.send('announce', route, spec.name, revision);
  }

  /** The VIP is going down here: withdraw its host route. */
  async withdraw(spec: VipSpec): Promise<void> {
    const route = this.wanted.get(spec.address);
    if (!route) return;
    this.wanted.delete(spec.address);
    this.unsent.delete(spec.address);
    await this.send('withdraw', route, spec.name, route.rev);
  }

  /**
   * A fence removed every address and killed gobgpd: nothing is announced any more, and no
   * session is up (said at once: the exit of gobgpd may be noticed later than the fence).
   */
  forgetAll(): void {
    this.generation++;
    this.wanted.clear();
    this.unsent.clear();
    this.setUp(false, 'fenced: the kernel agent killed gobgpd');
  }

  /**
   * Why a VIP in bgp mode may not be added now (undefined: it may): without an established
   * session its route would reach no router. A VIP already announced keeps its refreshes.
   */
  cannotAdd(spec: VipSpec): string | undefined {
    if (this.wanted.has(spec.address)) return undefined;
    return this.up ? undefined : 'no BGP session established';
  }

  /** The state as last read (every SESSIONS_MS): for `vipd status` and the metrics. */
  snapshot(): BgpStatus {
    const running = this.client !== undefined;
    return {
      running,
      peers: running
        ? this.lastPeers
        : this.d.config.peers.map((p) => ({ address: p.address, asn: p.asn, state: 'DOWN' })),
      announced: [...this.wanted.values()].map(routeName).sort(),
    };
  }

  /** Stops gobgpd (its sessions end with a NOTIFICATION: the routers withdraw at once). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearInterval(this.sessionTimer);
    clearTimeout(this.restartTimer);
    await this.starting?.catch(() => undefined);
    this.client?.close();
    await this.proc?.stop();
  }

  private async send(
    kind: 'announce' | 'withdraw',
    route: HostRoute,
    vip: string,
    rev: string | undefined,
  ): Promise<void> {
    const c = this.client;
    if (!c) return; // starting again: announced from `wanted` once it runs
    try {
      await (kind === 'announce' ? c.announce(route) : c.withdraw(route));
      if (kind === 'announce') this.unsent.delete(route.address);
      this.log.info(
        { vip, rev, route: routeName(route), nextHop: route.nextHop, med: route.med },
        `BGP route ${kind === 'announce' ? 'announced' : 'withdrawn'}`,
      );
    } catch (err) {
      if (kind === 'announce' && this.wanted.has(route.address)) this.unsent.add(route.address);
      this.log.error(
        { vip, rev, route: routeName(route), err: errorLine(err) },
        `BGP ${kind} failed; retried within ${RECONCILE_MS} ms`,
      );
    }
  }

  private launch(): Promise<void> {
    this.starting = this.launchOnce().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async launchOnce(): Promise<void> {
    const cfg = this.d.config;
    const proc = await startGobgpd({
      binary: cfg.gobgpd,
      apiAddress: cfg.api,
      onLine: (line) => this.gobgpdSays(line),
    });
    const client = new GobgpClient({ address: cfg.api });
    // Parses GoBGP's protos now, not on a takeover's first announcement (~80 ms once).
    warmUp();
    try {
      // Named to the agent before any route exists: a fence from now on ends it.
      await this.d.killOnFence(proc.pid);
      await client.waitReady(START_TIMEOUT_MS);
      // What answers must be the gobgpd just started: still running, its speaker not started
      // by anyone else (one started before ours could bind would answer in its place).
      if (!proc.running) throw new Error(`gobgpd exited at start (is ${cfg.api} in use?)`);
      if (await client.speaker())
        throw new Error(`the gobgpd answering at ${cfg.api} was configured before vipd started it: not ours`);
      await client.startBgp({ asn: cfg.asn, routerId: cfg.routerId });
      for (const p of cfg.peers) {
        await client.addPeer({
          address: p.address,
          // IPv6 VIPs travel over every session once this node has an IPv6 next hop.
          families: cfg.nextHop6 !== undefined ? [4, 6] : p.address.includes(':') ? [6] : [4],
          asn: p.asn,
          holdTimeSec: p.holdTimeSec,
          connectRetrySec: p.connectRetrySec,
          ...(p.password !== undefined && { password: p.password }),
        });
      }
    } catch (err) {
      client.close();
      await proc.stop(500);
      throw err;
    }
    this.proc = proc;
    this.client = client;
    this.log.info(
      {
        pid: proc.pid,
        api: cfg.api,
        asn: cfg.asn,
        routerId: cfg.routerId,
        peers: cfg.peers.map((p) => `${p.address} AS${p.asn}`),
      },
      'gobgpd started',
    );
    void proc.exited.then((how) => this.onExit(proc, how));
    for (const [, route] of this.wanted) await this.send('announce', route, route.vip, route.rev);
  }

  /** gobgpd's own log line, at its own level (logrus `level=…`; unknown: warn). */
  private gobgpdSays(line: string): void {
    const level = /\blevel=(\w+)/.exec(line)?.[1];
    const fields = { gobgpd: line.slice(0, 500) };
    if (level === 'debug' || level === 'trace') this.log.debug(fields, 'gobgpd says');
    else if (level === 'info') this.log.info(fields, 'gobgpd says');
    else if (level === 'error' || level === 'fatal' || level === 'panic')
      this.log.error(fields, 'gobgpd says');
    else this.log.warn(fields, 'gobgpd says');
  }

  private onExit(proc: GobgpdProcess, how: number | string): void {
    if (this.proc !== proc) return;
    this.generation++;
    this.client?.close();
    this.proc = undefined;
    this.client = undefined;
    // Its PID is no longer ours to name to the agent (0: forget it).
    this.d.killOnFence(0).catch(() => undefined);
    if (this.stopped) return;
    this.setUp(false, 'gobgpd ended');
    this.log.error(
      { exit: how, restartInMs: RESTART_MS },
      'gobgpd ended (killed by a fence, or failed); starting it again',
    );
    this.scheduleRestart();
  }

  private scheduleRestart(): void {
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      if (this.stopped || this.proc) return;
      this.launch().catch((err: unknown) => {
        this.log.error({ err: errorLine(err) }, 'gobgpd did not start; trying again');
        this.scheduleRestart();
      });
    }, RESTART_MS);
  }

  /** What gobgpd announces against what the held VIPs want: adds what is missing, drops the rest. */
  private async reconcile(): Promise<void> {
    const c = this.client;
    if (!c || this.starting || this.reconciling) return;
    this.reconciling = true;
    try {
      // Without bgp.nextHop6 no IPv6 route is ever announced here: nothing of IPv6 to read.
      const have = new Set([
        ...(await c.announced(4)),
        ...(this.d.config.nextHop6 !== undefined ? await c.announced(6) : []),
      ]);
      const want = new Map([...this.wanted.values()].map((r) => [routeName(r), r]));
      for (const [name, route] of want)
        if (!have.has(name) || this.unsent.has(route.address))
          await this.send('announce', route, route.vip, route.rev);
      for (const name of have) {
        if (want.has(name)) continue;
        const address = name.slice(0, name.lastIndexOf('/'));
        await c
          .withdraw({ address, nextHop: address.includes(':') ? '::' : '0.0.0.0' })
          .catch(() => undefined);
      }
      this.problemLogged.clear();
    } catch (err) {
      const line = errorLine(err);
      if (!this.problemLogged.has(line)) this.log.warn({ err: line }, 'cannot read gobgpd’s routes');
      this.problemLogged.add(line);
    } finally {
      this.reconciling = false;
    }
  }
}
