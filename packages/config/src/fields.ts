/** Schema pieces that vipd's and the coordinator's configs share, and zod issues as one-line problems. */
import { z } from 'zod';

/** `HOST:PORT`, IPv6 as `[ADDR]:PORT`. */
export const hostPort = z
  .string()
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'must be HOST:PORT (IPv6 as [ADDR]:PORT)')
  .refine((v) => Number(v.slice(v.lastIndexOf(':') + 1)) <= 65535, 'port must be at most 65535');

/** `metrics:` — the Prometheus endpoint; without `listen` there is none. */
export const metricsSchema = z
  .object({
    /** HOST:PORT of GET /metrics (e.g. 127.0.0.1:9464). Absent: no metrics endpoint. */
    listen: hostPort.optional(),
  })
  .strict()
  .default({});

/**
 * Pure: a problem when `metrics.listen` would take the port of `otherKey` (`other`): the
 * same port on the same host, or on any host when either side is a wildcard.
 */
export function metricsListenProblem(metrics: string | undefined, other: string, otherKey: string): string[] {
  if (metrics === undefined) return [];
  const split = (v: string): [string, string] => [
    v.slice(0, v.lastIndexOf(':')),
    v.slice(v.lastIndexOf(':') + 1),
  ];
  const [mh, mp] = split(metrics);
  const [oh, op] = split(other);
  const wildcard = (h: string): boolean => h === '0.0.0.0' || h === '[::]';
  if (mp !== op || mp === '0' || (mh !== oh && !wildcard(mh) && !wildcard(oh))) return [];
  return [`metrics.listen: ${metrics} takes the port of ${otherKey} (${other}); pick another port`];
}

/** `log:` — level and output format. */
export const logSchema = z
  .object({
    level: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    format: z.enum(['json', 'pretty', 'auto']).default('auto'),
    /**
     * JSON lines say `"level":"info"` instead of pino's `"level":30`. Off by default: scripts
     * read the numbers. (Pretty output names the level either way.)
     */
    levelNames: z.boolean().default(false),
  })
  .strict()
  .default({});

/** Each zod issue as `path: message` (`config: message` at the top level). */
export function zodProblems(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'config'}: ${i.message}`);
}
