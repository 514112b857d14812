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

/**
 * The kernel refused a change the agent made for it (an address whose scope differs from the
 * other addresses of its subnet on that interface, a route whose gateway it cannot reach…):
 * `code` is the errno's name (EINVAL, EEXIST, EADDRNOTAVAIL, EPERM, ENETUNREACH, ERANGE, ESRCH,
 * ENOENT). Not transient: the same change on the same host is refused again until the host or
 * the change differs.
 */
export class KernelRefusedError extends NetifError {
  override readonly name = 'KernelRefusedError';

  constructor(
    message: string,
    readonly code: string,
    context: NetifErrorContext = {},
  ) {
    super(message, { ...context, transient: false });
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
 * The kernel agent fenced before this change ran (its epoch moved on), or the address it was to
 * refresh is no longer tracked: nothing was changed. Transient: once vipd has seen the fence, the
 * same change may be made again (if it still holds the VIP).
 */
export class AgentFencedError extends NetifError {
  override readonly name = 'AgentFencedError';

  constructor(message: string, context: NetifErrorContext = {}) {
    super(message, { ...context, transient: true });
  }
}

/** The kernel agent ended, or lost the answer: the change may or may not have been made. */
export class AgentGoneError extends NetifError {
  override readonly name = 'AgentGoneError';

  constructor(message: string, context: NetifErrorContext = {}) {
    super(message, { ...context, transient: true });
  }
}

/** The vipd-agent binary is missing or not executable: run scripts/build.sh. */
export class AgentNotBuiltError extends NetifError {
  override readonly name = 'AgentNotBuiltError';
  readonly binaryPath: string;

  constructor(binaryPath: string, cause: unknown) {
    super(`vipd-agent binary not built or not executable at ${binaryPath}: run scripts/build.sh`, {
      cause,
      transient: false,
    });
    this.binaryPath = binaryPath;
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
