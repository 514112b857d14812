/**
 * The /metrics endpoint that vipd and vip-coordinator serve. GET (or HEAD) /metrics answers with
 * whatever `render()` gives: the services own their prom-client registries, this package knows
 * no metric. Every other path is 404, every other method on /metrics 405.
 *
 * It shares the event loop with vipd's fencing, so it does as little as it can: concurrent
 * scrapes share one render, a render slower than the request timeout is answered 503, a request
 * must arrive whole within that timeout, connections are capped, and no body is ever read.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '@vipd/log';
import { MetricsListenError } from './errors';

export interface Rendered {
  contentType: string;
  body: string;
}

export interface MetricsEndpointOptions {
  /** HOST:PORT, IPv6 as [ADDR]:PORT; port 0 picks a free one (see `port`). */
  listen: string;
  render: () => Promise<Rendered>;
  log: Logger;
  /** Whole request (headers in, answer out) and an idle connection; default 5000. */
  timeoutMs?: number;
  /** Open connections at most; more are refused. Default 16. */
  maxConnections?: number;
}

export const DEFAULT_TIMEOUT_MS = 5000;
export const DEFAULT_MAX_CONNECTIONS = 16;
export const METRICS_PATH = '/metrics';

/** `HOST:PORT` or `[ADDR]:PORT` as the parts net.listen takes. */
export function splitHostPort(listen: string): { host: string; port: number } {
  const at = listen.lastIndexOf(':');
  const host = listen.slice(0, at).replace(/^\[(.*)\]$/, '$1');
  return { host, port: Number(listen.slice(at + 1)) };
}

export class MetricsEndpoint {
  private inflight: Promise<Rendered> | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly timeoutMs: number;
  private server!: Server;
  private boundPort = 0;

  private constructor(private readonly opts: MetricsEndpointOptions) {
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** Binds and serves; rejects with MetricsListenError when the address cannot be bound. */
  static async start(opts: MetricsEndpointOptions): Promise<MetricsEndpoint> {
    const endpoint = new MetricsEndpoint(opts);
    await endpoint.listen();
    return endpoint;
  }

  /** The bound port (the configured one, or the one picked for port 0). */
  get port(): number {
    return this.boundPort;
  }

  /** Stops listening and ends every open connection. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
  }

  private listen(): Promise<void> {
    const server = createServer({ maxHeaderSize: 8192 }, (req, res) => this.handle(req, res));
    server.requestTimeout = this.timeoutMs;
    server.headersTimeout = this.timeoutMs;
    server.keepAliveTimeout = Math.min(5000, this.timeoutMs);
    server.maxHeadersCount = 64;
    server.maxConnections = this.opts.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
    server.setTimeout(this.timeoutMs, (socket) => socket.destroy());
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    server.on('clientError', (_err, socket) => socket.destroy());
    this.server = server;
    const { host, port } = splitHostPort(this.opts.listen);
    return new Promise((resolve, reject) => {
      const failed = (err: Error): void => reject(new MetricsListenError(this.opts.listen, err));
      server.once('error', failed);
      server.listen({ host, port }, () => {
        server.off('error', failed);
        server.on('error', (err) => this.opts.log.warn({ err: err.message }, 'metrics endpoint error'));
        const address = server.address();
        this.boundPort = typeof address === 'object' && address ? address.port : port;
        this.opts.log.info({ listen: this.opts.listen, port: this.boundPort }, 'metrics endpoint listening');
        resolve();
      });
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '').split('?')[0];
    if (path !== METRICS_PATH) return plain(res, 404, 'not found; metrics are at /metrics');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return plain(res, 405, 'method not allowed');
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>(
      (resolve) => (timer = setTimeout(() => resolve(undefined), this.timeoutMs)),
    );
    Promise.race([this.render(), late])
      .then((out) => {
        if (out === undefined) return plain(res, 503, `metrics took longer than ${this.timeoutMs} ms`);
        res.writeHead(200, { 'Content-Type': out.contentType, 'Cache-Control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : out.body);
      })
      .catch((err: unknown) => {
        this.opts.log.warn(
          { err: err instanceof Error ? err.message : String(err) },
          'metrics render failed',
        );
        plain(res, 500, 'metrics render failed');
      })
      .finally(() => clearTimeout(timer));
  }

  /** One render at a time: scrapes that arrive meanwhile get the same answer. */
  private render(): Promise<Rendered> {
    this.inflight ??= Promise.resolve()
      .then(() => this.opts.render())
      .finally(() => (this.inflight = undefined));
    return this.inflight;
  }
}

function plain(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${text}\n`);
}
