// The kernel agent's client. vipd-agent (native/vipd-agent.c, built to build/vipd-agent) is the
// only thing that changes vipd's addresses, and the dead-man's switch that removes them all when
// vipd dies or stops beating. It runs as vipd's child, or as its own service that vipd connects to
// (`vipd-agent --listen PATH`, so that a freeze or kill of vipd's cgroup does not reach it).
//
// Why one process for both: the fence and the changes must be ordered. Before, changes went to an
// `ip -batch` helper and the fence to a separate switch; a change queued before a fence could run
// after it and bring an address back. Here every add and refresh carries the agent's **fence
// epoch** as this client last heard it; every fence bumps the epoch, so whatever was sent before
// the fence (and reaches the agent after it) is refused as `stale`. A refresh of an address the
// agent does not track (fenced, removed) is refused too: it can never re-create one.
//
// Protocol: see the header of native/vipd-agent.c. Commands made in one tick go out together, at
// most WRITE_LINES per write and the next only once the pipe took the last (so that a beat never
// waits behind thousands of queued changes: beats and fences go before queued commands, and
// lifetime refreshes a window at a time beside the other changes: see REFRESH_WINDOW); the
// agent sends them to the kernel in rtnetlink batches and answers each in order, so a reply for
// id N means every earlier command was answered (an earlier one without a reply was lost to the
// agent's full output buffer; it is rejected as transient). Beats carry the absolute deadline on
// CLOCK_MONOTONIC (`T`) when the agent says it understands them (`ready <epoch> T`): a beat read
// late cannot move the fence later than vipd meant.
//
// How vipd uses it: add() tracks and adds, keepLifetimes() has the agent push the lifetimes of
// what it added forward by itself (refresh() does it one command per address, for an older agent
// and for failsafe VIPs),
// remove() removes and untracks, beat(ms left until its own deadline) after every renewal,
// fenceNow() on its own fence paths. addRoute()/addRule() and removeRoute()/removeRule() do the
// same for the routes and rules that come with a VIP (keepalived's virtual_routes and
// virtual_rules): tracked like addresses, so the fence removes them too. addVmac()/removeVmac():
// the macvlan of a virtual MAC (keepalived's use_vmac), deleted by the fence as well. 'fenced' tells it the agent removed everything (its
// addresses are gone: drop them). A clean shutdown removes its addresses, then close()s.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { accessSync, constants } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { type Logger, silentLogger } from '@vipd/log';
import {
  normalizeKey,
  agentOptionTokens,
  resolveLabel,
  validateLifetime,
  type AddressKey,
  type AddressSpec,
} from './address-args';
import {
  describeRoute,
  describeRule,
  routeArgs,
  ruleArgs,
  type RouteSpec,
  type RuleSpec,
} from './route-args';
import type { VmacSpec } from './vmac';
import {
  AgentFencedError,
  AgentGoneError,
  AgentNotBuiltError,
  InterfaceNotFoundError,
  InvalidArgumentError,
  KernelRefusedError,
  NetifError,
} from './errors';

export interface KernelAgentOptions {
  /** Path of the vipd-agent binary (spawn mode). Default: `<package root>/build/vipd-agent`. */
  readonly binaryPath?: string;
  /** Connect to `vipd-agent --listen PATH` instead of spawning one. */
  readonly socketPath?: string;
  /** Receives the agent's log lines (component 'agent') and this class's own warnings. */
  readonly logger?: Logger;
  /** close() waits this long for the agent to end, then kills it (spawn mode). Default 2000. */
  readonly closeTimeoutMs?: number;
}

export interface AgentFence {
  readonly reason: 'eof' | 'deadline' | 'request' | 'signal' | 'unknown' | string;
  /** The epoch after the fence: commands must carry it from now on. */
  readonly epoch: number;
  readonly removed: number;
  readonly absent: number;
  readonly failed: number;
  /** How long the fence took, from its deadline (or from noticing EOF, or the request). */
  readonly ms: number;
  /** Its line was lost (learnt from a refused command): what it removed is not known. */
  readonly unknown?: true;
}

