// Dead-man's switch for VIP addresses: a tiny C process (native/vipd-fence.c, built to
// build/vipd-fence) that removes the addresses vipd told it about as soon as vipd dies (its stdin
// pipe reaches EOF) or stops beating (a monotonic deadline passes), within about a millisecond,
// whether or not this Node process is alive or scheduled. The kernel lifetime (valid_lft) stays the
// last resort; this switch only makes a killed or frozen daemon's VIP disappear sooner.
//
// Protocol (one ASCII line per message on the child's stdin, at most 256 bytes; malformed lines are
// ignored with an `error:` line on its stderr):
//   A <ifname> <addr>/<plen>   track an address (idempotent)
//   D <ifname> <addr>/<plen>   untrack it (vipd removed it itself)
//   B <ms>                     deadline = now (CLOCK_MONOTONIC) + ms, ms in 1..600000; no deadline
//                              before the first beat nor after a deadline fence
//   F                          remove every tracked address now
// On the deadline, on F, on stdin EOF/error and on SIGTERM/SIGINT/SIGHUP it removes every tracked
// address (rtnetlink RTM_DELADDR, in the namespace it was started in), logs one line per address
// with its delay, and clears the list. After EOF or a signal it exits (0, or 128+signal); after a
// deadline it keeps running: vipd may resume, beat, and re-track. It never exits, except by
// SIGKILL, leaving a tracked address behind. Its stdout: `ready`, then `fenced <reason> <removed>`.
//
// How vipd uses it: track() BEFORE addOrRefreshAddress() (and on every refresh: a deadline fence
// clears the list; track() lines are queued until flush(), which vipd's ip batch calls before it
// writes), untrack() AFTER removeAddress(), beat(ms left until its own local deadline) after
// every successful renewal, fenceNow() in its own fence paths. A clean shutdown removes the
// addresses itself and then close()s: nothing is tracked any more, the child exits 0. If the child
// dies any other way, 'unexpectedExit' is emitted: the VIPs are no longer guarded, so drop them
// (or start a new switch and re-track) at once.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { accessSync, constants } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { validateIfname } from './address-args';
import { NetifError } from './errors';

/** The logging surface of @vipd/log (structurally identical; netif has no dependencies). */
export interface FenceLogger {
  debug(fields: Record<string, unknown>, msg: string): void;
  info(fields: Record<string, unknown>, msg: string): void;
  warn(fields: Record<string, unknown>, msg: string): void;
  error(fields: Record<string, unknown>, msg: string): void;
  child(bindings: Record<string, unknown>): FenceLogger;
}

export interface FenceSwitchOptions {
  /** Path of the vipd-fence binary. Default: `<package root>/build/vipd-fence`. */
  readonly binaryPath?: string;
  /** Receives the child's stderr lines (component 'fence') and this class's own warnings. */
  readonly logger?: FenceLogger;
  /**
   * Where the child's stderr goes. 'logger' (default): read here and forwarded to `logger`, but
   * lost once this process is dead or frozen, i.e. exactly when the switch acts. 'inherit': the
   * child writes to this process's stderr (e.g. the journal) directly, so the lines of a fence after
   * vipd's death survive; they are plain text lines then, not logger records.
   */
  readonly stderr?: 'logger' | 'inherit';
  /** close() waits this long for the child to exit after EOF, then SIGKILLs it. Default 2000 ms. */
  readonly closeTimeoutMs?: number;
}

export interface FenceExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** True when close() asked for it; false means the addresses were left unguarded. */
  readonly expected: boolean;
  /** Spawn failure (EACCES…), if that is why it ended. */
  readonly error?: Error;
}

export interface FenceEvent {
  readonly reason: 'eof' | 'deadline' | 'request' | 'signal' | string;
  readonly removed: number;
}

/** The binary is missing or not executable: run scripts/build.sh (cc -O2 native/vipd-fence.c). */
export class FenceBinaryNotBuiltError extends NetifError {
  override readonly name = 'FenceBinaryNotBuiltError';
  readonly binaryPath: string;

  constructor(binaryPath: string, cause: unknown) {
    super(`vipd-fence binary not built or not executable at ${binaryPath}: run scripts/build.sh`, {
      cause,
      transient: false,
    });
    this.binaryPath = binaryPath;
  }
}

/** `<package root>/build/vipd-fence` (this file runs from dist/). */
export const DEFAULT_FENCE_BINARY = resolve(__dirname, '..', 'build', 'vipd-fence');
const MAX_BEAT_MS = 600_000;

const noop = (): void => undefined;
const silent: FenceLogger = { debug: noop, info: noop, warn: noop, error: noop, child: () => silent };

