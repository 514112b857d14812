/**
 * `vipadm watch` that outlives a coordinator restart: when the event stream is lost it
 * reconnects with backoff and resumes from the last revision it saw, dropping what it already
 * printed, so no event is lost or repeated. One etcd revision can carry several events (a
 * transaction, or one node record with several VIPs' readiness), always in the same order:
 * the resume point is (revision, events of it seen).
 */
import { status } from '@grpc/grpc-js';
import type { Event__Output } from '@vipd/proto';
import type { AdminClient } from './client';
import { CliError } from './errors';

export const INITIAL_BACKOFF_MS = 250;
export const MAX_BACKOFF_MS = 5_000;

/** Where a lost stream resumes. Pure. */
export class ResumePoint {
  /** The revision of the last event seen, or the first one a fresh stream can deliver. */
  revision: bigint | undefined;
  /** Events of `revision` already seen (and printed, unless filtered out). */
  seen = 0;
  /** Events of `revision` a resumed stream delivers again, to drop. */
  private skip = 0;

  /** The stream's start (its vipd-start-revision header); only the first stream's counts. */
  started(first: string | undefined): void {
    if (this.revision !== undefined || first === undefined || !/^\d+$/.test(first)) return;
    this.revision = BigInt(first);
    this.seen = 0;
  }

  /** The request of the next stream; sets up dropping what is seen again. */
  resumeRequest(): { start_revision: string } {
    this.skip = this.seen;
    return { start_revision: this.revision === undefined ? '' : this.revision.toString() };
  }

  /** Whether the event is new. An event without a revision (an older coordinator) always is. */
  accept(event: Pick<Event__Output, 'revision'>): boolean {
    if (!/^\d+$/.test(event.revision ?? '')) return true;
    const r = BigInt(event.revision);
    if (this.revision === undefined || r > this.revision) {
      this.revision = r;
      this.seen = 1;
      this.skip = 0;
      return true;
    }
    if (r < this.revision) return false;
    if (this.skip > 0) {
      this.skip--;
      return false;
    }
    this.seen++;
    return true;
  }
}

/** Codes after which trying again cannot help: the operator has to change something. */
const FINAL = new Set<number>([
  status.UNAUTHENTICATED,
  status.PERMISSION_DENIED,
  status.INVALID_ARGUMENT,
  status.OUT_OF_RANGE,
  status.UNIMPLEMENTED,
  status.FAILED_PRECONDITION,
  status.NOT_FOUND,
]);

export interface FollowOptions {
  onEvent(event: Event__Output): void;
  /** A line for stderr about the connection (lost, reconnecting, back). */
  notice(text: string): void;
  /** Resolves when the operator interrupts; ends the watch (exit 0). */
  interrupted: Promise<void>;
  server: string;
}

const seconds = (ms: number) => `${ms < 1000 ? (ms / 1000).toFixed(2) : String(ms / 1000)} s`;

/**
 * Follows the event stream until interrupted. The first connection must succeed (otherwise
 * its error is thrown); after that a lost stream is resumed, with backoff, for as long as it
 * takes, unless the coordinator refuses for good (a FINAL code).
 */
export async function followEvents(client: AdminClient, o: FollowOptions): Promise<void> {
  const point = new ResumePoint();
  let interrupted = false;
  void o.interrupted.then(() => (interrupted = true));
  let connected = false;
  let lost: string | undefined;
  let backoff = INITIAL_BACKOFF_MS;
  for (;;) {
    const request = point.resumeRequest();
    const stream = client.watch(request, {
      onStart: (first) => {
        point.started(first);
        if (lost !== undefined) {
          const from = request.start_revision ? ` from revision ${request.start_revision}` : '';
          o.notice(`reconnected to the coordinator at ${o.server}; events resume${from}`);
          if (!request.start_revision)
            o.notice('the coordinator did not say where the stream starts: events in between may be missing');
        }
        connected = true;
        lost = undefined;
        backoff = INITIAL_BACKOFF_MS;
      },
      onEvent: (event) => {
        if (point.accept(event)) o.onEvent(event);
      },
    });
    void o.interrupted.then(() => stream.stop());
    try {
      await stream.done;
      return;
    } catch (err) {
      if (interrupted) return;
      const code = err instanceof CliError ? err.code : undefined;
      if (!connected || (code !== undefined && FINAL.has(code))) throw err;
      const why = err instanceof Error ? err.message : String(err);
      if (why !== lost)
        o.notice(
          `${why}; reconnecting (every ${seconds(backoff)} at first, then up to ${seconds(MAX_BACKOFF_MS)})`,
        );
      lost = why;
    }
    const wake = await Promise.race([sleep(backoff).then(() => false), o.interrupted.then(() => true)]);
    if (wake) return;
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