/**
 * The agent's report on the lifetimes it keeps (keepLifetimes), at most once a second and only
 * when something went wrong since the last: `late` refreshes came after the address's lifetime
 * had run out (the kernel had removed it; the refresh added it back), the oldest `maxAgeMs` after
 * its last change; `failed` were refused (`err` the first one's errno name) and are tried again.
 */
export interface KeptLifetimes {
  readonly refreshed: number;
  readonly late: number;
  readonly maxAgeMs: number;
  readonly failed: number;
  readonly err?: string;
}

export interface AgentExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** True when close() asked for it; false means the addresses were left unguarded. */
  readonly expected: boolean;
  readonly error?: Error;
}

type Outcome = 'ok' | 'absent';
interface Pending {
  /** Given when the line is written: replies come in writing order. */
  id?: number;
  line: (epoch: number) => string;
  /** Set when the line was written (lines wait for the agent's `ready`). */
  epoch?: number;
  resolve: (outcome: Outcome) => void;
  reject: (err: NetifError) => void;
  context: { ifname: string; address: string };
  /** A lifetime refresh (the low-priority lane; see REFRESH_WINDOW). */
  refresh?: true;
  /** A removal of the same address came first: never written, settled as done. */
  superseded?: true;
}

/** Commands settled per event-loop turn at most (see onLine). */
const SETTLES_PER_TURN = 32;
/**
 * The agent's error codes that are the kernel saying no to this change (KernelRefusedError).
 * ENODEV is a missing interface; ETIMEDOUT and EOTHER may pass; ENOSPC is the agent's own table.
 */
const KERNEL_REFUSALS = new Set([
  'EINVAL',
  'EEXIST',
  'EADDRNOTAVAIL',
  'EPERM',
  'ENETUNREACH',
  'ERANGE',
  'ESRCH',
  'ENOENT',
]);

/** `<package root>/build/vipd-agent` (this file runs from dist/). */
export const DEFAULT_AGENT_BINARY = resolve(__dirname, '..', 'build', 'vipd-agent');
const MAX_BEAT_MS = 600_000;
const MAX_LINE = 255;
/** Command lines per write at most (see the header). */
const WRITE_LINES = 256;
/**
 * Lifetime refreshes written and not answered yet, at most. A refresh of every held address is
 * a long run of work for the kernel (IPv6: ~0.55 ms per address at 2000, each change walks every
 * address's lifetime), and the agent answers in order: a removal written behind it waited for all
 * of it (a handover's address outlived the successor's add by ~0.7 s at 2000 VIPs). So refreshes
 * go out a window at a time (the next half once half is answered), beside the other changes and
 * never starved by them (behind a cold start's adds, addresses already up outlived their 2 s
 * lifetime), and a removal waits behind one window at most (~70 ms at 2000 IPv6 addresses). A
 * smaller window costs nothing on a quiet host (2000 IPv6 addresses, 2026-12-07: 1.07–1.10 s with
 * 64, 128 or unbounded), but every refill waits for vipd's event loop: at a load average of 11,
 * 64 made a refresh 2.4–2.8 s against 1.2–1.3 s unbounded.
 */
const REFRESH_WINDOW = 128;

/** Milliseconds on CLOCK_MONOTONIC, the agent's clock (libuv's hrtime is CLOCK_MONOTONIC on Linux). */
function monotonicMs(): number {
  return Number(process.hrtime.bigint() / 1_000_000n);
}

const noop = (): void => undefined;
/** Error context of a route or rule: `address` says which (the agent's errors name it). */
const routeContext = (r: RouteSpec) => ({ ifname: r.dev ?? '', address: `route ${describeRoute(r)}` });
const ruleContext = (r: RuleSpec) => ({ ifname: '', address: `rule ${describeRule(r)}` });
const refreshKey = (k: { ifname: string; address: string }): string => `${k.ifname} ${k.address}`;

/**
 * One connection to a kernel agent. Events: 'fenced' (AgentFence), 'kept' (KeptLifetimes), 'exit' (AgentExit, once),
 * 'unexpectedExit' (AgentExit, when it ended without close()). Never emits 'error'.
 */
