/**
 * PeerMesh: this node's heartbeat streams to every peer and its view of their liveness.
 *
 * One object owns the peer table and both directions: outbound streams (one PeerLink per
 * peer) and the inbound side (`service`, a HeartbeatService the daemon adds to its gRPC
 * server with `mesh.addToServer(server)`). A beat counts as liveness whichever stream it came
 * on. One timer ticks every interval: it builds our beat (calling `localBeat()` once) and
 * writes it on every stream; then, once pending input has been read, it marks silent peers
 * suspect and restarts silent streams.
 *
 * Events: `alive` (first beat from a peer, or a beat after it was suspect), `suspect`
 * (silent for suspectAfterMisses × max(our, its interval), or never heard from that long
 * after being added), `beat` (every beat from a peer in the set), `removed` (setPeers dropped
 * it: its stream is closed and its state forgotten), `rejected` (a beat that did not verify,
 * or an inbound stream refused for claiming a node it cannot be; logged as rejections.ts
 * says). Listener exceptions are logged, not rethrown into gRPC.
 *
 * What the daemon holds travels as a versioned set (held-mesh.ts, docs/scale.md "Held VIPs in
 * beats"): a received beat's `held` is the sender's set as this node has it, `heldKnown` false
 * when that is not the set at the version the beat names.
 *
 * With a keyring (the daemon always gives one) beats are signed and only verified beats count
 * (beat-auth.ts); until the keyring has a key, nothing is sent. Inbound streams are tied to
 * the claimed node (binding.ts, inbound-binder.ts): by source address without TLS, by
 * certificate with it.
 */
import { EventEmitter } from 'node:events';
import * as grpc from '@grpc/grpc-js';
import { type Clock, errorLine, type Logger, monotonicClock, silentLogger } from '@vipd/log';
import type { Beat__Output } from '@vipd/proto';
import { type LocalBeat, MAX_INTERVAL_MS, type ReceivedBeat, toWire } from './beat';
import { AUTH_OVERHEAD_BYTES, type BeatKeyring, type RejectReason } from './beat-auth';
import { type BackoffOptions, DEFAULT_BACKOFF } from './backoff';
import type { StreamBinding } from './binding';
import { BeatTooLargeError } from './errors';
import { HELD_SET_FRAMING_BYTES, MeshHeldSets } from './held-mesh';
import { InboundBinder } from './inbound-binder';
import { PeerLink } from './peer-link';
import { PeerTable } from './peer-table';
import { type Rejection, RejectionLog } from './rejections';
import { HeartbeatService } from './service';
import { suspectAfterMs } from './suspicion';
import { encodedSize, MAX_MESSAGE_BYTES } from './wire';

export interface PeerMeshOptions {
  /** Our node name (as registered under nodes/). */
  self: string;
  /** Beat interval; default in the daemon config is 100 ms. */
  intervalMs: number;
  /** Missed intervals before a peer is suspect; the daemon's default is 3. */
  suspectAfterMisses: number;
  /** Called once per interval for what our beats carry. */
  localBeat: () => LocalBeat;
  /** Monotonic clock; default performance.now(). */
  clock?: Clock;
  /** Outbound channel credentials; default insecure. */
  credentials?: grpc.ChannelCredentials;
  log?: Logger;
  /** Reconnect backoff; default 50 ms doubling to 1 s, with jitter. */
  backoff?: BackoffOptions;
  /** Inbound stream cap of the service; default 1024. */
  maxInboundStreams?: number;
  /** Sign our beats and count only verified ones (beat-auth.ts). Without it, beats go unsigned. */
  keyring?: BeatKeyring;
  /**
   * How inbound streams are tied to the node they claim: 'address' (plaintext: the source
   * address is the host of its registration; the default), 'certificate' (mutual TLS), 'none'.
   */
  binding?: StreamBinding;
}

export interface PeerState {
  node: string;
  address: string;
  /** An outbound or inbound stream with this peer is open and has delivered a beat. */
  connected: boolean;
  /** Monotonic ms (our clock) of the last beat, undefined if never heard from. */
  lastBeatAt: number | undefined;
  lastSeenMsAgo: number | undefined;
  suspect: boolean;
  lastBeat?: ReceivedBeat;
}

export interface PeerMeshEvents {
  beat: [node: string, beat: ReceivedBeat];
  suspect: [node: string];
  alive: [node: string];
  removed: [node: string];
  /** A beat not counted, or a stream refused (`node` is what it claimed: untrusted). */
  rejected: [reason: RejectReason, node: string];
}

