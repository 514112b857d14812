/**
 * vipd.v1.NodeService as @grpc/proto-loader decodes it with @vipd/proto's LOADER_OPTIONS.
 * The message types mirror the generated ones in @vipd/proto/src/generated/vipd/v1 (Beat,
 * PeerView, HeldVip) field for field, because lint forbids deep imports into that package;
 * beat.test.ts checks the field names against the loaded node.proto.
 */
import * as grpc from '@grpc/grpc-js';
import { loadProtos } from '@vipd/proto';

export type WireHealth = 'UNKNOWN' | 'SERVING' | 'NOT_SERVING';

export interface WireHeldVip {
  name: string;
  revision: string;
}

export interface WirePeerView {
  node: string;
  last_seen_ms_ago: number;
  suspect: boolean;
  echo_sent_at_ms: number;
  lease_id: string;
}

/** A Beat as decoded (`Beat__Output`): int64 as a decimal string, enums as names. */
export interface WireBeat {
  node: string;
  seq: string;
  health: WireHealth;
  held: WireHeldVip[];
  lease_id: string;
  peers: WirePeerView[];
  interval_ms: number;
  sent_at_ms: number;
  etcd_ok: boolean;
}

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

export type HeartbeatCall = grpc.ClientDuplexStream<WireBeat, WireBeat>;
export type HeartbeatServerCall = grpc.ServerDuplexStream<WireBeat, WireBeat>;

interface NodeServiceClient extends grpc.Client {
  Heartbeat(options?: grpc.CallOptions): HeartbeatCall;
}

interface NodeServiceCtor {
  new (
    address: string,
    credentials: grpc.ChannelCredentials,
    options?: grpc.ChannelOptions,
  ): NodeServiceClient;
  service: grpc.ServiceDefinition;
}

let loaded: NodeServiceCtor | undefined;

/** The NodeService client constructor (node.proto is loaded once, on first use). */
export function nodeService(): NodeServiceCtor {
  if (loaded === undefined) {
    const root = loadProtos(['vipd/v1/node.proto']);
    const v1 = (root.vipd as grpc.GrpcObject).v1 as grpc.GrpcObject;
    // The loaded constructor is untyped; NodeServiceCtor is the generated client's shape.
    loaded = v1.NodeService as unknown as NodeServiceCtor;
  }
  return loaded;
}

/** Encoded size of a beat, to keep ours under MAX_MESSAGE_BYTES before sending. */
export function encodedSize(beat: Partial<WireBeat>): number {
  const method = nodeService().service.Heartbeat;
  if (method === undefined) throw new Error('node.proto has no Heartbeat method');
  return method.requestSerialize(beat).length;
}

/** Beats allowed to wait in a stream's write buffer; past this, new beats are dropped. */
export const MAX_QUEUED_BEATS = 2;

/**
 * Writes a beat unless the stream is closed or backed up (the peer or the network is slow):
 * a stale beat is worth nothing, so we drop instead of queueing. True if written.
 */
export function writeBeat(stream: HeartbeatCall | HeartbeatServerCall, beat: WireBeat): boolean {
  if (stream.destroyed || stream.writableEnded) return false;
  if (stream.writableNeedDrain || stream.writableLength >= MAX_QUEUED_BEATS) return false;
  stream.write(beat);
  return true;
}
