/**
 * Mutual TLS for the mesh against a private CA: the node's gRPC server asks every client for
 * a certificate and refuses one that this CA did not sign (or that has expired), and every
 * outbound heartbeat stream trusts this CA alone, never the public roots, while presenting
 * the node's own certificate. Without TLS material both sides are plaintext.
 */
import * as grpc from '@grpc/grpc-js';

/** PEM contents: the private CA, this node's certificate (chain) and its key. */
export interface MeshTls {
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

/** Credentials for the server on node.listen (heartbeats and grpc.health.v1 share it). */
export function meshServerCredentials(tls: MeshTls | undefined): grpc.ServerCredentials {
  if (!tls) return grpc.ServerCredentials.createInsecure();
  // checkClientCertificate: a client without a certificate signed by `ca` fails the handshake.
  return grpc.ServerCredentials.createSsl(tls.ca, [{ cert_chain: tls.cert, private_key: tls.key }], true);
}

/** Credentials for outbound heartbeat streams: verify the peer against `ca` only. */
export function meshChannelCredentials(tls: MeshTls | undefined): grpc.ChannelCredentials {
  if (!tls) return grpc.credentials.createInsecure();
  return grpc.credentials.createSsl(tls.ca, tls.key, tls.cert);
}