/**
 * One vipd-fence child. Events: 'fenced' (FenceEvent), 'exit' (FenceExit, always once),
 * 'unexpectedExit' (FenceExit, when it ended without close()). Never emits 'error'; no method
 * throws after construction (failures are logged and reported as a false return).
 */
export class FenceSwitch extends EventEmitter {
  readonly binaryPath: string;
  /** Resolves true once the child has its netlink socket and reads commands, false if it ended first. */
  readonly ready: Promise<boolean>;
  /** Resolves (never rejects) once the child has exited and its output was read. */
  readonly exited: Promise<FenceExit>;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly log: FenceLogger;
  private readonly closeTimeoutMs: number;
  private closing = false;
  private exitInfo: FenceExit | undefined;
  private writeFailed = false;
  /** A and D lines not yet written (see flush). */
  private pending: string[] = [];
  private resolveReady: (ready: boolean) => void = noop;
  private resolveExited: (exit: FenceExit) => void = noop;

  /** Spawns the child; throws FenceBinaryNotBuiltError if the binary is missing. */
  constructor(options: FenceSwitchOptions = {}) {
    super();
    this.binaryPath = options.binaryPath ?? DEFAULT_FENCE_BINARY;
    this.log = (options.logger ?? silent).child({ component: 'fence' });
    this.closeTimeoutMs = options.closeTimeoutMs ?? 2000;
    try {
      accessSync(this.binaryPath, constants.X_OK);
    } catch (error) {
      throw new FenceBinaryNotBuiltError(this.binaryPath, error);
    }
    this.ready = new Promise((r) => (this.resolveReady = r));
    this.exited = new Promise((r) => (this.resolveExited = r));
    const inherit = options.stderr === 'inherit';
    // detached: its own process group, so a terminal's Ctrl-C / Ctrl-Z (SIGINT, SIGTSTP) meant for
    // vipd does not freeze or stop the switch with it. Not unref'd: it lives as long as we do.
    this.child = spawn(this.binaryPath, [], {
      stdio: ['pipe', 'pipe', inherit ? 'inherit' : 'pipe'],
      detached: true,
    }) as ChildProcessWithoutNullStreams;
    this.child.on('error', (error) => {
      this.log.error({ err: error.message }, 'vipd-fence failed');
      if (this.child.pid === undefined) this.finish({ code: null, signal: null, error });
    });
    this.child.on('close', (code, signal) => this.finish({ code, signal }));
    this.child.stdin.on('error', (error) => this.writeError(error));
    createInterface({ input: this.child.stdout }).on('line', (line) => this.onStdout(line));
    if (!inherit) createInterface({ input: this.child.stderr }).on('line', (line) => this.onStderr(line));
  }

  /** PID of the child (undefined if it could not be spawned). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** True until the child has exited or close() was called. */
  get running(): boolean {
    return this.exitInfo === undefined && !this.closing;
  }

  /** Guard this address: removed on our death, missed deadline or fenceNow(). */
  track(ifname: string, address: string, prefixLen: number): boolean {
    const key = this.keyOf(ifname, address, prefixLen);
    return key !== undefined && this.queue(`A ${key}`);
  }

  /** Stop guarding it (after removing it ourselves). */
  untrack(ifname: string, address: string, prefixLen: number): boolean {
    const key = this.keyOf(ifname, address, prefixLen);
    return key !== undefined && this.queue(`D ${key}`);
  }

  /**
   * Move the deadline to now + budgetMs (floored; above 600000 clamped, which only makes it
   * earlier). A budget below 1 ms means the deadline has passed already: fence now.
   */
  beat(budgetMs: number): boolean {
    if (Number.isNaN(budgetMs)) {
      this.log.error({ budgetMs }, 'beat: budget is not a number; ignored');
      return false;
    }
    const ms = Math.min(Math.floor(budgetMs), MAX_BEAT_MS);
    if (ms < 1) {
      this.log.warn({ budgetMs }, 'beat with no budget left: fencing now');
      return this.send('F');
    }
    return this.send(`B ${ms}`);
  }

  /**
   * The process that applies our address changes (IpCoprocess), or undefined when there is
   * none. Every fence SIGKILLs it, and waits for it to be gone, before removing anything: what we
   * queued there must not re-create an address after the fence.
   */
  guardHelper(pid: number | undefined): boolean {
    const n = pid ?? 0;
    if (!Number.isInteger(n) || n < 0) return false;
    return this.send(`P ${n}`);
  }

