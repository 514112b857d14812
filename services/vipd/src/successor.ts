/** The wait of a planned release: until the successor holds the VIP, within the overlap budget. */
import type { Clock } from '@vipd/log';
import type { PrefixMirror } from '@vipd/store';

/** After the successor's key appears, how long the old holder keeps the address (≤ overlap budget). */
export const SETTLE_MS = 40;

/**
 * Resolves when `key` (leaders/<vip>) names a holder other than revision `rev` (the successor
 * is up) plus a short settle for its address and announcement, or after `maxMs` in all.
 * Returns how long it waited.
 */
export async function awaitSuccessor(
  leaders: PrefixMirror,
  key: string,
  rev: string,
  maxMs: number,
  clock: Clock,
): Promise<number> {
  const t0 = clock.now();
  const done = (): boolean => {
    const e = leaders.get(key);
    return e !== undefined && e.createRevision !== rev;
  };
  if (!done()) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(finish, maxMs);
      const onChange = (k: string): void => {
        if (k === key && done()) finish();
      };
      function finish(): void {
        clearTimeout(timer);
        leaders.off('change', onChange);
        resolve();
      }
      leaders.on('change', onChange);
    });
  }
  // The successor adds its address and announces a few ms after its key appears: stay a
  // little longer, within the overlap budget, so the client never finds nobody.
  const left = maxMs - (clock.now() - t0);
  if (done() && left > 0) await new Promise((r) => setTimeout(r, Math.min(SETTLE_MS, left)));
  return Math.round(clock.now() - t0);
}