export class PeerMesh extends EventEmitter<PeerMeshEvents> {
  /** The inbound side; shares this mesh's peer table. */
  readonly service: HeartbeatService;
  private readonly table: PeerTable;
  private readonly links = new Map<string, PeerLink>();
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly credentials: grpc.ChannelCredentials;
  private readonly backoff: BackoffOptions;
  private readonly timer: NodeJS.Timeout;
  private seq = 0;
  private current: Beat__Output | undefined;
  /** Our held set and each peer's (held-mesh.ts). */
  private readonly held: MeshHeldSets;
  private beatFailing = false;
  private stopped = false;
  private readonly binder: InboundBinder;
  private readonly rejectLog: RejectionLog;

  constructor(private readonly opts: PeerMeshOptions) {
    super();
    if (!Number.isInteger(opts.intervalMs) || opts.intervalMs < 1 || opts.intervalMs > MAX_INTERVAL_MS) {
      throw new RangeError(`intervalMs must be an integer in 1..${MAX_INTERVAL_MS}, got ${opts.intervalMs}`);
    }
    if (!Number.isInteger(opts.suspectAfterMisses) || opts.suspectAfterMisses < 1) {
      throw new RangeError(`suspectAfterMisses must be a positive integer, got ${opts.suspectAfterMisses}`);
    }
    this.clock = opts.clock ?? monotonicClock;
    this.log = (opts.log ?? silentLogger()).child({ component: 'heartbeat' });
    this.credentials = opts.credentials ?? grpc.credentials.createInsecure();
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
    this.table = new PeerTable(this.clock, opts.intervalMs, opts.suspectAfterMisses);
    this.binder = new InboundBinder({ binding: opts.binding ?? 'address', clock: this.clock, log: this.log });
    this.rejectLog = new RejectionLog(this.clock, this.log);
    this.held = new MeshHeldSets(opts.self, this.clock, this.log);
    this.service = new HeartbeatService({
      self: opts.self,
      clock: this.clock,
      log: this.log,
      maxStreams: opts.maxInboundStreams,
      sink: { received: (beat) => this.received(beat), current: () => this.beatNow() },
      auth: opts.keyring,
      bind: (node, call) => this.binder.bind(node, this.table.get(node)?.address, call),
      rejected: (r) => this.rejected(r),
    });
    this.timer = setInterval(() => this.tick(), opts.intervalMs);
  }

  /** Registers the inbound side (vipd.v1.NodeService) on the node's gRPC server. */
  addToServer(server: grpc.Server): void {
    this.service.addToServer(server);
  }

  /**
   * Makes the peer set exactly `peers` (node → host:port; our own name is ignored). New peers
   * get a stream; removed ones are closed and forgotten (`removed`); an address change
   * reopens the stream but keeps the peer's liveness.
   */
  setPeers(peers: ReadonlyMap<string, string>): void {
    if (this.stopped) return;
    for (const node of this.table.nodes()) {
      if (!peers.has(node) || node === this.opts.self) this.remove(node);
    }
    for (const [node, address] of peers) {
      if (node === this.opts.self) continue;
      const result = this.table.set(node, address);
      if (result === 'unchanged') continue;
      this.links.get(node)?.close();
      this.log.debug({ node, address }, result === 'added' ? 'peer added' : 'peer address changed');
      this.links.set(node, this.link(node, address));
    }
  }

  /** Every peer in the set, as of now. */
  view(): Map<string, PeerState> {
    const out = new Map<string, PeerState>();
    for (const node of this.table.nodes()) {
      const p = this.table.get(node);
      if (p === undefined) continue;
      const state: PeerState = {
        node,
        address: p.address,
        connected: (this.links.get(node)?.connected ?? false) || this.service.hasInbound(node),
        lastBeatAt: p.lastBeatAt,
        lastSeenMsAgo: this.table.lastSeenMsAgo(p),
        suspect: p.suspect,
      };
      if (p.lastBeat !== undefined) state.lastBeat = p.lastBeat;
      out.set(node, state);
    }
    return out;
  }

  /** Stops the timer, closes every outbound stream and ends every inbound one. Synchronous. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    for (const link of this.links.values()) link.close();
    this.links.clear();
    this.service.stop();
  }

  private link(node: string, address: string): PeerLink {
    return new PeerLink(node, address, {
      credentials: this.credentials,
      clock: this.clock,
      log: this.log,
      backoff: this.backoff,
      received: (beat) => this.received(beat),
      current: () => this.beatNow(),
      auth: this.opts.keyring,
      rejected: (r) => this.rejected(r),
    });
  }

  /** Counts every rejection (the `rejected` event); logs the first of each stream, rate-limited. */
  private rejected(r: Rejection): void {
    this.notify(() => this.emit('rejected', r.reason, r.node));
    this.rejectLog.add(r);
  }

