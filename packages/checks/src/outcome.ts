// What every probe returns. A probe never rejects and never throws: every failure, a timeout
// included, is an outcome with `ok: false`.

export interface ProbeOutcome {
  readonly ok: boolean;
  /** One line: what happened (`connected to 127.0.0.1:80`, `HTTP 503, expected 200`, `exit 1`). */
  readonly message: string;
  /** The probe was cut off at the spec's timeoutMs. */
  readonly timedOut: boolean;
  /** http: the response status, when one arrived. */
  readonly status?: number;
  /** exec: the process id, when the process started. */
  readonly pid?: number;
  /** exec: stdout and stderr as they arrived, at most MAX_OUTPUT_BYTES (then marked truncated). */
  readonly output?: string;
}

export interface ProbeOptions {
  /** Aborting ends the probe at once (exec: SIGKILL) with `ok: false`, message `stopped`. */
  readonly signal?: AbortSignal;
}

export const STOPPED: ProbeOutcome = { ok: false, message: 'stopped', timedOut: false };

/**
 * One probe attempt that settles exactly once: with what `start` reports through `finish`, after
 * `timeoutMs` with `timedOut`, or at the caller's abort with STOPPED. `start` opens the
 * connection and returns what closes it (run once, whatever ended the attempt); if it throws,
 * the attempt ends with `failed(error)` and nothing is closed.
 */
export function probeOnce(
  options: ProbeOptions,
  timeoutMs: number,
  timeoutMessage: string,
  start: (finish: (outcome: ProbeOutcome) => void) => () => void,
  failed: (err: unknown) => ProbeOutcome,
): Promise<ProbeOutcome> {
  const { signal } = options;
  if (signal?.aborted) return Promise.resolve(STOPPED);
  return new Promise((resolve) => {
    let done = false;
    let close: (() => void) | undefined;
    const finish = (outcome: ProbeOutcome): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      close?.();
      resolve(outcome);
    };
    const onAbort = (): void => finish(STOPPED);
    const timer = setTimeout(() => finish({ ok: false, timedOut: true, message: timeoutMessage }), timeoutMs);
    try {
      close = start(finish);
    } catch (err) {
      finish(failed(err));
      return;
    }
    // Finished while starting (a synchronous answer): close what start opened.
    if (done) close();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}
