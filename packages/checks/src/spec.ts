/**
 * Health check specs: what to probe, how often, and how many results in a row change the
 * state. Pure: validation only, no I/O.
 *
 * Rules beyond the schema's types:
 * - `timeoutMs` must be ≤ `intervalMs`. A probe starts every `intervalMs` (measured from the
 *   previous start, never overlapping itself), so a longer timeout would stretch the interval
 *   silently. Equal is allowed: a probe that always times out then runs back to back. When
 *   `timeoutMs` is left out it defaults to min(1000, intervalMs).
 * - tcp `target` is `HOST:PORT`, IPv6 in brackets (`[2001:db8::1]:80`); HOST is an IPv4
 *   address, a bracketed IPv6 address or a DNS name (resolved on every probe, within timeout):
 *   @vipd/log's parseHostPort, the one reading of HOST:PORT.
 * - http `url` is http:// or https:// (certificates are verified); redirects are not followed:
 *   a 301 is a 301, compared with `expectStatus` like any other status.
 * - exec `argv` is the command and its arguments as separate strings, run without a shell.
 *   argv[0] is a path or a command name found on PATH; it may not contain white space (that
 *   is almost always a shell string in disguise). `env` is added to the daemon's environment.
 * - process (keepalived's `track_process`): up while a process runs, found in /proc either by
 *   `process` (its name: /proc/PID/comm, or the base name of argv[0] for names longer than the
 *   kernel's 15-character comm) or by `pidFile` (an absolute path holding the PID); exactly one
 *   of the two. A zombie does not count.
 * - interface (keepalived's `track_interface`): up while the named network interface exists, is
 *   administratively up and has carrier (IFF_UP and IFF_LOWER_UP), read through rtnetlink in
 *   vipd's own network namespace (`ip -json link show dev NAME`).
 */
import { z } from 'zod';
import { oneLine, parseHostPort } from '@vipd/log';
import { InvalidCheckSpecError } from './errors';

export const CHECK_NAME_RE = /^[A-Za-z0-9_-]{1,63}$/;
export const ENV_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const DEFAULT_INTERVAL_MS = 1000;
export const DEFAULT_TIMEOUT_MS = 1000;
export const DEFAULT_RISE = 2;
export const DEFAULT_FALL = 2;
export const DEFAULT_EXPECT_STATUS = 200;
export const MIN_INTERVAL_MS = 50;
export const MIN_TIMEOUT_MS = 10;
export const MAX_INTERVAL_MS = 3_600_000;

const ms = (min: number) => z.number().int().min(min).max(MAX_INTERVAL_MS);
const count = () => z.number().int().min(1).max(100);

const common = {
  name: z.string().regex(CHECK_NAME_RE, 'must be 1-63 letters, digits, "-" or "_"'),
  intervalMs: ms(MIN_INTERVAL_MS).default(DEFAULT_INTERVAL_MS),
  timeoutMs: ms(MIN_TIMEOUT_MS).optional(),
  rise: count().default(DEFAULT_RISE),
  fall: count().default(DEFAULT_FALL),
};

const tcpSchema = z
  .object({
    type: z.literal('tcp'),
    ...common,
    target: z.string().superRefine((target, ctx) => {
      const parsed = parseHostPort(target);
      if ('problem' in parsed) ctx.addIssue({ code: z.ZodIssueCode.custom, message: parsed.problem });
    }),
  })
  .strict();