  private remove(node: string): void {
    this.links.get(node)?.close();
    this.links.delete(node);
    this.table.remove(node);
    this.held.forget(node);
    this.log.debug({ node }, 'peer removed');
    this.notify(() => this.emit('removed', node));
  }

  /** A beat from either direction. False if the sender is not in the peer set. */
  private received(beat: ReceivedBeat): boolean {
    if (this.stopped || this.table.get(beat.node) === undefined) return false;
    this.held.resolve(beat);
    const result = this.table.record(beat);
    if (result === 'unknown') return false;
    if (result === 'alive') {
      this.log.info({ node: beat.node, health: beat.health, seq: beat.seq }, 'peer alive');
      this.notify(() => this.emit('alive', beat.node));
    }
    this.notify(() => this.emit('beat', beat.node, beat));
    return true;
  }

  /**
   * Sends our beat at once, and judges silence only after the event loop has read what is
   * waiting on its sockets (setImmediate runs after the poll phase). A node whose own event
   * loop stalled, or that the OS did not schedule, finds its peers' beats queued there: judged
   * straight from the late timer they would all look silent, and a peer suspect here can have
   * its lease revoked.
   */
  private tick(): void {
    this.sendBeat();
    setImmediate(() => this.judge());
  }

  private sendBeat(): void {
    try {
      const beat = this.build();
      if (beat === undefined) return;
      for (const link of this.links.values()) link.send(beat);
      this.service.broadcast(beat);
    } catch (err) {
      this.log.error({ err: errorLine(err) }, 'heartbeat tick failed');
    }
  }

  private judge(): void {
    if (this.stopped) return;
    try {
      const suspects = this.table.check();
      for (const node of suspects) {
        const p = this.table.get(node);
        const lastSeenMsAgo = p === undefined ? undefined : this.table.lastSeenMsAgo(p);
        this.log.info({ node, lastSeenMsAgo, thresholdMs: this.table.thresholdMs(node) }, 'peer suspect');
        this.notify(() => this.emit('suspect', node));
      }
      // The others wait for our word before they act on a silent peer (a takeover needs every
      // member to report it suspect): say so now, not in the next tick's beat.
      if (suspects.length > 0) this.sendBeat();
      for (const [node, link] of this.links) link.checkStale(this.table.thresholdMs(node));
      this.service.sweep((theirs) => 2 * this.idleThreshold(theirs));
    } catch (err) {
      this.log.error({ err: errorLine(err) }, 'heartbeat tick failed');
    }
  }

  private idleThreshold(theirs: number | undefined): number {
    return suspectAfterMs(this.opts.suspectAfterMisses, { ours: this.opts.intervalMs, theirs });
  }

  /** The beat to send right now: this interval's, built on first use. */
  private beatNow(): Beat__Output | undefined {
    return this.current ?? this.build();
  }

  /** Builds this interval's beat (seq + 1). Undefined, and logged, if it cannot be sent. */
  private build(): Beat__Output | undefined {
    this.current = undefined;
    if (this.opts.keyring?.ready === false) return undefined; // nothing we could sign yet
    const max = MAX_MESSAGE_BYTES - (this.opts.keyring ? AUTH_OVERHEAD_BYTES : 0);
    try {
      const local = this.opts.localBeat();
      const header = this.held.header(local.held);
      const views = this.held.withAcks(this.table.views());
      let beat = toWire(
        this.opts.self,
        ++this.seq,
        this.opts.intervalMs,
        { ...local, held: [] }, // no plain list: held_set carries what we hold
        views,
        this.clock.now(),
        header,
      );
      // Too big (a peer set in the thousands): the view goes.
      if (encodedSize(beat) > max) beat = { ...beat, peers: [] };
      const bytes = encodedSize(beat);
      if (bytes > max) throw new BeatTooLargeError(bytes, max);
      // The held set's changes or snapshot piece get what room is left.
      const budget = max - bytes - HELD_SET_FRAMING_BYTES;
      if (budget > 0) beat.held_set = this.held.plan(this.table, budget);
      this.current = beat;
      if (this.beatFailing) this.log.info({ seq: this.seq }, 'sending beats again');
      this.beatFailing = false;
    } catch (err) {
      if (!this.beatFailing) this.log.error({ err: errorLine(err) }, 'cannot build our beat; not sending');
      this.beatFailing = true;
    }
    return this.current;
  }

  private notify(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.log.error({ err: errorLine(err) }, 'heartbeat event listener threw');
    }
  }
}
