/**
 * The server side of NodeService.Heartbeat. A peer opens a stream and beats on it; we record
 * each valid beat in the shared peer table (through the sink) and answer on the same stream
 * with our own beat: at once after the peer's first beat, then every interval when the mesh
 * calls broadcast(). Beats from nodes outside our peer set are answered but not recorded.
 *
 * A stream's sender is fixed by its first beat; a different sender later, or an invalid
 * beat, ends the stream with INVALID_ARGUMENT. A stream that claims a registered node it
 * cannot be (`bind`: its address or certificate) ends with PERMISSION_DENIED. With a keyring,
 * a beat counts only once it verifies (beat-auth.ts): one that does not is dropped and
 * reported, never recorded or answered; the first verified beat of a stream (the handshake)
 * is answered but not recorded. A stream silent for longer than the idle limit (beats that
 * do not verify are silence) is ended (its peer reconnects if it is alive). Writes never
 * queue: see writeBeat.
 */
import type * as grpc from '@grpc/grpc-js';
import { type Clock, errorLine, type Logger } from '@vipd/log';
import type { Beat__Output, NodeServiceHandlers } from '@vipd/proto';
import { fromWire, type ReceivedBeat } from './beat';
import { type BeatKeyring, type RejectReason, StreamAuth } from './beat-auth';
import type { BindResult } from './binding';
import { InvalidBeatError, StreamBindingError, StreamRefusedError, toGrpcStatus } from './errors';
import type { Rejection } from './rejections';
import { type Backlog, type HeartbeatServerCall, nodeService, sendBeat } from './wire';

export interface BeatSink {
  /** A valid beat arrived on an inbound stream; false if its sender is not in the peer set. */
  received(beat: ReceivedBeat): boolean;
  /** Our beat to answer with now; undefined if there is none to send. */
  current(): Beat__Output | undefined;
}

export interface HeartbeatServiceOptions {
  self: string;
  sink: BeatSink;
  clock: Clock;
  log: Logger;
  /** Inbound streams accepted at once; more are refused with RESOURCE_EXHAUSTED. Default 1024. */
  maxStreams?: number;
  /** Beats must verify with this keyring; without one, beats are taken unsigned (tests). */
  auth?: BeatKeyring;
  /**
   * May this call speak for `node`? 'unknown' when the node is not a registered peer (its
   * beats are answered, never recorded); 'pending' while that cannot be told yet (a host name
   * being resolved: answered, not recorded).
   */
  bind?: (node: string, call: HeartbeatServerCall) => BindResult | 'unknown' | 'pending';
  /** A beat was not counted or a stream refused, with why. */
  rejected?: (r: Rejection) => void;
}

interface Inbound {
  readonly call: HeartbeatServerCall;
  readonly openedAt: number;
  node: string | undefined;
  lastBeatAt: number | undefined;
  /** The sender's advertised interval, from its last beat. */
  intervalMs: number | undefined;
  readonly backlog: Backlog;
  unknownLogged: boolean;
  readonly auth: StreamAuth | undefined;
}

export interface InboundStreamInfo {
  /** The sender, once its first beat arrived. */
  node: string | undefined;
  peer: string;
  dropped: number;
}

export class HeartbeatService {
  private readonly streams = new Set<Inbound>();
  private stopped = false;
  private accepted = 0;
  private readonly maxStreams: number;

  constructor(private readonly opts: HeartbeatServiceOptions) {
    this.maxStreams = opts.maxStreams ?? 1024;
  }

  /** Registers vipd.v1.NodeService on the server (create it with serverOptions()). */
  addToServer(server: grpc.Server): void {
    const handlers: NodeServiceHandlers = { Heartbeat: (call) => this.accept(call) };
    server.addService(nodeService().service, handlers);
  }

  /** Writes our beat to every identified inbound stream (dropping it where backed up). */
  broadcast(beat: Beat__Output): void {
    for (const s of this.streams) {
      if (s.node !== undefined) this.send(s, beat);
    }
  }

  /** Ends streams silent for longer than `idleAfter(sender's interval)` ms. */
  sweep(idleAfter: (theirIntervalMs: number | undefined) => number): void {
    const now = this.opts.clock.now();
    for (const s of this.streams) {
      if (now - (s.lastBeatAt ?? s.openedAt) > idleAfter(s.intervalMs)) {
        this.opts.log.debug(
          { node: s.node, peer: s.call.getPeer() },
          'inbound heartbeat stream idle; ending it',
        );
        this.finish(s);
      }
    }
  }

