/** Schema pieces that vipd's and the coordinator's configs share, and zod issues as one-line problems. */
import { z } from 'zod';

/** `HOST:PORT`, IPv6 as `[ADDR]:PORT`. */
export const hostPort = z
  .string()
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'must be HOST:PORT (IPv6 as [ADDR]:PORT)')
  .refine((v) => Number(v.slice(v.lastIndexOf(':') + 1)) <= 65535, 'port must be at most 65535');

/** `log:` — level and output format. */
export const logSchema = z
  .object({
    level: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    format: z.enum(['json', 'pretty', 'auto']).default('auto'),
  })
  .strict()
  .default({});

/** Each zod issue as `path: message` (`config: message` at the top level). */
export function zodProblems(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'config'}: ${i.message}`);
}
