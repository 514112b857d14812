/**
 * The gRPC side: an AdminService client from the real admin.proto, credentials (TLS files,
 * bearer token as call metadata), unary calls as promises with a deadline, and the event
 * stream. Every failure comes out as a CliError (exit 1) or UsageError (exit 2, bad file).
 */
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { certificateValidityProblem, ConfigError, readTlsFiles, type TlsFiles } from '@vipd/config';
import {
  type AdminRequest,
  type AdminResponse,
  type AdminServiceClient,
  type AdminUnaryMethod,
  callAdmin,
  type Event__Output,
  loadAdminProto,
  START_REVISION_METADATA,
} from '@vipd/proto';
import type { GlobalOptions } from './args';
import { type CallContext, CliError, fromGrpcError, UsageError } from './errors';

export interface EventStream {
  /** Resolves when cancelled by stop(); rejects with a CliError if the stream fails or ends. */
  done: Promise<void>;
  stop(): void;
}

function readFile(flag: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new UsageError(
      `cannot read ${flag} ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
}

/** The token from its file (first line, trimmed), --token or VIPADM_TOKEN. */
export function resolveToken(token: GlobalOptions['token']): string | undefined {
  if (!token) return undefined;
  if (token.from !== 'file') return token.value.trim();
  const value = readFile(token.via, token.path).toString('utf8').split('\n')[0]!.trim();
  if (value === '') throw new UsageError(`${token.via} ${token.path} is empty`);
  return value;
}

/**
 * TLS from --tls-ca (the only CA trusted when given; `--tls` alone uses the system's CAs)
 * and --tls-cert/--tls-key (the client certificate). A missing or unreadable file, or a key
 * that does not belong to the certificate, is a UsageError naming the flag.
 */
export function channelCredentials(tls: GlobalOptions['tls']): grpc.ChannelCredentials {
  if (!tls) return grpc.credentials.createInsecure();
  let files: TlsFiles;
  try {
    files = readTlsFiles(tls, { prefix: '--tls-' });
    const expiry = certificateValidityProblem(files.cert, Date.now());
    if (expiry !== undefined) throw new UsageError(`--tls-cert ${tls.cert ?? ''}: ${expiry}`);
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
  return grpc.credentials.createSsl(files.ca ?? null, files.key ?? null, files.cert ?? null);
}

export class AdminClient {
  private readonly client: AdminServiceClient;

  constructor(
    private readonly server: string,
    credentials: grpc.ChannelCredentials,
    private readonly token: string | undefined,
    private readonly tls: CallContext['tls'] = 'off',
    /** Where the token came from (for the hint when it is refused); undefined: none given. */
    private readonly tokenLabel?: string,
  ) {
    const { AdminService } = loadAdminProto();
    this.client = new AdminService(server, credentials, {
      // Fail fast when the coordinator is down instead of retrying until the deadline.
      'grpc.initial_reconnect_backoff_ms': 200,
      'grpc.max_reconnect_backoff_ms': 1000,
    });
  }

  private context(deadlineMs: number): CallContext {
    return { server: this.server, deadlineMs, tls: this.tls, token: this.tokenLabel };
  }

  private metadata(): grpc.Metadata {
    const md = new grpc.Metadata();
    if (this.token !== undefined) md.set('authorization', `Bearer ${this.token}`);
    return md;
  }

  /** One call with a deadline (ms from now); the result is the decoded response message. */
  call<M extends AdminUnaryMethod>(
    name: M,
    request: AdminRequest<M>,
    deadlineMs: number,
  ): Promise<AdminResponse<M>> {
    return new Promise((resolve, reject) => {
      const options = { deadline: Date.now() + deadlineMs };
      callAdmin(this.client, name, request, this.metadata(), options, (err, value) => {
        if (err) reject(fromGrpcError(err, this.context(deadlineMs)));
        else resolve(value!);
      });
    });
  }

  /**
   * The event stream from request.start_revision (empty: from now); each message goes to
   * onEvent in order, and onStart gets the first revision the stream can deliver (the
   * vipd-start-revision header) once the coordinator has started it.
   */
  watch(
    request: { start_revision: string },
    on: { onEvent(event: Event__Output): void; onStart?(firstRevision: string | undefined): void },
  ): EventStream {
    const stream = this.client.WatchEvents(request, this.metadata());
    let stopped = false;
    const done = new Promise<void>((resolve, reject) => {
      stream.on('metadata', (md: grpc.Metadata) => {
        const first = md.get(START_REVISION_METADATA)[0];
        on.onStart?.(typeof first === 'string' ? first : undefined);
      });
      stream.on('data', (event: Event__Output) => on.onEvent(event));
      const ended = new CliError(`the coordinator at ${this.server} ended the event stream`);
      stream.on('error', (err: grpc.ServiceError) => {
        if (stopped && err.code === grpc.status.CANCELLED) resolve();
        else if (err.code === grpc.status.CANCELLED)
          reject(ended); // the server went away
        else reject(fromGrpcError(err, this.context(0)));
      });
      stream.on('status', (s: grpc.StatusObject) => {
        if (s.code === grpc.status.OK) reject(ended);
      });
    });
    return {
      done,
      stop: () => {
        stopped = true;
        stream.cancel();
      },
    };
  }

  close(): void {
    this.client.close();
  }
}