  /** True while a stream from `node` is open and has beaten. */
  hasInbound(node: string): boolean {
    for (const s of this.streams) if (s.node === node) return true;
    return false;
  }

  /** Open inbound streams and the number accepted since start (for tests and metrics). */
  stats(): { open: InboundStreamInfo[]; accepted: number } {
    const open = [...this.streams].map((s) => ({
      node: s.node,
      peer: s.call.getPeer(),
      dropped: s.backlog.dropped,
    }));
    return { open, accepted: this.accepted };
  }

  /** Ends every inbound stream (status OK) and refuses new ones with UNAVAILABLE. */
  stop(): void {
    this.stopped = true;
    for (const s of this.streams) this.finish(s);
  }

  private accept(call: HeartbeatServerCall): void {
    if (this.stopped || this.streams.size >= this.maxStreams) {
      call.emit('error', toGrpcStatus(new StreamRefusedError(this.stopped ? 'stopped' : 'limit')));
      return;
    }
    this.accepted++;
    const s: Inbound = {
      call,
      openedAt: this.opts.clock.now(),
      node: undefined,
      lastBeatAt: undefined,
      intervalMs: undefined,
      backlog: { dropped: 0, backedUp: false },
      unknownLogged: false,
      auth: this.opts.auth ? new StreamAuth(this.opts.auth) : undefined,
    };
    this.streams.add(s);
    const forget = (): void => {
      this.streams.delete(s);
    };
    call.on('data', (wire: Beat__Output) => this.onData(s, wire));
    call.on('end', () => this.finish(s));
    call.on('cancelled', forget);
    call.on('close', forget);
    call.on('error', (err: unknown) => {
      forget();
      this.opts.log.debug({ node: s.node, err: errorLine(err) }, 'inbound heartbeat stream failed');
    });
  }

  private onData(s: Inbound, wire: Beat__Output): void {
    if (!this.streams.has(s)) return;
    let beat: ReceivedBeat;
    try {
      beat = fromWire(wire);
      if (beat.node === this.opts.self) throw new InvalidBeatError('beat from ourselves', beat.node);
      if (s.node !== undefined && beat.node !== s.node) {
        throw new InvalidBeatError(`sender changed from ${s.node} mid-stream`, beat.node);
      }
    } catch (err) {
      this.opts.log.warn({ peer: s.call.getPeer(), err: errorLine(err) }, 'heartbeat stream refused');
      this.fail(s, err);
      return;
    }
    const bound = this.opts.bind?.(beat.node, s.call) ?? 'unknown';
    if (typeof bound === 'object' && !bound.ok) {
      this.reject(s, beat.node, bound.reason, bound.why);
      this.fail(s, new StreamBindingError(beat.node, bound.why));
      return;
    }
    const checked = s.auth?.check(wire, beat.seq) ?? 'fresh';
    if (checked !== 'fresh' && checked !== 'handshake') {
      this.reject(s, beat.node, checked);
      return;
    }
    const record = checked === 'fresh' && bound !== 'pending';
    const first = s.node === undefined;
    s.node = beat.node;
    s.lastBeatAt = this.opts.clock.now();
    s.intervalMs = beat.intervalMs;
    if (record) {
      const known = this.opts.sink.received(beat);
      if (!known && !s.unknownLogged) {
        s.unknownLogged = true;
        this.opts.log.debug(
          { node: beat.node },
          'heartbeat from a node outside the peer set; answering only',
        );
      }
    }
    if (first) {
      const current = this.opts.sink.current();
      if (current !== undefined) this.send(s, current);
    }
  }

  private reject(s: Inbound, node: string, reason: RejectReason, detail?: string): void {
    const firstOnStream = s.auth?.firstRejection() ?? true;
    const r: Rejection = { reason, node, peer: s.call.getPeer(), inbound: true, firstOnStream };
    if (detail !== undefined) r.detail = detail;
    this.opts.rejected?.(r);
  }

  private send(s: Inbound, unsealed: Beat__Output): void {
    if (sendBeat(s.call, s.auth, unsealed, s.backlog)) {
      this.opts.log.debug({ node: s.node }, 'inbound heartbeat stream backed up; dropping beats');
    }
  }

  private finish(s: Inbound): void {
    this.streams.delete(s);
    if (!s.call.writableEnded) s.call.end();
  }

  private fail(s: Inbound, err: unknown): void {
    this.streams.delete(s);
    s.call.emit('error', toGrpcStatus(err));
  }
}
