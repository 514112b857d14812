/**
 * vipd.v1.NodeService as @grpc/proto-loader decodes it with @vipd/proto's LOADER_OPTIONS: the
 * generated types of @vipd/proto (a beat as decoded, `Beat__Output`, has every field set, so
 * the beats we build have that type too), channel options and the one write rule.
 */
import type * as grpc from '@grpc/grpc-js';
import { type Beat, type Beat__Output, loadNodeProto, type NodeServiceHandlers } from '@vipd/proto';
import type { StreamAuth } from './beat-auth';

/** Message size cap, both directions, on the heartbeat channels and (see serverOptions) server. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

/** Channel options of every outbound heartbeat client. */
export const CLIENT_OPTIONS: grpc.ChannelOptions = {
  'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
  'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
  // One channel per connection attempt, not shared: our backoff alone decides when to retry.
  'grpc.use_local_subchannel_pool': 1,
  'grpc.initial_reconnect_backoff_ms': 50,
  'grpc.max_reconnect_backoff_ms': 1000,
  'grpc.enable_retries': 0,
};

/**
 * Options for the grpc.Server that hosts HeartbeatService (passed to `new grpc.Server()` by
 * the daemon; addToServer cannot set them): caps what a peer can make us decode.
 */
export function serverOptions(): grpc.ServerOptions {
  return { 'grpc.max_receive_message_length': MAX_MESSAGE_BYTES };
}

export type HeartbeatCall = grpc.ClientDuplexStream<Beat, Beat__Output>;
export type HeartbeatServerCall = Parameters<NodeServiceHandlers['Heartbeat']>[0];

/** The NodeService client constructor, with `.service` (node.proto is loaded once, on first use). */
export function nodeService(): ReturnType<typeof loadNodeProto>['NodeService'] {
  return loadNodeProto().NodeService;
}

/** Encoded size of a beat, to keep ours under MAX_MESSAGE_BYTES before sending. */
export function encodedSize(beat: Beat): number {
  return nodeService().service.Heartbeat.requestSerialize(beat).length;
}

/** Beats allowed to wait in a stream's write buffer; past this, new beats are dropped. */
export const MAX_QUEUED_BEATS = 2;

/**
 * Writes a beat unless the stream is closed or backed up (the peer or the network is slow):
 * a stale beat is worth nothing, so we drop instead of queueing. True if written.
 */
export function writeBeat(stream: HeartbeatCall | HeartbeatServerCall, beat: Beat): boolean {
  if (stream.destroyed || stream.writableEnded) return false;
  if (stream.writableNeedDrain || stream.writableLength >= MAX_QUEUED_BEATS) return false;
  stream.write(beat);
  return true;
}

/** The beats one side could not write because its stream was backed up. */
export interface Backlog {
  dropped: number;
  /** The last beat was dropped; cleared by the next one written. */
  backedUp: boolean;
}

/**
 * Writes our beat on a stream, outbound or inbound: sealed for it when beats are signed
 * (nothing while the keyring has no key), dropped and counted in `backlog` when the stream
 * is backed up (writeBeat). True when this drop starts a backlog: the caller logs that once.
 */
export function sendBeat(
  stream: HeartbeatCall | HeartbeatServerCall,
  auth: StreamAuth | undefined,
  unsealed: Beat__Output,
  backlog: Backlog,
): boolean {
  const beat = auth ? auth.seal(unsealed) : unsealed;
  if (beat === undefined) return false;
  if (writeBeat(stream, beat)) {
    backlog.backedUp = false;
    return false;
  }
  backlog.dropped++;
  const starts = !backlog.backedUp;
  backlog.backedUp = true;
  return starts;
}
