/**
 * Runs the configured hooks (docs/hooks.md) when this node's hold of a VIP changes, off the
 * controller's path: notify() only queues and returns, so no hook can delay fencing or an
 * address change. One VIP's hooks run one at a time, in order; a newer transition of that VIP
 * supersedes an older one whose hook has not started yet, and the retries of one that failed.
 * Hooks of different VIPs run in parallel, at most `concurrency` at once.
 */
import {
  type HooksConfig,
  type HookState,
  resolveHook,
  type ResolvedHook,
  unknownHookVips,
} from '@vipd/config';
import { EventEmitter } from 'node:events';
import type { Logger } from '@vipd/log';
import { type HookResult, runHookAttempt } from './hook-process';
import type { ReasonClass } from './reason-class';

/** One change of this node's hold of one VIP. */
export interface VipTransition {
  vip: string;
  state: HookState;
  /** The address, without the prefix length. */
  address: string;
  prefixLen: number;
  interface: string;
  /** The fencing revision of the leadership that was taken or given up. */
  revision: string;
  reason: string;
  /** The class of `reason`, given where the reason was written (the metrics label). */
  reasonClass: ReasonClass;
}

export interface HookRunnerOptions {
  node: string;
  cluster: string;
  log: Logger;
  /** The environment hooks inherit, less WITHHELD; default process.env. */
  env?: NodeJS.ProcessEnv;
}

/** Inherited variables hooks never see: vipd's own settings (the etcd password can be one) and etcdctl's. */
export const WITHHELD = /^(VIPD_|ETCDCTL_)/;
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Pure: the environment of one hook attempt. */
export function hookEnv(
  base: NodeJS.ProcessEnv,
  t: VipTransition,
  ids: { node: string; cluster: string; attempt: number },
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined && !WITHHELD.test(k)) env[k] = v;
  env.PATH ??= DEFAULT_PATH;
  return {
    ...env,
    VIPD_VIP: t.vip,
    VIPD_STATE: t.state,
    VIPD_ADDRESS: t.address,
    VIPD_PREFIX: String(t.prefixLen),
    VIPD_INTERFACE: t.interface,
    VIPD_REVISION: t.revision,
    VIPD_REASON: t.reason,
    VIPD_NODE: ids.node,
    VIPD_CLUSTER: ids.cluster,
    VIPD_ATTEMPT: String(ids.attempt),
  };
}

interface Job {
  t: VipTransition;
  hook: ResolvedHook;
  attempt: number;
  /** Arrival order, across VIPs: the oldest waiting job gets the next free slot. */
  seq: number;
}

/** One VIP's queue: at most one job waiting, one running, or a retry due. */
interface Lane {
  pending?: Job;
  running?: Job;
  retryTimer?: NodeJS.Timeout;
}

export interface HookRunnerEvents {
  /** An attempt ended (for the metrics; listeners must not throw). */
  finished: [t: VipTransition, result: HookResult];
}