export class KernelAgent extends EventEmitter {
  /** Resolves true once the agent answered `ready`, false if it ended first. */
  readonly ready: Promise<boolean>;
  /** Resolves (never rejects) once the agent has gone and its output was read. */
  readonly exited: Promise<AgentExit>;
  /** The fence epoch as last heard (0 until ready). */
  epoch = 0;
  /** The last beat had no budget left (and asked for a fence). */
  private outOfBudget = false;
  private readonly log: Logger;
  private readonly closeTimeoutMs: number;
  private readonly input: Writable;
  private readonly child: ChildProcessByStdio<Writable, Readable, null> | undefined;
  private readonly socket: Socket | undefined;
  private isReady = false;
  private closing = false;
  private exitInfo: AgentExit | undefined;
  private nextId = 1;
  /** Commands written and not answered yet, oldest first (replies come in this order). */
  private readonly pending = new Map<number, Pending>();
  /** Adds and removals not yet written, in order. */
  private queue: Pending[] = [];
  /** Refreshes not yet written, in order, from refreshHead on (written after the queue). */
  private refreshes: Pending[] = [];
  private refreshHead = 0;
  /** The queued refresh of each address (ifname and address), for a removal to supersede. */
  private readonly queuedRefresh = new Map<string, Pending>();
  private refreshesInFlight = 0;
  /** Fences not written yet: they go before queued commands. */
  private control: string[] = [];
  /** The deadline (CLOCK_MONOTONIC ms) of the newest beat not written yet (see beat). */
  private beatAt: number | undefined;
  /** The agent takes absolute beats (`T`; its ready line says so). */
  private absoluteBeats = false;
  /** The agent can keep lifetimes itself (`L`; its ready line says so). */
  private canKeep = false;
  private waitingForDrain = false;
  /** Lines read but not handled yet (see onLine), from backlogHead on. */
  private backlog: string[] = [];
  private backlogHead = 0;
  private settledThisTurn = 0;
  private turnScheduled = false;
  private flushScheduled = false;
  private resolveReady: (ready: boolean) => void = noop;
  private resolveExited: (exit: AgentExit) => void = noop;

  /** Spawns the agent, or connects to it; throws AgentNotBuiltError if the binary is missing. */
  constructor(options: KernelAgentOptions = {}) {
    super();
    this.log = (options.logger ?? silentLogger()).child({ component: 'agent' });
    this.closeTimeoutMs = options.closeTimeoutMs ?? 2000;
    this.ready = new Promise((r) => (this.resolveReady = r));
    this.exited = new Promise((r) => (this.resolveExited = r));
    let output: Readable;
    if (options.socketPath !== undefined) {
      const socket = createConnection(options.socketPath);
      socket.on('error', (error) => {
        this.log.error({ socket: options.socketPath, err: error.message }, 'kernel agent connection failed');
        this.finish({ code: null, signal: null, error });
      });
      socket.on('close', () => this.finish({ code: null, signal: null }));
      this.socket = socket;
      this.input = socket;
      output = socket;
    } else {
      const binaryPath = options.binaryPath ?? DEFAULT_AGENT_BINARY;
      try {
        accessSync(binaryPath, constants.X_OK);
      } catch (error) {
        throw new AgentNotBuiltError(binaryPath, error);
      }
      // detached: its own process group, so a terminal's Ctrl-C / Ctrl-Z meant for vipd does not
      // stop it too. stderr inherited: its fence summaries reach the journal after vipd's death.
      const child = spawn(binaryPath, [], { stdio: ['pipe', 'pipe', 'inherit'], detached: true });
      child.on('error', (error) => {
        this.log.error({ err: error.message }, 'vipd-agent failed');
        if (child.pid === undefined) this.finish({ code: null, signal: null, error });
      });
      child.on('close', (code, signal) => this.finish({ code, signal }));
      child.stdin.on('error', noop); // the agent gone: 'close' reports it
      this.child = child;
      this.input = child.stdin;
      output = child.stdout;
    }
    createInterface({ input: output }).on('line', (line) => this.onLine(line));
  }

