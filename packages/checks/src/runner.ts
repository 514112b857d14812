// Runs every check on its own timer and keeps its state. Each check's probe never overlaps
// itself: the next run is scheduled when the previous one has finished, at intervalMs from its
// start (at once if it took longer). The first run of each check waits a small random jitter
// so that many checks do not fire together.
import { EventEmitter } from 'node:events';
import { type Clock, errorLine, type Logger, monotonicClock, silentLogger } from '@vipd/log';
import { InvalidCheckSpecError, RunnerStoppedError, UnknownCheckError } from './errors';
import type { ProbeOutcome } from './outcome';
import { runProbe } from './probe';
import { INITIAL_COUNTERS, isUp, nextCounters, type CheckState, type Counters } from './rise-fall';
import type { CheckSpec } from './spec';

export interface CheckResult extends ProbeOutcome {
  /** clock.now() when the probe finished. */
  readonly at: number;
  /** How long the probe took, in ms (rounded). */
  readonly ms: number;
}

export interface ChangeDetail {
  readonly previous: CheckState;
  /** One line, e.g. `2 consecutive failures (fall 2): connect ECONNREFUSED 127.0.0.1:8080`. */
  readonly reason: string;
  /** The result that made the change. */
  readonly result: CheckResult;
}

export interface CheckRunnerEvents {
  /** A check changed state ('unknown' → 'up', 'up' → 'down', …). */
  change: [name: string, state: CheckState, detail: ChangeDetail];
  /** Every probe result, after the state was updated; `state` is the state after it. */
  result: [name: string, result: CheckResult, state: CheckState];
}

export interface CheckRunnerOptions {
  readonly log?: Logger;
  /** Monotonic; default performance.now(). */
  readonly clock?: Clock;
  /** Upper bound of the start jitter; the jitter is also at most intervalMs / 4. Default 250. */
  readonly maxJitterMs?: number;
}

export const DEFAULT_MAX_JITTER_MS = 250;
/** stop() waits at most this long for in-flight probes (they are aborted first). */
export const STOP_TIMEOUT_MS = 2000;

interface Slot {
  readonly spec: CheckSpec;
  counters: Counters;
  last?: CheckResult;
  timer?: NodeJS.Timeout;
  inflight?: Promise<void>;
  abort?: AbortController;
}

export class CheckRunner extends EventEmitter<CheckRunnerEvents> {
  private readonly slots = new Map<string, Slot>();
  private readonly log: Logger;
  private readonly clock: Clock;
  private readonly maxJitterMs: number;
  private started = false;
  private stopping: Promise<void> | undefined;

  constructor(specs: readonly CheckSpec[], options: CheckRunnerOptions = {}) {
    super();
    this.log = (options.log ?? silentLogger()).child({ component: 'checks' });
    this.clock = options.clock ?? monotonicClock;
    this.maxJitterMs = options.maxJitterMs ?? DEFAULT_MAX_JITTER_MS;
    const duplicates = specs
      .filter((spec, index) => specs.findIndex((other) => other.name === spec.name) !== index)
      .map((spec) => `${spec.name}: duplicate check name`);
    if (duplicates.length > 0) throw new InvalidCheckSpecError(duplicates);
    for (const spec of specs) this.slots.set(spec.name, { spec, counters: INITIAL_COUNTERS });
  }

  /** Starts every check. Idempotent; throws RunnerStoppedError after stop(). */
  start(): void {
    if (this.stopping !== undefined) throw new RunnerStoppedError();
    if (this.started) return;
    this.started = true;
    for (const slot of this.slots.values()) {
      const bound = Math.max(0, Math.min(this.maxJitterMs, slot.spec.intervalMs / 4));
      this.schedule(slot, Math.floor(Math.random() * bound));
    }
    this.log.debug({ checks: [...this.slots.keys()] }, 'checks started');
  }

  /**
   * Stops every timer, aborts running probes (an exec probe's process gets SIGKILL) and waits
   * for them, at most STOP_TIMEOUT_MS. States and results stay readable. Idempotent.
   */
  stop(): Promise<void> {
    this.stopping ??= this.halt();
    return this.stopping;
  }