export class HookRunner extends EventEmitter<HookRunnerEvents> {
  private readonly lanes = new Map<string, Lane>();
  private readonly abort = new AbortController();
  private readonly log: Logger;
  private active = 0;
  private seq = 0;
  private stopping = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly config: HooksConfig,
    private readonly o: HookRunnerOptions,
  ) {
    super();
    this.log = o.log;
  }

  /** Queues the hook for this transition, if one is configured. Never throws, never waits. */
  notify(t: VipTransition): void {
    const hook = resolveHook(this.config, t.vip, t.state);
    const lane = this.lanes.get(t.vip) ?? {};
    this.lanes.set(t.vip, lane);
    const log = this.log.child({ vip: t.vip, state: t.state, rev: t.revision });
    const older = lane.pending;
    if (older) {
      log.info(
        { skipped: { state: older.t.state, rev: older.t.revision, attempt: older.attempt } },
        'hook superseded before it started: skipped',
      );
    }
    if (lane.retryTimer) {
      clearTimeout(lane.retryTimer);
      lane.retryTimer = undefined;
      log.info({}, 'retries of the previous hook abandoned: superseded by this transition');
    }
    lane.pending = hook ? { t, hook, attempt: 1, seq: ++this.seq } : undefined;
    if (hook) log.debug({ reason: t.reason, argv0: hook.argv[0] }, 'hook queued');
    this.pump();
  }

  /** Warns about `hooks.vips` entries naming no VIP that exists now. */
  checkVipNames(known: Iterable<string>): void {
    for (const vip of unknownHookVips(this.config, known)) {
      this.log.warn(
        { vip },
        'hooks.vips names a VIP that does not exist (yet); its hooks apply once it does',
      );
    }
  }

  /** Resolves once nothing is queued, running or waiting to be retried. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Shutdown: no more retries; hooks already queued (the handover's onBackup) still run, for
   * at most `graceMs` in all; then what still runs is killed and what waits is dropped.
   */
  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    for (const lane of this.lanes.values()) {
      clearTimeout(lane.retryTimer);
      lane.retryTimer = undefined;
    }
    this.pump();
    let timer: NodeJS.Timeout | undefined;
    const late = await Promise.race([
      this.idle().then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs))),
    ]);
    clearTimeout(timer);
    if (!late) return;
    const running = [...this.lanes].filter(([, l]) => l.running).map(([vip]) => vip);
    const dropped = [...this.lanes].filter(([, l]) => l.pending).map(([vip]) => vip);
    this.log.warn({ running, dropped, graceMs }, 'hooks still busy at shutdown: killing them');
    for (const lane of this.lanes.values()) lane.pending = undefined;
    this.abort.abort();
    await this.idle();
  }

  private isIdle(): boolean {
    return [...this.lanes.values()].every((l) => !l.pending && !l.running && !l.retryTimer);
  }

  private pump(): void {
    while (this.active < this.config.concurrency) {
      let next: Lane | undefined;
      for (const lane of this.lanes.values()) {
        if (lane.pending && !lane.running && (!next?.pending || lane.pending.seq < next.pending.seq)) {
          next = lane;
        }
      }
      if (!next) break;
      this.start(next);
    }
    if (this.isIdle()) {
      this.lanes.clear();
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  private start(lane: Lane): void {
    const job = lane.pending!;
    lane.pending = undefined;
    lane.running = job;
    this.active++;
    const { t, hook, attempt } = job;
    const log = this.log.child({ vip: t.vip, state: t.state, rev: t.revision, attempt });
    log.info({ argv0: hook.argv[0], reason: t.reason, attempts: hook.retries + 1 }, 'hook started');
    void runHookAttempt({
      argv: hook.argv,
      env: hookEnv(this.o.env ?? process.env, t, { node: this.o.node, cluster: this.o.cluster, attempt }),
      timeoutMs: hook.timeoutMs,
      log,
      signal: this.abort.signal,
    }).then((res) => this.finished(lane, job, res, log));
  }

  private finished(lane: Lane, job: Job, res: HookResult, log: Logger): void {
    this.active--;
    lane.running = undefined;
    const fields = { status: res.status, durationMs: res.durationMs, pid: res.pid };
    this.emit('finished', job.t, res);
    if (res.ok) {
      log.info(fields, 'hook succeeded');
    } else {
      const of = job.hook.retries + 1;
      if (lane.pending) {
        log.warn({ ...fields, of }, 'hook failed; not retried: a newer transition supersedes it');
      } else if (job.attempt < of && !this.stopping) {
        const delay = job.hook.retryDelayMs;
        log.warn({ ...fields, of, retryInMs: delay }, 'hook failed; will retry');
        lane.retryTimer = setTimeout(() => {
          lane.retryTimer = undefined;
          lane.pending = { ...job, attempt: job.attempt + 1, seq: ++this.seq };
          this.pump();
        }, delay);
      } else {
        const why = this.stopping ? 'not retried: vipd is stopping' : 'no attempts left';
        log.error({ ...fields, of }, `hook failed; ${why}`);
      }
    }
    this.pump();
  }
}