  /** PID of the agent in spawn mode. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** True until the agent has gone or close() was called. */
  get running(): boolean {
    return this.exitInfo === undefined && !this.closing;
  }

  /** Adds the address or replaces it (new lifetime), and tracks it. Rejects with a NetifError. */
  async add(spec: AddressSpec): Promise<void> {
    const key = normalizeKey(spec);
    const lft = validateLifetime(key);
    const label = resolveLabel(key);
    const cidr = `${key.address}/${key.prefixLen}`;
    const tail = [...(label ? [label] : []), ...agentOptionTokens(key)].map((t) => ` ${t}`).join('');
    await this.command(key, (id, e) => `A ${id} ${e} ${key.ifname} ${cidr} ${lft}${tail}`);
  }

  /**
   * Adds (or replaces) a route and tracks it: the fence removes it with the addresses. Rejects
   * with a NetifError (InvalidArgumentError for a bad spec, before anything is written).
   */
  async addRoute(route: RouteSpec): Promise<void> {
    const args = routeArgs(route);
    await this.command(routeContext(route), (id, e) => `route-add ${id} ${e} ${args}`);
  }

  /** Removes a route of vipd's and untracks it: true when it was there. */
  async removeRoute(route: RouteSpec): Promise<boolean> {
    const args = routeArgs(route);
    return (await this.command(routeContext(route), (id) => `route-del ${id} ${args}`)) === 'ok';
  }

  /** Adds a rule (once: a tracked one is not added again) and tracks it. */
  async addRule(rule: RuleSpec): Promise<void> {
    const args = ruleArgs(rule);
    await this.command(ruleContext(rule), (id, e) => `rule-add ${id} ${e} ${args}`);
  }

  /** Removes a rule of vipd's and untracks it: true when it was there. */
  async removeRule(rule: RuleSpec): Promise<boolean> {
    const args = ruleArgs(rule);
    return (await this.command(ruleContext(rule), (id) => `rule-del ${id} ${args}`)) === 'ok';
  }

  /**
   * Creates the macvlan of a virtual MAC (or updates one of that name), up, and tracks it: the
   * fence deletes it. Rejects with a NetifError (an interface of that name that is not a
   * macvlan: EOPNOTSUPP).
   */
  async addVmac(vmac: VmacSpec): Promise<void> {
    if (!/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(vmac.mac)) {
      throw new InvalidArgumentError(`virtual MAC ${JSON.stringify(vmac.mac)} is malformed`, {
        ifname: vmac.name,
      });
    }
    await this.command(
      { ifname: vmac.parent, address: `vmac ${vmac.name} (${vmac.mac})` },
      (id, e) => `vmac-add ${id} ${e} ${vmac.parent} ${vmac.name} ${vmac.mac}`,
    );
  }

  /** Deletes the macvlan (with whatever addresses are on it) and untracks it: true when it was there. */
  async removeVmac(name: string): Promise<boolean> {
    return (
      (await this.command({ ifname: name, address: `vmac ${name}` }, (id) => `vmac-del ${id} ${name}`)) ===
      'ok'
    );
  }

  /**
   * The next fence SIGKILLs this process before it removes anything (BGP mode: vipd's gobgpd,
   * so that its sessions close and the routers withdraw its routes while vipd is frozen or
   * dead). The agent holds it by a pidfd from the answer on; 0 forgets it. Rejects with a
   * NetifError when the process is gone (ESRCH).
   */
  async killOnFence(pid: number): Promise<void> {
    if (!Number.isInteger(pid) || pid < 0) {
      throw new InvalidArgumentError(`kill-on-fence: ${pid} is not a PID`, { ifname: '' });
    }
    await this.command({ ifname: '', address: `process ${pid}` }, (id) => `kill-on-fence ${id} ${pid}`);
  }