  /** The check's state; throws UnknownCheckError for a name this runner does not run. */
  state(name: string): CheckState {
    return this.slot(name).counters.state;
  }

  states(): Record<string, CheckState> {
    return Object.fromEntries([...this.slots].map(([name, slot]) => [name, slot.counters.state]));
  }

  /** The last result of the check, undefined before its first probe finished. */
  results(name: string): CheckResult | undefined {
    return this.slot(name).last;
  }

  names(): string[] {
    return [...this.slots.keys()];
  }

  /**
   * True when every named check is 'up'. 'unknown' and 'down' are not up, and a name this
   * runner does not run counts as not up: a node is eligible for a VIP only when this is true
   * for the VIP's tracked checks (true for none tracked).
   */
  allUp(names: Iterable<string>): boolean {
    for (const name of names) {
      const slot = this.slots.get(name);
      if (slot === undefined || !isUp(slot.counters.state)) return false;
    }
    return true;
  }

  private slot(name: string): Slot {
    const slot = this.slots.get(name);
    if (slot === undefined) throw new UnknownCheckError(name);
    return slot;
  }

  private schedule(slot: Slot, delayMs: number): void {
    slot.timer = setTimeout(() => {
      slot.timer = undefined;
      slot.inflight = this.runOnce(slot).finally(() => {
        slot.inflight = undefined;
      });
    }, delayMs);
  }

  private async runOnce(slot: Slot): Promise<void> {
    const startedAt = this.clock.now();
    const abort = new AbortController();
    slot.abort = abort;
    let outcome: ProbeOutcome;
    try {
      outcome = await runProbe(slot.spec, { signal: abort.signal });
    } catch (err) {
      // Probes do not reject; this is a bug in one, reported as a failure rather than lost.
      outcome = { ok: false, timedOut: false, message: `probe failed: ${errorLine(err)}` };
    }
    slot.abort = undefined;
    if (this.stopping !== undefined) return;
    const finishedAt = this.clock.now();
    this.record(slot, { ...outcome, at: finishedAt, ms: Math.round(finishedAt - startedAt) });
    this.schedule(slot, Math.max(0, startedAt + slot.spec.intervalMs - finishedAt));
  }

  private record(slot: Slot, result: CheckResult): void {
    const { name, rise, fall } = slot.spec;
    const previous = slot.counters.state;
    slot.counters = nextCounters(slot.counters, result.ok, rise, fall);
    slot.last = result;
    const state = slot.counters.state;
    this.log.debug({ check: name, ok: result.ok, ms: result.ms, message: result.message }, 'check result');
    if (state !== previous) {
      const reason = result.ok
        ? `${slot.counters.successes} consecutive successes (rise ${rise}): ${result.message}`
        : `${slot.counters.failures} consecutive failures (fall ${fall}): ${result.message}`;
      this.log.info(
        {
          check: name,
          from: previous,
          to: state,
          reason,
          ...(result.output === undefined ? {} : { output: result.output }),
        },
        'check state changed',
      );
      this.deliver('change', () => this.emit('change', name, state, { previous, reason, result }));
    }
    this.deliver('result', () => this.emit('result', name, result, state));
  }

  // A listener that throws must not stop the check's timer.
  private deliver(event: keyof CheckRunnerEvents, emit: () => void): void {
    try {
      emit();
    } catch (err) {
      this.log.error({ event, err: errorLine(err) }, 'check listener threw');
    }
  }

  private async halt(): Promise<void> {
    const inflight: Promise<void>[] = [];
    for (const slot of this.slots.values()) {
      clearTimeout(slot.timer);
      slot.timer = undefined;
      slot.abort?.abort();
      if (slot.inflight !== undefined) inflight.push(slot.inflight);
    }
    if (inflight.length === 0) return;
    let bound: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      bound = setTimeout(() => resolve(true), STOP_TIMEOUT_MS);
    });
    const late = await Promise.race([Promise.all(inflight).then(() => false), timedOut]);
    clearTimeout(bound);
    if (late) this.log.warn({ timeoutMs: STOP_TIMEOUT_MS }, 'checks stopped with probes still running');
  }
}
