/** A configuration problem, reported to the operator as one line. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [message],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ConfigError';
  }
}
