/** Builds the etcd client with our fault handling: no hidden retries or circuit breakers. */
import { InterceptingCall, type Interceptor } from '@grpc/grpc-js';
import {
  circuitBreaker,
  ConsecutiveBreaker,
  ConstantBackoff,
  ExponentialBackoff,
  handleWhen,
  type IBackoff,
  noop,
  retry,
} from 'cockatiel';
import { Etcd3, type IOptions, isRecoverableError } from 'etcd3';

export interface EtcdClientOptions {
  endpoints: string[];
  /** Deadline of every unary call, ms. Our own loops retry; the client must not hang. */
  callTimeoutMs: number;
  dialTimeoutMs: number;
  tls?: { ca: Buffer; cert?: Buffer; key?: Buffer };
  auth?: { username: string; password: string };
}

/**
 * etcd's `hasleader` metadata on a stream: a member cut off from its cluster's quorum ends the
 * stream with "no leader" instead of keeping it open and silent. Without it, a watch on such a
 * member would deliver nothing, for as long as the partition lasts, with no error: the watch lag
 * that docs/fast-takeover.md bounds by Λ would have no bound.
 */
export const requireLeader: Interceptor = (options, nextCall) =>
  new InterceptingCall(nextCall(options), {
    start(metadata, listener, next) {
      metadata.set('hasleader', 'true');
      next(metadata, listener);
    },
  });

/**
 * The options of one call: a unary call gets its deadline; a Watch stream requires a leader
 * (requireLeader). Watches only: a lease keepalive on a member without a leader fails anyway (it
 * cannot be forwarded), and ending its stream too would only turn an election into failed
 * renewals.
 */
export function callOptionsFor(
  ctx: { isStream: boolean; service: string },
  callTimeoutMs: number,
): { interceptors?: Interceptor[]; deadline?: number } {
  if (!ctx.isStream) return { deadline: Date.now() + callTimeoutMs };
  return ctx.service === 'Watch' ? { interceptors: [requireLeader] } : {};
}

export function createEtcdClient(opts: EtcdClientOptions): Etcd3 {
  const options: IOptions = {
    hosts: opts.endpoints,
    dialTimeout: opts.dialTimeoutMs,
    // Our loops retry on their own schedule, which knows the fencing deadline. With several
    // members, though, a dead one must leave the rotation at once (or a node near its deadline
    // keeps asking it): a call that fails on one member is tried once more on another, and a
    // member that failed twice in a row rests for a second. One endpoint: nothing of the sort,
    // a breaker would only hide etcd's return from us.
    faultHandling: {
      host: () =>
        opts.endpoints.length > 1
          ? circuitBreaker(handleWhen(isRecoverableError), {
              halfOpenAfter: 1000,
              breaker: new ConsecutiveBreaker(2),
            })
          : noop,
      global:
        opts.endpoints.length > 1
          ? retry(handleWhen(isRecoverableError), { maxAttempts: 1, backoff: new ConstantBackoff(0) })
          : noop,
      // etcd3 types this as an IBackoff but calls .next() first, as on its own default.
      watchBackoff: new ExponentialBackoff({
        initialDelay: 50,
        maxDelay: 1000,
      }) as unknown as IBackoff<unknown>,
    },
    defaultCallOptions: (ctx) => callOptionsFor(ctx, opts.callTimeoutMs),
    grpcOptions: {
      'grpc.keepalive_time_ms': 2000,
      'grpc.keepalive_timeout_ms': 1000,
      'grpc.keepalive_permit_without_calls': 1,
      'grpc.initial_reconnect_backoff_ms': 100,
      'grpc.max_reconnect_backoff_ms': 1000,
    },
  };
  if (opts.tls) {
    options.credentials = {
      rootCertificate: opts.tls.ca,
      privateKey: opts.tls.key,
      certChain: opts.tls.cert,
    };
  }
  if (opts.auth) {
    options.auth = {
      username: opts.auth.username,
      password: opts.auth.password,
      // A factory, so every (re-)authentication gets its own deadline: a fixed one, taken when
      // the client was built, would fail every token refresh after the first callTimeoutMs.
      callOptions: () => ({ deadline: Date.now() + opts.callTimeoutMs }),
    };
  }
  return new Etcd3(options);
}

/** A deadline for one call, for places that pass call options explicitly. */
export function callDeadline(ms: number): { deadline: number } {
  return { deadline: Date.now() + ms };
}