  /**
   * Pushes the lifetimes of tracked addresses forward, all in this tick's batch. Resolves with
   * those that failed (fenced, untracked, gone), each with the reason.
   */
  async refresh(specs: readonly AddressSpec[]): Promise<{ spec: AddressSpec; message: string }[]> {
    const outcomes = await Promise.allSettled(
      specs.map((s) => {
        const key = normalizeKey(s);
        const lft = validateLifetime(key);
        // IPv6 replaces the address's flags on every refresh: noprefixroute must be said again.
        const tail = agentOptionTokens(key)
          .map((t) => ` ${t}`)
          .join('');
        return this.command(
          key,
          (id, e) => `R ${id} ${e} ${key.ifname} ${key.address}/${key.prefixLen} ${lft}${tail}`,
          true,
        );
      }),
    );
    return outcomes.flatMap((o, i) =>
      o.status === 'fulfilled'
        ? []
        : [{ spec: specs[i]!, message: o.reason instanceof Error ? o.reason.message : String(o.reason) }],
    );
  }

  /**
   * Removes and untracks it: true when it was there, false when it was already absent. Goes
   * before refreshes not written yet; one of this address is dropped (its refresh() reports it
   * done: the address is meant to go).
   */
  async remove(input: AddressKey): Promise<boolean> {
    const key = normalizeKey(input);
    const queued = this.queuedRefresh.get(refreshKey(key));
    if (queued) {
      this.queuedRefresh.delete(refreshKey(key));
      queued.superseded = true;
      queued.resolve('absent');
    }
    return (
      (await this.command(key, (id) => `D ${id} ${key.ifname} ${key.address}/${key.prefixLen}`)) === 'ok'
    );
  }

  /**
   * Moves the deadline to now + budgetMs (floored; above 600000 clamped, which only makes it
   * earlier). A budget below 1 ms means the deadline has passed: fence now.
   */
  beat(budgetMs: number): boolean {
    if (Number.isNaN(budgetMs)) {
      this.log.error({ budgetMs }, 'beat: budget is not a number; ignored');
      return false;
    }
    const ms = Math.min(Math.floor(budgetMs), MAX_BEAT_MS);
    if (ms < 1) {
      // Once is enough: until a beat with budget comes, nothing was added that a second fence
      // could remove, and each fence cancels whatever changes are in flight.
      if (this.outOfBudget) return true;
      this.outOfBudget = true;
      this.log.warn({ budgetMs }, 'beat with no budget left: fencing now');
      return this.send('F');
    }
    this.outOfBudget = false;
    if (!this.running) return false;
    // The deadline itself; written as T (or, to an agent without T, as B from the moment of
    // writing) when flushed: a beat made before `ready` must not end up later than meant.
    this.beatAt = monotonicMs() + ms;
    return this.flush();
  }

  /**
   * Whether the agent can refresh the lifetimes of the addresses it added by itself (see
   * keepLifetimes): known once `ready` resolved true. An older agent (a vipd-agent.service not
   * restarted since an upgrade) cannot, and vipd refreshes them with refresh() as before.
   */
  get keepsLifetimes(): boolean {
    return this.isReady && this.canKeep;
  }

  /**
   * For the next `forMs` (while its deadline holds too) the agent refreshes every address it
   * added once its last add or refresh is `afterMs` old (100..600000), with that add's lifetime
   * and options, a few at a time between commands: no round of refreshes waits for vipd, and no
   * command waits behind one. `afterMs` 0: no longer. Late or failed refreshes come back as
   * 'kept' events (KeptLifetimes). False when the agent cannot (keepsLifetimes) or is gone.
   */
  keepLifetimes(afterMs: 0): boolean;
  keepLifetimes(afterMs: number, forMs: number): boolean;
  keepLifetimes(afterMs: number, forMs?: number): boolean {
    if (!Number.isInteger(afterMs) || (afterMs !== 0 && (afterMs < 100 || afterMs > MAX_BEAT_MS))) {
      throw new InvalidArgumentError(`keep lifetimes: ${afterMs} ms is not 0 or 100..${MAX_BEAT_MS}`, {
        ifname: '',
      });
    }
    if (afterMs !== 0 && (forMs === undefined || !Number.isFinite(forMs) || forMs < 0)) {
      throw new InvalidArgumentError(`keep lifetimes: for how long (${forMs}) must be given, 0 ms or more`, {
        ifname: '',
      });
    }
    if (!this.keepsLifetimes) return false;
    if (afterMs === 0) return this.send('L 0');
    const until = monotonicMs() + Math.min(Math.floor(forMs ?? 0), MAX_BEAT_MS);
    return this.send(`L ${afterMs} ${until}`);
  }

