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

/** The error for a config that failed validation: `invalid config (FILE): p1; p2`. */
export function invalidConfig(problems: string[], file?: string): ConfigError {
  const where = file !== undefined ? ` (${file})` : '';
  return new ConfigError(`invalid config${where}: ${problems.join('; ')}`, problems);
}
