/**
 * Which node an inbound stream may speak for, as the mesh asks it: the rules of binding.ts
 * applied to the claimed node's registered address. A registered host name is looked up in
 * DNS (`binding: 'address'`): until its first answer the stream is 'pending' (answered, not
 * recorded); a stream that fails against addresses older than RESOLVE_EVERY_MS has the name
 * looked up again.
 */
import { lookup } from 'node:dns/promises';
import { type Clock, errorLine, type Logger, parseHostPort } from '@vipd/log';
import {
  bindByAddress,
  bindByCertificate,
  type BindResult,
  normalizeIp,
  type StreamBinding,
} from './binding';
import type { HeartbeatServerCall } from './wire';

/** A registered host name is looked up again at most this often. */
const RESOLVE_EVERY_MS = 10_000;

export interface InboundBinderOptions {
  binding: StreamBinding;
  clock: Clock;
  log: Logger;
}

export class InboundBinder {
  /** Registered host names → their addresses (for address binding). */
  private readonly resolved = new Map<string, { addrs: string[]; at: number }>();

  constructor(private readonly o: InboundBinderOptions) {}

  /**
   * Whether `call` may speak for `node`, registered at `registered` (host:port; undefined when
   * `node` is not a peer: 'unknown').
   */
  bind(
    node: string,
    registered: string | undefined,
    call: HeartbeatServerCall,
  ): BindResult | 'unknown' | 'pending' {
    if (this.o.binding === 'none') return { ok: true };
    if (registered === undefined) return 'unknown';
    if (this.o.binding === 'certificate') {
      return bindByCertificate(node, call.getAuthContext().sslPeerCertificate, registered);
    }
    const parsed = parseHostPort(registered);
    // An IP address, or no address at all (bindByAddress says why), needs no look-up.
    if ('problem' in parsed || normalizeIp(parsed.host) !== undefined) {
      return bindByAddress(node, call.getPeer(), registered);
    }
    const host = parsed.host;
    const known = this.resolved.get(host);
    if (known === undefined) {
      this.resolve(host);
      return 'pending';
    }
    const result = bindByAddress(node, call.getPeer(), registered, known.addrs);
    if (!result.ok && this.o.clock.now() - known.at > RESOLVE_EVERY_MS) this.resolve(host);
    return result;
  }

  private resolve(host: string): void {
    const at = this.o.clock.now();
    const entry = this.resolved.get(host);
    if (entry && at - entry.at < RESOLVE_EVERY_MS) return;
    this.resolved.set(host, { addrs: entry?.addrs ?? [], at });
    lookup(host, { all: true }).then(
      (found) => {
        const addrs = found.map((a) => normalizeIp(a.address)).filter((a): a is string => a !== undefined);
        this.resolved.set(host, { addrs, at });
      },
      (err: unknown) =>
        this.o.log.warn({ host, err: errorLine(err) }, "cannot resolve a peer's registered host"),
    );
  }
}
