import pino from 'pino';
import pretty from 'pino-pretty';

export * from './clock';
export * from './host-port';
export * from './one-line';

/** The logging surface every package receives. Packages never construct a logger themselves. */
export interface Logger {
  debug(fields: Record<string, unknown>, msg: string): void;
  info(fields: Record<string, unknown>, msg: string): void;
  warn(fields: Record<string, unknown>, msg: string): void;
  error(fields: Record<string, unknown>, msg: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** JSON lines, pretty (human) output, or `auto`: pretty when stderr is a terminal. */
export type LogFormat = 'json' | 'pretty' | 'auto';

export interface LoggerOptions {
  level?: LogLevel;
  /** Default `auto`. */
  format?: LogFormat;
  /** Base fields added to every line (e.g. node name). */
  base?: Record<string, unknown>;
  /** JSON lines carry `"level":"info"`, not pino's number (30). Default false: scripts read numbers. */
  levelNames?: boolean;
}

/** Field names whose values are replaced by "[redacted]" wherever they appear. */
export const REDACTED_PATHS = [
  'password',
  'token',
  'key',
  '*.password',
  '*.token',
  '*.key',
  '*.*.password',
  '*.*.token',
  '*.*.key',
];

/** Builds the pino-backed logger used by the services. Writes to stderr. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const format = options.format ?? 'auto';
  const usePretty = format === 'auto' ? process.stderr.isTTY === true : format === 'pretty';
  const base = { pid: process.pid, ...options.base };
  const level = options.level ?? 'info';
  const redact = { paths: REDACTED_PATHS, censor: '[redacted]' };
  // pino-pretty as a stream in this thread, not a worker-thread transport: a transport loads its
  // target by name from node_modules at run time, which the bundled commands (.deb) do not have.
  if (usePretty) {
    return pino(
      { level, base, redact },
      pretty({ destination: 2, sync: true, translateTime: 'SYS:HH:MM:ss.l' }),
    );
  }
  const formatters = options.levelNames ? { level: (label: string) => ({ level: label }) } : undefined;
  return pino(
    { level, base, redact, timestamp: pino.stdTimeFunctions.isoTime, formatters },
    pino.destination(2),
  );
}

/** A logger that drops everything; for tests and library defaults. */
export function silentLogger(): Logger {
  const noop = (): void => undefined;
  const logger: Logger = { debug: noop, info: noop, warn: noop, error: noop, child: () => logger };
  return logger;
}

/** A logger that records lines in memory; for tests that assert on what was logged. */
export interface RecordedLine {
  level: LogLevel;
  msg: string;
  fields: Record<string, unknown>;
}

export function memoryLogger(
  lines: RecordedLine[] = [],
  bindings: Record<string, unknown> = {},
): Logger & {
  lines: RecordedLine[];
} {
  const at =
    (level: LogLevel) =>
    (fields: Record<string, unknown>, msg: string): void => {
      lines.push({ level, msg, fields: { ...bindings, ...fields } });
    };
  return {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (more) => memoryLogger(lines, { ...bindings, ...more }),
  };
}
