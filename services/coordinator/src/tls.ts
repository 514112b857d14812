/** The admin API's server credentials from the `tls` section (files read and checked at start). */
import * as grpc from '@grpc/grpc-js';
import { readTlsFiles } from '@vipd/config';
import type { CoordinatorConfig } from './config';

/**
 * Plaintext without `tls`. With it: the server's certificate, and with requireClientCert a
 * client certificate signed by `tls.ca` (only that CA, never the public roots) is required.
 * Throws a one-line ConfigError for a missing or unreadable file or a key/cert mismatch.
 */
export function adminServerCredentials(tls: CoordinatorConfig['tls']): grpc.ServerCredentials {
  if (!tls) return grpc.ServerCredentials.createInsecure();
  const files = readTlsFiles(tls, { prefix: 'tls.' });
  const pair = [{ cert_chain: files.cert!, private_key: files.key! }];
  // Without requireClientCert no client certificate is asked for; `ca` is then unused, and an
  // absent CA must not fall back to the public roots.
  return tls.requireClientCert
    ? grpc.ServerCredentials.createSsl(files.ca!, pair, true)
    : grpc.ServerCredentials.createSsl(files.ca ?? Buffer.from(''), pair, false);
}
