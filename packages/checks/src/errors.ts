// Every error this package throws is a ChecksError. A failing probe is not an error: it is a
// result (`ok: false`) that the runner counts. Errors are for callers doing something wrong:
// an invalid spec, a check name that does not exist, starting a stopped runner. None is
// transient; retrying the same call cannot help.

export class ChecksError extends Error {
  override readonly name: string = 'ChecksError';
  readonly transient: boolean = false;

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }
}

/**
 * One or more check specs failed validation. `problems` holds one `path: message` entry per
 * problem (e.g. `checks[1].target: must be HOST:PORT`); the message joins them on one line.
 */
export class InvalidCheckSpecError extends ChecksError {
  override readonly name = 'InvalidCheckSpecError';
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`invalid checks: ${problems.join('; ')}`);
    this.problems = problems;
  }
}

/** A runner was asked about a check it does not run. */
export class UnknownCheckError extends ChecksError {
  override readonly name = 'UnknownCheckError';
  readonly check: string;

  constructor(check: string) {
    super(`unknown check ${JSON.stringify(check)}`);
    this.check = check;
  }
}

/** start() on a runner that was stopped: a stopped runner is final, build a new one. */
export class RunnerStoppedError extends ChecksError {
  override readonly name = 'RunnerStoppedError';

  constructor() {
    super('check runner was stopped; create a new one');
  }
}
