// Every failure of this package is a NetifError. `transient` tells retry logic whether running the
// same call again soon may succeed (a busy kernel, a timed-out `ip`) or not (bad input, a missing
// binary, output we do not understand). The reconcile loop retries on its timer either way; the
// flag only decides whether to retry at once and how loudly to log.

export interface NetifErrorContext {
  /** The full argv that was run, `ip` first. */
  readonly argv?: readonly string[];
  /** Exit code of `ip`; undefined when it did not exit normally (spawn failure, killed). */
  readonly exitCode?: number;
  /** First non-empty line of `ip`'s stderr. */
  readonly stderr?: string;
  readonly ifname?: string;
  readonly address?: string;
  readonly transient?: boolean;
  readonly cause?: unknown;
}

export class NetifError extends Error {
  override readonly name: string = 'NetifError';
  readonly argv: readonly string[] | undefined;
  readonly exitCode: number | undefined;
  readonly stderr: string | undefined;
  readonly ifname: string | undefined;
  readonly address: string | undefined;
  readonly transient: boolean;

  constructor(message: string, context: NetifErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.argv = context.argv;
    this.exitCode = context.exitCode;
    this.stderr = context.stderr;
    this.ifname = context.ifname;
    this.address = context.address;
    this.transient = context.transient ?? false;
  }
}

/** The named interface does not exist (in this network namespace). Final for this call. */
export class InterfaceNotFoundError extends NetifError {
  override readonly name = 'InterfaceNotFoundError';

  constructor(ifname: string, context: NetifErrorContext = {}) {
    super(`interface ${JSON.stringify(ifname)} not found`, { ...context, ifname, transient: false });
  }
}

/** A caller passed something we refuse before running anything (bad address, prefix, label…). */
export class InvalidArgumentError extends NetifError {
  override readonly name = 'InvalidArgumentError';

  constructor(message: string, context: NetifErrorContext = {}) {
    super(message, { ...context, transient: false });
  }
}

/**
 * The long-lived `ip` was SIGKILLed by someone else with commands in flight: in vipd, the fence
 * switch, which kills it before it removes anything. Those commands may or may not have run.
 */
export class IpHelperKilledError extends NetifError {
  override readonly name = 'IpHelperKilledError';

  constructor(message: string, context: NetifErrorContext = {}) {
    super(message, { ...context, transient: true });
  }
}

/** `ip -json` printed something whose shape we do not recognise. */
export class IpOutputParseError extends NetifError {
  override readonly name = 'IpOutputParseError';
  /** Where in the document the problem is, e.g. `[2].addr_info[0].prefixlen`. */
  readonly path: string;
  /** What is wrong there, without the location. */
  readonly detail: string;

  constructor(detail: string, path: string, context: NetifErrorContext = {}) {
    const from = context.argv === undefined ? '' : ` of ${context.argv.join(' ')}`;
    super(`cannot parse output${from} at ${path || '<root>'}: ${detail}`, { ...context, transient: false });
    this.path = path;
    this.detail = detail;
  }
}
