/**
 * Where a WatchEvents stream starts: from now, or from the revision a resuming client names.
 * A revision etcd has compacted away (or one it never reached) is refused with OUT_OF_RANGE
 * before the watch starts, so the client learns that those events cannot be delivered rather
 * than silently missing them.
 */
import { status as Status } from '@grpc/grpc-js';
import type { Etcd3 } from 'etcd3';
import { errorLine } from '@vipd/log';
import { fromEtcdError } from '@vipd/store';
import { withTimeout } from './context';
import { ApiError, invalid } from './errors';

/** WatchEventsRequest.start_revision: undefined (from now) or a positive decimal revision. */
export function parseStartRevision(text: string | undefined): bigint | undefined {
  if (text === undefined || text === '') return undefined;
  if (!/^[1-9]\d{0,18}$/.test(text)) {
    throw invalid(
      `start_revision: must be a positive integer (an etcd revision), got ${JSON.stringify(text)}`,
    );
  }
  return BigInt(text);
}

/**
 * Checks that etcd still has every change from `revision` on: a read at that revision fails
 * when it is compacted (or in the future). Throws OUT_OF_RANGE for those, UNAVAILABLE otherwise.
 */
export async function checkStartRevision(
  client: Etcd3,
  root: string,
  revision: bigint,
  timeoutMs: number,
): Promise<void> {
  const read = client.get(root).revision(revision.toString()).string();
  try {
    await withTimeout(
      read,
      timeoutMs,
      () => new ApiError(Status.UNAVAILABLE, `etcd did not answer a read in ${timeoutMs} ms`),
    );
  } catch (err) {
    if (err instanceof ApiError) throw err;
    const line = errorLine(err);
    if (/compacted/i.test(line)) {
      throw new ApiError(
        Status.OUT_OF_RANGE,
        `events from revision ${revision} are no longer in etcd (compacted); they cannot be delivered`,
      );
    }
    if (/future revision/i.test(line)) {
      throw new ApiError(
        Status.OUT_OF_RANGE,
        `revision ${revision} is later than etcd's current revision (was etcd restored or replaced?)`,
      );
    }
    throw fromEtcdError('check the watch start revision', err);
  }
}