  /** Removes every tracked address now. */
  fenceNow(): boolean {
    return this.send('F');
  }

  /**
   * Ends the stream (the agent removes whatever is still tracked; a child exits, a service waits
   * for the next connection) and waits for the end, at most closeTimeoutMs. Idempotent.
   */
  async close(): Promise<AgentExit> {
    if (this.exitInfo !== undefined) return this.exitInfo;
    this.flush(true);
    this.closing = true;
    this.input.end();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>(
      (r) => (timer = setTimeout(() => r('timeout'), this.closeTimeoutMs)),
    );
    const first = await Promise.race([this.exited, timedOut]);
    clearTimeout(timer);
    if (first === 'timeout') {
      this.log.error({ pid: this.pid, timeoutMs: this.closeTimeoutMs }, 'vipd-agent did not end; killing it');
      this.child?.kill('SIGKILL');
      this.socket?.destroy();
    }
    return this.exited;
  }

  private command(
    key: { ifname: string; address: string },
    render: (id: number, epoch: number) => string,
    refresh = false,
  ): Promise<Outcome> {
    if (!this.running) return Promise.reject(this.gone('not running'));
    return new Promise<Outcome>((resolve, reject) => {
      const p: Pending = { line: (e) => render(p.id!, e), resolve, reject, context: key };
      // The epoch is the one known now: a fence after this moment must refuse it.
      if (this.isReady) p.epoch = this.epoch;
      if (refresh) {
        p.refresh = true;
        this.refreshes.push(p);
        this.queuedRefresh.set(refreshKey(key), p);
        this.scheduleFlush();
      } else this.enqueue(p);
    });
  }

  /** Fences: written at once, before whatever commands are still queued. */
  private send(line: string): boolean {
    if (!this.running) {
      this.log.warn({ line }, 'vipd-agent is not running; command dropped');
      return false;
    }
    this.control.push(line);
    return this.flush();
  }

  private enqueue(item: Pending): void {
    this.queue.push(item);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    process.nextTick(() => this.flush());
  }

  /**
   * Writes beats and fences, then up to WRITE_LINES queued commands (`all`: every one, before
   * the end), unless the pipe has not taken the last write yet (then the commands wait for
   * 'drain'). After `ready` only: the epoch must be known.
   */
  private flush(all = false): boolean {
    this.flushScheduled = false;
    if (!this.isReady) return true;
    const room = all ? Infinity : this.waitingForDrain ? 0 : WRITE_LINES;
    const commands = this.queue.splice(0, room);
    // Refreshes get their window whatever else is queued: behind a cold start's thousands of
    // adds they starved, and addresses already up outlived their lifetime (bench:stall).
    commands.push(...this.takeRefreshes(all ? Infinity : this.waitingForDrain ? 0 : this.refreshRoom()));
    if (this.beatAt !== undefined) {
      const at = this.beatAt;
      this.beatAt = undefined;
      this.control.push(this.absoluteBeats ? `T ${at}` : `B ${Math.max(1, at - monotonicMs())}`);
    }
    if (this.control.length === 0 && commands.length === 0) return true;
    const lines = [
      ...this.control,
      ...commands.map((item) => {
        item.id = this.nextId++;
        this.pending.set(item.id, item);
        item.epoch ??= this.epoch;
        return item.line(item.epoch);
      }),
    ];
    this.control = [];
    for (const l of lines) {
      if (l.length > MAX_LINE) this.log.error({ line: l.slice(0, 80) }, 'agent command too long (a bug)');
    }
    try {
      const took = this.input.write(`${lines.join('\n')}\n`);
      if (!took && !this.waitingForDrain) {
        this.waitingForDrain = true;
        this.input.once('drain', () => {
          this.waitingForDrain = false;
          this.flush();
        });
      } else if (took && (this.queue.length > 0 || this.refreshRoom() > 0)) this.scheduleFlush();
      return true;
    } catch (error) {
      this.log.error(
        { err: error instanceof Error ? error.message : String(error) },
        'cannot write to vipd-agent',
      );
      return false;
    }
  }

