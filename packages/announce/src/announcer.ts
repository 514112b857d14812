// Announces VIPs: `count` gratuitous ARPs (IPv4) or unsolicited neighbour advertisements (IPv6)
// per VIP, `intervalMs` apart, as whole Ethernet frames through the AF_PACKET addon. Every
// interface has one scheduler (burst-scheduler.ts) with one socket kept open: the frames due at
// the same moment, across all the VIPs announced there, leave back to back in one native call,
// paced (DEFAULT_PACING: at most 64 back to back, 64 per ms), so a takeover of hundreds of VIPs
// costs a few dozen bursts and one timer per interface, not a timer and a system call per frame.
import type { Logger } from '@vipd/log';
import { BurstScheduler, DEFAULT_IDLE_CLOSE_MS, type Pacing, type Timers } from './burst-scheduler';
import { InvalidAnnounceOptionsError } from './errors';
import { buildGratuitousArp, buildUnsolicitedNaFrame } from './frames';
import { type FrameSocket, openFrameSocket } from './packet-socket';

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
  /** Opens a sending socket for interface `ifindex` (kept for bursts; throws on failure). */
  open(ifindex: number): FrameSocket;
}

export interface AnnouncerOptions {
  logger?: Logger;
  transport?: AnnounceTransport;
  /** Per interface: at most `burstFrames` frames back to back, `burstFrames` per `burstGapMs`. */
  pacing?: Pacing;
  timers?: Timers;
  /** An interface's socket is closed after this long without announcements. */
  idleCloseMs?: number;
}

/** Frames kept for announcing again; past this the oldest is dropped. */
const MAX_KEPT_FRAMES = 16_384;

const kernelTransport: AnnounceTransport = { open: (ifindex) => openFrameSocket(ifindex) };

export class Announcer {
  private readonly log: Logger | undefined;
  private readonly transport: AnnounceTransport;
  private readonly schedulers = new Map<number, BurstScheduler>();
  /** Built frames by family, MAC and address, oldest first (never changed once built). */
  private readonly frames = new Map<string, Buffer>();
  /** close() was called: nothing is announced (or a socket opened) any more. */
  private closed = false;

  constructor(private readonly options: AnnouncerOptions = {}) {
    this.log = options.logger?.child({ component: 'announce' });
    this.transport = options.transport ?? kernelTransport;
    if (options.pacing) validatePacing(options.pacing);
  }

  /**
   * Sends `opts.count` announcements of `target.address`, the first at once and the rest
   * `opts.intervalMs` apart (at least; a burst that is full waits for the next), in the bursts of
   * the target's interface; stops early (without error) when `signal` aborts. Resolves with the
   * number of announcements the kernel accepted. Bad input throws InvalidMacError,
   * InvalidAddressError or InvalidAnnounceOptionsError before anything is sent. A frame that fails
   * does not stop the series (the interface's burst logs one warning for all its failed frames);
   * when none of the `count` frames could be sent, rejects with the last SendError. When the addon
   * cannot be used at all (AddonNotBuiltError), rejects with that.
   */
  async announce(target: AnnounceTarget, opts: AnnounceOptions, signal?: AbortSignal): Promise<number> {
    validate(target, opts);
    if (this.closed) return 0;
    return this.scheduler(target).add({
      frame: this.frame(target),
      address: target.address,
      family: target.family,
      count: opts.count,
      intervalMs: opts.intervalMs,
      signal,
    });
  }

  /** Ends every series (each resolves with what it sent) and closes the sockets, for good. */
  close(): void {
    this.closed = true;
    for (const scheduler of this.schedulers.values()) scheduler.close();
    this.schedulers.clear();
  }

  /**
   * The target's frame, built once and kept (a VIP announces again at every refresh, and building
   * an NA costs tens of microseconds: ~50 ms of loop time for 2000 VIPs).
   */
  private frame(target: AnnounceTarget): Buffer {
    const key = `${target.family} ${target.mac} ${target.address}`;
    let frame = this.frames.get(key);
    if (frame) return frame;
    // The NA's source is the VIP itself, an address of the interface by the time it is
    // announced (RFC 4861 §4.4 asks for one; Linux does the same for its own unsolicited NAs).
    frame =
      target.family === 4
        ? buildGratuitousArp({ mac: target.mac, ip: target.address })
        : buildUnsolicitedNaFrame({ mac: target.mac, srcIp: target.address, ip: target.address });
    if (this.frames.size >= MAX_KEPT_FRAMES) this.frames.delete(this.frames.keys().next().value ?? '');
    this.frames.set(key, frame);
    return frame;
  }

  private scheduler(target: AnnounceTarget): BurstScheduler {
    let scheduler = this.schedulers.get(target.ifindex);
    if (!scheduler) {
      const created = new BurstScheduler({
        ifindex: target.ifindex,
        ifname: target.ifname,
        open: (ifindex) => this.transport.open(ifindex),
        pacing: this.options.pacing,
        timers: this.options.timers,
        logger: this.log,
        idleCloseMs: this.options.idleCloseMs ?? DEFAULT_IDLE_CLOSE_MS,
        onIdle: () => {
          if (this.schedulers.get(target.ifindex) === created) this.schedulers.delete(target.ifindex);
        },
      });
      scheduler = created;
      this.schedulers.set(target.ifindex, scheduler);
    }
    return scheduler;
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

function validatePacing(pacing: Pacing): void {
  if (!Number.isInteger(pacing.burstFrames) || pacing.burstFrames < 1) {
    throw new InvalidAnnounceOptionsError(
      'burstFrames',
      `expected a positive integer, got ${pacing.burstFrames}`,
    );
  }
  if (!Number.isFinite(pacing.burstGapMs) || pacing.burstGapMs < 0) {
    throw new InvalidAnnounceOptionsError(
      'burstGapMs',
      `expected a non-negative number, got ${pacing.burstGapMs}`,
    );
  }
}
