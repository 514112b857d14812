/**
 * `hooks:` in the node config: commands vipd runs when this node's hold of a VIP changes
 * (docs/hooks.md). Node config only, never the VIP spec in etcd: whoever can write VIP specs
 * through the admin API must not be able to make nodes run commands as root.
 */
import { isAbsolute } from 'node:path';
import { z } from 'zod';

/** The three states a hook is run for, as keepalived's notify_master/backup/fault. */
export type HookState = 'master' | 'backup' | 'fault';

export const HOOK_KEYS = { master: 'onMaster', backup: 'onBackup', fault: 'onFault' } as const;

const ARGV_HINT = 'must be an argv array, e.g. [/usr/local/bin/vip-hook, --flag] (no shell)';

/** An argv array: executed without a shell and without a PATH lookup. */
export const hookArgv = z
  .array(
    z.string().refine((s) => !s.includes('\0'), 'must not contain NUL bytes'),
    { invalid_type_error: ARGV_HINT },
  )
  .min(1, ARGV_HINT)
  .refine((argv) => argv[0] !== undefined && isAbsolute(argv[0]), {
    message: 'argv[0] must be an absolute path (hooks run without a shell or PATH lookup)',
  });

const timeoutMs = z.number().int().min(100).max(3_600_000);
const retries = z.number().int().min(0).max(100);
const retryDelayMs = z.number().int().min(0).max(3_600_000);

/**
 * Overrides for one VIP, by name. A state's key set to an argv replaces the top-level hook for
 * that VIP; set to null, that VIP runs no hook for that state; absent, the top-level one applies.
 */
const perVipHooks = z
  .object({
    onMaster: hookArgv.nullable().optional(),
    onBackup: hookArgv.nullable().optional(),
    onFault: hookArgv.nullable().optional(),
    timeoutMs: timeoutMs.optional(),
    retries: retries.optional(),
    retryDelayMs: retryDelayMs.optional(),
  })
  .strict();

export const hooksSchema = z
  .object({
    onMaster: hookArgv.optional(),
    onBackup: hookArgv.optional(),
    onFault: hookArgv.optional(),
    /** Per attempt; on timeout the hook's whole process group is killed (SIGKILL). */
    timeoutMs: timeoutMs.default(10_000),
    /** Further attempts after a failed one (non-zero exit, timeout, could not start). */
    retries: retries.default(2),
    retryDelayMs: retryDelayMs.default(1000),
    /** Hooks of different VIPs running at once, at most. One VIP's hooks never overlap. */
    concurrency: z.number().int().min(1).max(64).default(4),
    vips: z.record(perVipHooks).default({}),
  })
  .strict()
  .default({});

export type HooksConfig = z.output<typeof hooksSchema>;

/** What runs for one VIP entering one state. */
export interface ResolvedHook {
  argv: string[];
  timeoutMs: number;
  retries: number;
  retryDelayMs: number;
}

/** Pure: the hook for `vip` entering `state` (per-VIP override, else the top level), if any. */
export function resolveHook(hooks: HooksConfig, vip: string, state: HookState): ResolvedHook | undefined {
  const key = HOOK_KEYS[state];
  const own = Object.hasOwn(hooks.vips, vip) ? hooks.vips[vip] : undefined;
  const argv = own !== undefined && own[key] !== undefined ? own[key] : hooks[key];
  if (argv === undefined || argv === null) return undefined;
  return {
    argv: [...argv],
    timeoutMs: own?.timeoutMs ?? hooks.timeoutMs,
    retries: own?.retries ?? hooks.retries,
    retryDelayMs: own?.retryDelayMs ?? hooks.retryDelayMs,
  };
}

/** Names under `hooks.vips` that are not among `known` (they only earn a warning). */
export function unknownHookVips(hooks: HooksConfig, known: Iterable<string>): string[] {
  const names = new Set(known);
  return Object.keys(hooks.vips).filter((n) => !names.has(n));
}