  /** How many queued refreshes may be written now: a new window once half the last is answered. */
  private refreshRoom(): number {
    if (this.refreshHead >= this.refreshes.length) return 0;
    return this.refreshesInFlight <= REFRESH_WINDOW / 2 ? REFRESH_WINDOW - this.refreshesInFlight : 0;
  }

  /** Up to `max` queued refreshes to write now (within the window), skipping superseded ones. */
  private takeRefreshes(max: number): Pending[] {
    const taken: Pending[] = [];
    let room = max;
    while (room > 0 && this.refreshHead < this.refreshes.length) {
      const p = this.refreshes[this.refreshHead++]!;
      if (p.superseded) continue;
      const key = refreshKey(p.context);
      if (this.queuedRefresh.get(key) === p) this.queuedRefresh.delete(key);
      taken.push(p);
      this.refreshesInFlight++;
      room--;
    }
    if (this.refreshHead >= this.refreshes.length) {
      this.refreshes = [];
      this.refreshHead = 0;
    }
    return taken;
  }

  /**
   * Answers settle at most SETTLES_PER_TURN commands per event-loop turn; the rest wait, in
   * order, for later turns. One read can carry thousands of answers (a fence, a takeover), and
   * the code each settled promise resumes (logs, announcements, the next command) would
   * otherwise all run before the loop could read a heartbeat or beat this agent: a stall that
   * looks like a dead node and makes the agent fence again.
   */
  private onLine(line: string): void {
    if (this.backlogHead < this.backlog.length || this.settledThisTurn >= SETTLES_PER_TURN) {
      this.backlog.push(line);
      this.nextTurn();
      return;
    }
    this.handleLine(line);
  }

  /** Resets the per-turn count in the next turn and works through the backlog. */
  private nextTurn(): void {
    if (this.turnScheduled) return;
    this.turnScheduled = true;
    setImmediate(() => {
      this.turnScheduled = false;
      this.settledThisTurn = 0;
      while (this.backlogHead < this.backlog.length && this.settledThisTurn < SETTLES_PER_TURN) {
        this.handleLine(this.backlog[this.backlogHead++]!);
      }
      if (this.backlogHead >= this.backlog.length) {
        this.backlog = [];
        this.backlogHead = 0;
      } else this.nextTurn();
    });
  }

  /** Every answer read so far, at once (the agent is gone: nothing more will come). */
  private drainBacklog(): void {
    while (this.backlogHead < this.backlog.length) this.handleLine(this.backlog[this.backlogHead++]!);
    this.backlog = [];
    this.backlogHead = 0;
  }

  private handleLine(line: string): void {
    const [word, a, b, ...rest] = line.split(' ');
    switch (word) {
      case 'ok':
      case 'absent':
        return this.settle(Number(a), (p) => p.resolve(word));
      case 'err':
        return this.settle(Number(a), (p) => p.reject(this.failure(p, b ?? 'EOTHER', rest.join(' '))));
      case 'untracked':
        return this.settle(Number(a), (p) =>
          p.reject(
            new AgentFencedError(
              `${p.context.address} is not tracked (fenced or removed meanwhile)`,
              p.context,
            ),
          ),
        );
      case 'stale': {
        this.learnEpoch(Number(b), 'unknown');
        return this.settle(Number(a), (p) =>
          p.reject(
            new AgentFencedError(`cancelled: the kernel agent fenced (epoch ${b}) before it ran`, p.context),
          ),
        );
      }
      case 'fenced': {
        const [, reason, epoch, removed, absent, failed, ms] = line.split(' ');
        const event: AgentFence = {
          reason: reason ?? 'unknown',
          epoch: Number(epoch),
          removed: Number(removed),
          absent: Number(absent),
          failed: Number(failed),
          ms: Number(ms),
        };
        this.epoch = Math.max(this.epoch, event.epoch);
        const level = event.failed > 0 ? 'error' : 'warn';
        this.log[level]({ ...event }, 'kernel agent fenced: every tracked address removed');
        this.emit('fenced', event);
        return;
      }
      case 'ready':
        this.epoch = Number(a);
        this.absoluteBeats = b === 'T';
        this.canKeep = rest.includes('L');
        this.isReady = true;
        this.resolveReady(true);
        this.flush();
        return;
      case 'log': {
        const text = line.slice(line.indexOf(' ', 4) + 1);
        if (a === 'error') this.log.error({}, text);
        else if (a === 'warn') this.log.warn({}, text);
        else this.log.debug({}, text);
        return;
      }
      case 'kept': {
        const [refreshed, late, maxAgeMs, failed, err] = line.split(' ').slice(1);
        const event: KeptLifetimes = {
          refreshed: Number(refreshed),
          late: Number(late),
          maxAgeMs: Number(maxAgeMs),
          failed: Number(failed),
          ...(err !== undefined && err !== '-' && { err }),
        };
        this.emit('kept', event);
        return;
      }
      case 'dropped':
        this.log.error({ lines: Number(a) }, 'vipd-agent dropped output lines (vipd did not read in time)');
        return;
      default:
        this.log.warn({ line }, 'unexpected output from vipd-agent');
    }
  }

