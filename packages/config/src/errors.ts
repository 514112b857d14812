/** A configuration problem, reported to the operator as one line. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [message],
    options?: { cause?: unknown },
  ) {
    // One line of bounded length whatever the input held (zod quotes a bad value, newlines and all).
    const line = message.replace(/\s*[\r\n\u2028\u2029]\s*/g, ' ');
    super(line.length > 2000 ? `${line.slice(0, 2000)}…` : line, options);
    this.name = 'ConfigError';
  }
}

/** The error for a config that failed validation: `invalid config (FILE): p1; p2`. */
export function invalidConfig(problems: string[], file?: string): ConfigError {
  const where = file !== undefined ? ` (${file})` : '';
  return new ConfigError(`invalid config${where}: ${problems.join('; ')}`, problems);
}
