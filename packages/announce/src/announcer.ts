// Announces a VIP: `count` gratuitous ARPs (IPv4) or unsolicited neighbour advertisements (IPv6),
// `intervalMs` apart, as whole Ethernet frames through the AF_PACKET addon: one synchronous
// send each, no socket kept open and no poll callback per VIP (hundreds of VIPs announce at once
// after a takeover).
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@vipd/log';
import { AnnounceError, InvalidAnnounceOptionsError, SendError } from './errors';
import { buildGratuitousArp, buildUnsolicitedNaFrame } from './frames';
import { sendFrame, type NativeSendError } from './packet-socket';

export interface AnnounceTarget {
  /** Interface name, for logs and errors. */
  ifname: string;
  /** Interface index in the calling process's network namespace; the frames leave through it. */
  ifindex: number;
  /** The interface's MAC, "aa:bb:cc:dd:ee:ff". */
  mac: string;
  /** The VIP, without a prefix length. */
  address: string;
  family: 4 | 6;
}

export interface AnnounceOptions {
  /** How many announcements to send (0 sends none). */
  count: number;
  /** Pause between two announcements; the first goes out at once. */
  intervalMs: number;
}

/** The privileged I/O the announcer uses; tests replace it with a fake. */
export interface AnnounceTransport {
  /** Sends one full Ethernet frame out of `ifindex` (synchronous, throws on failure). */
  sendFrame(ifindex: number, frame: Buffer): void;
}

export interface AnnouncerOptions {
  logger?: Logger;
  transport?: AnnounceTransport;
}

const kernelTransport: AnnounceTransport = { sendFrame: (i, f) => sendFrame(i, f) };

export class Announcer {
  private readonly log: Logger | undefined;
  private readonly transport: AnnounceTransport;

  constructor(options: AnnouncerOptions = {}) {
    this.log = options.logger?.child({ component: 'announce' });
    this.transport = options.transport ?? kernelTransport;
  }

  /**
   * Sends `opts.count` announcements of `target.address`, the first at once and the rest
   * `opts.intervalMs` apart; stops early (without error) when `signal` aborts. Resolves with the
   * number of announcements the kernel accepted. Bad input throws InvalidMacError,
   * InvalidAddressError or InvalidAnnounceOptionsError before anything is sent. A failure before
   * any success rejects with SendError (the VIP was not announced at all); a failure after one is
   * logged as a warning and the remaining announcements are still tried.
   */
  async announce(target: AnnounceTarget, opts: AnnounceOptions, signal?: AbortSignal): Promise<number> {
    validate(target, opts);
    const send = this.sender(target);
    const fields = { ifname: target.ifname, address: target.address, family: target.family };
    let sent = 0;
    try {
      for (let seq = 1; seq <= opts.count; seq++) {
        if (seq > 1 && !(await pause(opts.intervalMs, signal))) break;
        if (signal?.aborted) break;
        try {
          await send.one();
        } catch (err) {
          if (err instanceof AnnounceError && !(err instanceof SendError)) throw err; // e.g. addon not built
          const error = toSendError(target, err);
          if (sent === 0) throw error;
          this.log?.warn({ ...fields, seq, count: opts.count, err: error }, 'announcement failed');
          continue;
        }
        sent++;
        this.log?.debug({ ...fields, seq, count: opts.count }, 'announcement sent');
      }
    } finally {
      send.close();
    }
    return sent;
  }

  private sender(target: AnnounceTarget): { one(): Promise<void>; close(): void } {
    // The NA's source is the VIP itself, an address of the interface by the time it is
    // announced (RFC 4861 §4.4 asks for one; Linux does the same for its own unsolicited NAs).
    const frame =
      target.family === 4
        ? buildGratuitousArp({ mac: target.mac, ip: target.address })
        : buildUnsolicitedNaFrame({ mac: target.mac, srcIp: target.address, ip: target.address });
    return { one: async () => this.transport.sendFrame(target.ifindex, frame), close: () => undefined };
  }
}

function validate(target: AnnounceTarget, opts: AnnounceOptions): void {
  if (target.family !== 4 && target.family !== 6) {
    throw new InvalidAnnounceOptionsError('family', `expected 4 or 6, got ${String(target.family)}`);
  }
  if (!Number.isInteger(target.ifindex) || target.ifindex < 1) {
    throw new InvalidAnnounceOptionsError('ifindex', `expected a positive integer, got ${target.ifindex}`);
  }
  if (!Number.isInteger(opts.count) || opts.count < 0) {
    throw new InvalidAnnounceOptionsError('count', `expected a non-negative integer, got ${opts.count}`);
  }
  if (!Number.isFinite(opts.intervalMs) || opts.intervalMs < 0) {
    throw new InvalidAnnounceOptionsError(
      'intervalMs',
      `expected a non-negative number, got ${opts.intervalMs}`,
    );
  }
}

/** Waits `ms`; resolves false (instead of rejecting) when the signal aborts first. */
async function pause(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return false;
  try {
    await sleep(ms, undefined, signal ? { signal } : undefined);
    return true;
  } catch (err) {
    if (signal?.aborted) return false;
    throw err;
  }
}

function toSendError(target: AnnounceTarget, err: unknown): SendError {
  if (err instanceof SendError) return err;
  const native = err as Partial<NativeSendError> | null;
  const errno = typeof native?.errno === 'number' ? native.errno : undefined;
  const syscall = typeof native?.syscall === 'string' ? native.syscall : undefined;
  return new SendError(target.ifname, target.family, err, { errno, syscall });
}
