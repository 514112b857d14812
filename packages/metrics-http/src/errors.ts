/** Errors of the /metrics endpoint. */

export class MetricsHttpError extends Error {
  override readonly name: string = 'MetricsHttpError';
  readonly transient: boolean = false;

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }
}

/** The endpoint could not bind its address (in use, not local, no permission). */
export class MetricsListenError extends MetricsHttpError {
  override readonly name = 'MetricsListenError';

  constructor(
    readonly listen: string,
    cause: unknown,
  ) {
    const why =
      cause instanceof Error ? ((cause as NodeJS.ErrnoException).code ?? cause.message) : String(cause);
    super(`metrics.listen ${listen}: cannot listen (${why})`, { cause });
  }
}