const httpSchema = z
  .object({
    type: z.literal('http'),
    ...common,
    url: z.string().superRefine((url, ctx) => {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${JSON.stringify(url)} is not a URL` });
        return;
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `scheme ${JSON.stringify(parsed.protocol.replace(/:$/, ''))} not allowed; use http:// or https://`,
        });
      } else if (parsed.hostname === '') {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${JSON.stringify(url)} has no host` });
      }
    }),
    expectStatus: z.number().int().min(100).max(599).default(DEFAULT_EXPECT_STATUS),
    /** The body (its first MAX_BODY_BYTES) must contain this; unset: the body is never read. */
    expectBody: z.string().min(1).max(1024).optional(),
  })
  .strict();

const argvMessage = 'must be an array of strings (the command, then each argument), never a shell string';

const execSchema = z
  .object({
    type: z.literal('exec'),
    ...common,
    argv: z
      .array(
        z.string().refine((arg) => !arg.includes('\0'), 'must not contain NUL characters'),
        {
          invalid_type_error: argvMessage,
          required_error: argvMessage,
        },
      )
      .min(1, 'must not be empty: give at least the command')
      .superRefine((argv, ctx) => {
        const command = argv[0];
        if (command === undefined) return;
        if (command === '') {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: [0], message: 'the command must not be empty' });
        } else if (/\s/.test(command)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: [0],
            message: `${JSON.stringify(command)} contains white space; give the command and each argument as separate elements`,
          });
        }
      }),
    env: z
      .record(z.string().regex(ENV_NAME_RE, 'environment names are letters, digits and "_"'), z.string())
      .optional(),
  })
  .strict();

const processSchema = z
  .object({
    type: z.literal('process'),
    ...common,
    process: z
      .string()
      .min(1)
      .max(255)
      .refine((n) => !n.includes('/') && !n.includes('\0'), 'a process name has no "/" or NUL')
      .optional(),
    pidFile: z
      .string()
      .refine((f) => f.startsWith('/') && !f.includes('\0'), 'must be an absolute path')
      .optional(),
  })
  .strict();

/** The kernel's dev_valid_name(): 1..15 bytes, not . or .., no "/", ":" or white space. */
const IFNAME_RE = /^(?!\.{1,2}$)[^/:\s]{1,15}$/;

const interfaceSchema = z
  .object({
    type: z.literal('interface'),
    ...common,
    interface: z
      .string()
      .regex(IFNAME_RE, 'must be an interface name (1-15 characters, no "/", ":" or spaces)'),
  })
  .strict();

export const checkSpecSchema = z
  .discriminatedUnion('type', [tcpSchema, httpSchema, execSchema, processSchema, interfaceSchema])
  .superRefine((spec, ctx) => {
    if (spec.type === 'process' && (spec.process === undefined) === (spec.pidFile === undefined)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'give exactly one of process (a process name) or pidFile',
      });
    }
    if (spec.timeoutMs !== undefined && spec.timeoutMs > spec.intervalMs) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['timeoutMs'],
        message: `${spec.timeoutMs} is longer than intervalMs (${spec.intervalMs}); it must be at most intervalMs`,
      });
    }
  })
  .transform((spec) => ({
    ...spec,
    timeoutMs: spec.timeoutMs ?? Math.min(DEFAULT_TIMEOUT_MS, spec.intervalMs),
  }));

/** A validated check, defaults filled in. */
export type CheckSpec = z.output<typeof checkSpecSchema>;
/** What a config file may contain: defaults optional. */
export type CheckSpecInput = z.input<typeof checkSpecSchema>;
export type TcpCheckSpec = Extract<CheckSpec, { type: 'tcp' }>;
export type HttpCheckSpec = Extract<CheckSpec, { type: 'http' }>;
export type ExecCheckSpec = Extract<CheckSpec, { type: 'exec' }>;
export type ProcessCheckSpec = Extract<CheckSpec, { type: 'process' }>;
export type InterfaceCheckSpec = Extract<CheckSpec, { type: 'interface' }>;
export type CheckType = CheckSpec['type'];

/** `checks[1].argv[0]` from `[1, 'argv', 0]`. */
function formatPath(path: readonly (string | number)[]): string {
  return path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`)).join('');
}

/**
 * Validates a list of check specs (e.g. the config's `checks[]`) and fills defaults. Names
 * must be unique. Throws InvalidCheckSpecError listing every problem, each as `path: message`.
 */
export function parseChecks(raw: unknown): CheckSpec[] {
  if (!Array.isArray(raw)) throw new InvalidCheckSpecError(['checks: must be an array of check specs']);
  const problems: string[] = [];
  const specs: CheckSpec[] = [];
  const firstIndex = new Map<string, number>();
  raw.forEach((item: unknown, index) => {
    const result = checkSpecSchema.safeParse(item);
    if (result.success) specs.push(result.data);
    for (const issue of result.error?.issues ?? []) {
      problems.push(`checks${formatPath([index, ...issue.path])}: ${oneLine(issue.message)}`);
    }
    const name: unknown =
      typeof item === 'object' && item !== null ? (item as { name?: unknown }).name : undefined;
    if (typeof name !== 'string') return;
    const first = firstIndex.get(name);
    if (first === undefined) firstIndex.set(name, index);
    else
      problems.push(`checks[${index}].name: duplicate name ${JSON.stringify(name)} (also checks[${first}])`);
  });
  if (problems.length > 0) throw new InvalidCheckSpecError(problems);
  return specs;
}
