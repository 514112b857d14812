/**
 * The daemon's status socket (node.statusSocket): a Unix socket, mode 0600, that answers every
 * connection with one JSON document (status-report.ts) and closes it. Nothing is read from the
 * client. The client side is status-command.ts.
 */
import { chmodSync, lstatSync, mkdirSync, type Stats, unlinkSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { dirname } from 'node:path';
import { errorLine, type Logger } from '@vipd/log';
import type { NodeStatus } from './status-report';

/** Whether something answers on `path` now (another vipd): then it is not ours to take. */
function listening(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(path);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export class StatusServer {
  private server: Server | undefined;

  constructor(
    private readonly path: string,
    private readonly collect: () => NodeStatus,
    private readonly log: Logger,
  ) {}

  /**
   * Listens; a socket left by a dead vipd is replaced, a live one is left alone. Never throws:
   * without its status socket the daemon still does its job, and says why in the log.
   */
  async listen(): Promise<boolean> {
    const path = this.path;
    try {
      mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
      if (await listening(path)) {
        this.log.warn(
          { socket: path },
          'status socket in use by another process: vipd status will not reach this one',
        );
        return false;
      }
      // Only a socket is replaced: a path that names a file by mistake is never deleted.
      const existing = lstatOrUndefined(path);
      if (existing && !existing.isSocket()) throw new Error(`${path} exists and is not a socket`);
      if (existing) unlinkSync(path);
      const server = createServer((socket) => this.answer(socket));
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(path, () => {
          server.off('error', reject);
          resolve();
        });
      });
      // Created 0777 & ~umask; connecting takes write permission, which this takes from all but root.
      chmodSync(path, 0o600);
      server.on('error', (err) =>
        this.log.warn({ socket: path, err: errorLine(err) }, 'status socket error'),
      );
      this.server = server;
      this.log.info({ socket: path }, 'status socket listening');
      return true;
    } catch (err) {
      this.log.warn({ socket: path, err: errorLine(err) }, 'no status socket: vipd status will not work');
      return false;
    }
  }

  private answer(socket: Socket): void {
    socket.on('error', () => undefined);
    let doc: string;
    try {
      doc = JSON.stringify(this.collect());
    } catch (err) {
      this.log.warn({ err: errorLine(err) }, 'status report failed');
      doc = JSON.stringify({ error: errorLine(err) });
    }
    socket.end(`${doc}\n`);
  }

  /** Stops listening and removes the socket file. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    try {
      unlinkSync(this.path);
    } catch {
      // already gone
    }
  }
}