  /** A stale reply names a newer epoch: a fence happened whose line we have not seen (yet). */
  private learnEpoch(epoch: number, reason: string): void {
    if (!(epoch > this.epoch)) return;
    this.epoch = epoch;
    const event: AgentFence = { reason, epoch, removed: 0, absent: 0, failed: 0, ms: 0, unknown: true };
    this.emit('fenced', event);
  }

  private settle(id: number, fn: (p: Pending) => void): void {
    this.settledThisTurn++;
    this.nextTurn();
    for (const [pid, p] of this.pending) {
      if (pid > id) break;
      this.pending.delete(pid);
      if (p.refresh) {
        this.refreshesInFlight--;
        if (this.refreshRoom() > 0) this.scheduleFlush();
      }
      if (pid === id) fn(p);
      else
        p.reject(
          new AgentGoneError('the kernel agent lost its answer (its output buffer was full)', p.context),
        );
    }
  }

  private failure(p: Pending, code: string, message: string): NetifError {
    if (code === 'ENODEV')
      return new InterfaceNotFoundError(p.context.ifname, { address: p.context.address });
    // A route's or rule's context names it whole (`route 203.0.113.0/24 via …`).
    const what = p.context.address.includes(' ')
      ? p.context.address
      : `${p.context.address} dev ${p.context.ifname}`;
    if (KERNEL_REFUSALS.has(code))
      return new KernelRefusedError(`${what}: ${message || code}`, code, { ...p.context, stderr: message });
    return new NetifError(`${what}: ${message || code}`, {
      ...p.context,
      stderr: message,
      transient: code === 'ETIMEDOUT' || code === 'EOTHER',
    });
  }

  private gone(why: string, context: { ifname?: string; address?: string } = {}): NetifError {
    return new AgentGoneError(`vipd-agent ${why}`, context);
  }

  private finish(info: Omit<AgentExit, 'expected'>): void {
    if (this.exitInfo !== undefined) return;
    this.drainBacklog();
    const exit: AgentExit = { ...info, expected: this.closing };
    this.exitInfo = exit;
    this.isReady = false;
    this.resolveReady(false);
    const unwritten = [...this.queue, ...this.refreshes.slice(this.refreshHead)];
    for (const p of [...this.pending.values(), ...unwritten])
      if (!p.superseded) p.reject(this.gone('ended with this change unanswered', p.context));
    this.pending.clear();
    this.queue = [];
    this.refreshes = [];
    this.refreshHead = 0;
    this.queuedRefresh.clear();
    this.refreshesInFlight = 0;
    this.control = [];
    this.resolveExited(exit);
    if (exit.expected) this.log.debug({ code: exit.code, signal: exit.signal }, 'vipd-agent ended');
    else
      this.log.error(
        { code: exit.code, signal: exit.signal },
        'vipd-agent ended unexpectedly: VIPs unguarded',
      );
    this.emit('exit', exit);
    if (!exit.expected) this.emit('unexpectedExit', exit);
  }
}
