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

/** First line of an error's message, falling back to its code (AggregateError has no message). */
export function describeError(err: unknown): string {
  if (err instanceof AggregateError && err.message === '' && err.errors.length > 0) {
    return err.errors.map(describeError).join(', ');
  }
  if (err instanceof Error) {
    const line = err.message.split('\n')[0]?.trim() ?? '';
    if (line !== '') return line;
    const code: unknown = (err as NodeJS.ErrnoException).code;
    return typeof code === 'string' ? code : err.name;
  }
  return String(err);
}