  /** Remove every tracked address now (belt and braces next to vipd's own removal). */
  fenceNow(): boolean {
    return this.send('F');
  }

  /**
   * End the child's stdin (it removes whatever is still tracked, then exits 0) and wait for its
   * exit, at most closeTimeoutMs; after that it is SIGKILLed. Idempotent.
   */
  async close(): Promise<FenceExit> {
    if (this.exitInfo !== undefined) return this.exitInfo;
    this.flush();
    this.closing = true;
    this.child.stdin.end();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>(
      (r) => (timer = setTimeout(() => r('timeout'), this.closeTimeoutMs)),
    );
    const first = await Promise.race([this.exited, timedOut]);
    clearTimeout(timer);
    if (first === 'timeout') {
      this.log.error(
        { pid: this.child.pid, timeoutMs: this.closeTimeoutMs },
        'vipd-fence did not exit; SIGKILL',
      );
      this.child.kill('SIGKILL');
    }
    return this.exited;
  }

  private keyOf(ifname: string, address: string, prefixLen: number): string | undefined {
    let family = isIP(address);
    const max = family === 4 ? 32 : 128;
    try {
      validateIfname(ifname);
    } catch {
      family = 0;
    }
    if (
      family === 0 ||
      !Number.isInteger(prefixLen) ||
      prefixLen < 0 ||
      prefixLen > max ||
      address.includes('%')
    ) {
      this.log.error({ ifname, address, prefixLen }, 'invalid address for the fence switch; not sent');
      return undefined;
    }
    return `${ifname} ${address}/${prefixLen}`;
  }

  /**
   * Writes the A and D lines queued so far (one write for all). Whatever applies address changes
   * calls this before it writes them (IpCoprocessOptions.beforeWrite): a tracked address is then
   * known to the switch before it can exist. Otherwise they go at the end of the current tick, or
   * with the next beat, P or F line, in order.
   */
  flush(): boolean {
    if (this.pending.length === 0) return true;
    const lines = this.pending;
    this.pending = [];
    return this.write(`${lines.join('\n')}\n`, lines.length);
  }

  /** A and D lines: a node taking over or refreshing hundreds of VIPs sends one write, not hundreds. */
  private queue(line: string): boolean {
    if (!this.running) {
      this.log.warn({ line }, 'vipd-fence is not running; command dropped');
      return false;
    }
    this.pending.push(line);
    if (this.pending.length === 1) process.nextTick(() => this.flush());
    return true;
  }

  /** Beats, P and F: written at once (after whatever A and D lines are queued). */
  private send(line: string): boolean {
    this.pending.push(line);
    return this.flush();
  }

  private write(text: string, lines: number): boolean {
    if (!this.running || !this.child.stdin.writable) {
      this.log.warn(
        { lines, first: text.slice(0, text.indexOf('\n')) },
        'vipd-fence is not running; commands dropped',
      );
      return false;
    }
    try {
      this.child.stdin.write(text);
      return true;
    } catch (error) {
      this.writeError(error);
      return false;
    }
  }

  private writeError(error: unknown): void {
    if (this.writeFailed) return;
    this.writeFailed = true;
    this.log.error(
      { err: error instanceof Error ? error.message : String(error) },
      'cannot write to vipd-fence',
    );
  }

  private onStdout(line: string): void {
    if (line === 'ready') {
      this.resolveReady(true);
      return;
    }
    const m = /^fenced (\S+) (\d+)$/.exec(line);
    if (m) {
      const event: FenceEvent = { reason: m[1] ?? '', removed: Number(m[2]) };
      this.emit('fenced', event);
      return;
    }
    this.log.warn({ line }, 'unexpected output from vipd-fence');
  }

  private onStderr(line: string): void {
    const m = /^(info|warn|error): (.*)$/.exec(line);
    const text = m?.[2] ?? line;
    if (m?.[1] === 'info') this.log.info({}, text);
    else if (m?.[1] === 'error') this.log.error({}, text);
    else this.log.warn({}, text);
  }

  private finish(info: Omit<FenceExit, 'expected'>): void {
    if (this.exitInfo !== undefined) return;
    const exit: FenceExit = { ...info, expected: this.closing };
    this.exitInfo = exit;
    this.resolveReady(false);
    this.resolveExited(exit);
    if (exit.expected) this.log.debug({ code: exit.code, signal: exit.signal }, 'vipd-fence exited');
    else
      this.log.error(
        { code: exit.code, signal: exit.signal },
        'vipd-fence exited unexpectedly: VIPs unguarded',
      );
    this.emit('exit', exit);
    if (!exit.expected) this.emit('unexpectedExit', exit);
  }
}
