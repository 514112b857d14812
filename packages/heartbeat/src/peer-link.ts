/**
 * One outbound Heartbeat stream to one peer, kept open for as long as the peer is in the set:
 * we write our beat every interval (the mesh calls send()), the peer answers on the same
 * stream. A failed, ended or silent stream is torn down (channel included) and reopened
 * after a jittered exponential backoff; the delay resets once a stream delivers a beat.
 * With a keyring, our beats are sealed for the stream and the peer's count only once they
 * verify (beat-auth.ts); a beat that does not is dropped and reported, and a stream that
 * delivers none is restarted as silent. Once the peer's nonce is known we send our beat again
 * at once, sealed with it, so the peer counts us without waiting for the next interval.
 * Nothing here throws: failures become log lines and a reconnect.
 */
import * as grpc from '@grpc/grpc-js';
import { type Clock, errorLine, type Logger } from '@vipd/log';
import type { Beat__Output } from '@vipd/proto';
import { fromWire, type ReceivedBeat } from './beat';
import { type BeatKeyring, StreamAuth } from './beat-auth';
import { type BackoffOptions, backoffDelay } from './backoff';
import { fromGrpcError, InvalidBeatError } from './errors';
import type { Rejection } from './rejections';
import { type Backlog, CLIENT_OPTIONS, type HeartbeatCall, nodeService, sendBeat } from './wire';

/** How long a new stream may take to deliver its first beat before it is retried. */
export const CONNECT_TIMEOUT_MS = 1000;

export interface PeerLinkOptions {
  credentials: grpc.ChannelCredentials;
  clock: Clock;
  log: Logger;
  backoff: BackoffOptions;
  /** A beat arrived from the peer on this stream. */
  received: (beat: ReceivedBeat) => void;
  /** Our beat to open a stream with; undefined if there is none to send. */
  current: () => Beat__Output | undefined;
  /** Beats must verify with this keyring; without one, beats go unsigned (tests). */
  auth?: BeatKeyring;
  /** A beat from the peer was not counted, with why. */
  rejected?: (r: Rejection) => void;
}

interface Stream {
  readonly client: grpc.Client;
  readonly call: HeartbeatCall;
  readonly startedAt: number;
  lastBeatAt: number | undefined;
  readonly auth: StreamAuth | undefined;
}

export class PeerLink {
  private stream: Stream | undefined;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly backlog: Backlog = { dropped: 0, backedUp: false };
  /** Streams opened so far (the first one included). */
  opened = 0;

  constructor(
    readonly node: string,
    readonly address: string,
    private readonly opts: PeerLinkOptions,
  ) {
    this.open();
  }

  /** True while the current stream is open and has delivered a beat. */
  get connected(): boolean {
    return this.stream?.lastBeatAt !== undefined;
  }

  /** Beats dropped because the stream was backed up. */
  get dropped(): number {
    return this.backlog.dropped;
  }

  send(unsealed: Beat__Output): void {
    const s = this.stream;
    if (s === undefined) return;
    if (sendBeat(s.call, s.auth, unsealed, this.backlog)) {
      this.opts.log.debug({ node: this.node }, 'heartbeat stream backed up; dropping beats');
    }
  }

  /**
   * Restarts the stream if it has delivered nothing for `staleMs` (a dead path, not an error),
   * or, while it has not delivered its first beat, for CONNECT_TIMEOUT_MS if longer: on a busy
   * host a new connection can take longer than the suspicion threshold, and restarting it
   * at that pace would never let it finish.
   */
  checkStale(staleMs: number): void {
    const s = this.stream;
    if (s === undefined) return;
    const limit = s.lastBeatAt === undefined ? Math.max(staleMs, CONNECT_TIMEOUT_MS) : staleMs;
    if (this.opts.clock.now() - (s.lastBeatAt ?? s.startedAt) <= limit) return;
    this.restart(s, new Error(`no beat for ${Math.round(limit)} ms`), true);
  }

  /** Closes the stream and its channel; no reconnect after this. */
  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    if (this.stream !== undefined) this.teardown(this.stream);
  }

  private open(): void {
    this.retryTimer = undefined;
    if (this.closed) return;
    const Client = nodeService();
    const client = new Client(this.address, this.opts.credentials, CLIENT_OPTIONS);
    const call = client.Heartbeat();
    const auth = this.opts.auth ? new StreamAuth(this.opts.auth) : undefined;
    const s: Stream = { client, call, startedAt: this.opts.clock.now(), lastBeatAt: undefined, auth };
    this.stream = s;
    this.opened++;
    call.on('data', (wire: Beat__Output) => this.onData(s, wire));
    // 'error' comes with every non-OK status; 'status' with every end. Both lead to restart().
    call.on('error', (err: unknown) => this.restart(s, err, true));
    call.on('status', (status: grpc.StatusObject) => {
      const err = status.code === grpc.status.OK ? new Error('peer ended the stream') : status;
      this.restart(s, err, true);
    });
    const beat = this.opts.current();
    if (beat !== undefined) this.send(beat);
  }

  private onData(s: Stream, wire: Beat__Output): void {
    if (this.stream !== s) return;
    let beat: ReceivedBeat;
    try {
      beat = fromWire(wire);
      if (beat.node !== this.node) {
        throw new InvalidBeatError(`expected ${this.node} at ${this.address}`, beat.node);
      }
    } catch (err) {
      this.opts.log.warn({ node: this.node, address: this.address, err: errorLine(err) }, 'bad heartbeat');
      this.restart(s, err, false);
      return;
    }
    const knewPeer = s.auth?.peerKnown ?? true;
    const checked = s.auth?.check(wire, beat.seq) ?? 'fresh';
    if (checked !== 'fresh' && checked !== 'handshake') {
      this.opts.rejected?.({
        reason: checked,
        node: beat.node,
        peer: this.address,
        inbound: false,
        firstOnStream: s.auth!.firstRejection(), // only a keyring rejects
      });
      return;
    }
    s.lastBeatAt = this.opts.clock.now();
    this.attempt = 0;
    if (!knewPeer) {
      const current = this.opts.current();
      if (current !== undefined) this.send(current);
    }
    if (checked !== 'fresh') return;
    this.opts.received(beat);
  }

  /** Ends `s` (if it is still current) and schedules the next attempt. */
  private restart(s: Stream, cause: unknown, transient: boolean): void {
    if (this.stream !== s) return;
    this.teardown(s);
    if (this.closed) return;
    const err = fromGrpcError(this.node, this.address, cause);
    const fast = transient && err.transient;
    const delay = fast ? backoffDelay(this.attempt++, this.opts.backoff) : this.opts.backoff.maxMs;
    const fields = { node: this.node, address: this.address, err: err.message, delayMs: Math.round(delay) };
    if (fast) this.opts.log.debug(fields, 'heartbeat stream lost; reconnecting');
    else this.opts.log.warn(fields, 'heartbeat stream refused; retrying slowly');
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  private teardown(s: Stream): void {
    if (this.stream === s) this.stream = undefined;
    s.call.cancel();
    s.client.close();
  }
}
