// Thin typed wrapper over the package's own N-API addon (native/packet.c, native/burst.c): complete
// Ethernet frames out of one interface through an AF_PACKET socket (one frame, or a burst through a
// socket kept per interface), optionally collecting what comes back.
// Privileged (CAP_NET_RAW); acts in the network namespace of the calling process.
import { createRequire } from 'node:module';
import path from 'node:path';
import { getSystemErrorName } from 'node:util';
import { AddonNotBuiltError, InvalidAnnounceOptionsError } from './errors';

/** What build/Release/vipd_packet.node exports. */
export interface PacketAddon {
  sendFrame(ifindex: number, frame: Buffer): void;
  /**
   * Sends `frame` through an AF_PACKET socket bound to `ifindex` and `ethertype` (host order), then
   * collects the frames received for that ethertype (not our own outgoing ones) until `timeoutMs`
   * has elapsed or `maxFrames` were collected. Runs in the libuv threadpool. Rejects with a
   * TypeError for bad arguments, with the errno Error (`errno`, `syscall`) for kernel failures.
   */
  sendAndCollect(
    ifindex: number,
    frame: Buffer | readonly Buffer[],
    ethertype: number,
    timeoutMs: number,
    maxFrames: number,
  ): Promise<Buffer[]>;
  /** Opens a non-blocking sending socket bound to `ifindex` (it never receives); returns its fd. */
  openSocket(ifindex: number): number;
  /**
   * Sends `frames` out of `ifindex` through `fd` back to back (sendmmsg); returns how many were
   * sent and sets `status[i]` to 0 or the errno of frame i. Kernel failures never throw.
   */
  sendFrames(fd: number, ifindex: number, frames: readonly Buffer[], status: Int32Array): number;
  closeSocket(fd: number): void;
}

/** Where the addon is built: `<package root>/build/Release/vipd_packet.node`. */
export const ADDON_PATH = path.join(__dirname, '..', 'build', 'Release', 'vipd_packet.node');

const loadNative = createRequire(__filename);
const loaded = new Map<string, PacketAddon>();

/** Loads (once per path) and checks the addon; throws AddonNotBuiltError when it is missing or broken. */
export function loadPacketAddon(addonPath: string = ADDON_PATH): PacketAddon {
  const cached = loaded.get(addonPath);
  if (cached) return cached;
  let exported: unknown;
  try {
    exported = loadNative(addonPath);
  } catch (err) {
    throw new AddonNotBuiltError(addonPath, err);
  }
  if (!isPacketAddon(exported)) {
    throw new AddonNotBuiltError(
      addonPath,
      new Error(
        'the module does not export sendFrame(), sendAndCollect() and sendFrames(); is it an old build?',
      ),
    );
  }
  loaded.set(addonPath, exported);
  return exported;
}

/** An error thrown by the addon, with the errno and syscall it attaches. */
export interface NativeSendError extends Error {
  errno?: number;
  syscall?: string;
}

/**
 * Sends one complete Ethernet frame (destination MAC first) out of the interface `ifindex`.
 * Throws the addon's Error (message with the errno text, `errno` and `syscall` set) on failure.
 */
export function sendFrame(ifindex: number, frame: Buffer, addon: PacketAddon = loadPacketAddon()): void {
  if (!Number.isInteger(ifindex) || ifindex < 1) {
    throw new InvalidAnnounceOptionsError('ifindex', `expected a positive integer, got ${ifindex}`);
  }
  addon.sendFrame(ifindex, frame);
}

/**
 * Sends `frame` out of `ifindex` and resolves with the frames of `ethertype` received there within
 * `timeoutMs` (at most `maxFrames`), Ethernet header included. See PacketAddon.sendAndCollect.
 */
export async function sendAndCollect(
  ifindex: number,
  frame: Buffer | readonly Buffer[],
  ethertype: number,
  timeoutMs: number,
  maxFrames: number,
  addon: PacketAddon = loadPacketAddon(),
): Promise<Buffer[]> {
  if (!Number.isInteger(ifindex) || ifindex < 1) {
    throw new InvalidAnnounceOptionsError('ifindex', `expected a positive integer, got ${ifindex}`);
  }
  return addon.sendAndCollect(ifindex, frame, ethertype, timeoutMs, maxFrames);
}

/** A sending socket bound to one interface, kept open across bursts (see openFrameSocket). */
export interface FrameSocket {
  /**
   * Sends complete Ethernet frames back to back, in order. Returns, per frame, undefined when the
   * kernel accepted it or the error it failed with (a failed frame does not stop the rest); throws
   * only for arguments the addon refuses (a bug) or a socket already closed.
   */
  sendMany(frames: readonly Buffer[]): (NativeSendError | undefined)[];
  /** Closes the socket (costs an RCU grace period in the kernel: keep it open while in use). */
  close(): void;
}

/**
 * Opens the sending socket of interface `ifindex`. Throws the addon's errno Error (`syscall`
 * "socket" or "bind") when the kernel refuses, AddonNotBuiltError when the addon is missing.
 */
export function openFrameSocket(ifindex: number, addon: PacketAddon = loadPacketAddon()): FrameSocket {
  if (!Number.isInteger(ifindex) || ifindex < 1) {
    throw new InvalidAnnounceOptionsError('ifindex', `expected a positive integer, got ${ifindex}`);
  }
  let fd: number | undefined = addon.openSocket(ifindex);
  return {
    sendMany(frames) {
      if (fd === undefined) throw new Error(`the frame socket of interface ${ifindex} is closed`);
      const status = new Int32Array(frames.length);
      addon.sendFrames(fd, ifindex, frames, status);
      // One Error per distinct errno in the burst, shared by the frames that failed with it.
      const byErrno = new Map<number, NativeSendError>();
      return Array.from(status, (errno) => {
        if (errno === 0) return undefined;
        let error = byErrno.get(errno);
        if (!error) {
          error = Object.assign(new Error(`sendmmsg: ${errnoName(errno)} (errno ${errno})`), {
            errno,
            syscall: 'sendmmsg',
          });
          byErrno.set(errno, error);
        }
        return error;
      });
    },
    close() {
      if (fd === undefined) return;
      addon.closeSocket(fd);
      fd = undefined;
    },
  };
}

function errnoName(errno: number): string {
  try {
    return getSystemErrorName(-errno);
  } catch {
    return 'unknown error';
  }
}

function isPacketAddon(value: unknown): value is PacketAddon {
  if (typeof value !== 'object' || value === null) return false;
  const addon = value as Partial<Record<keyof PacketAddon, unknown>>;
  return (
    typeof addon.sendFrame === 'function' &&
    typeof addon.sendAndCollect === 'function' &&
    typeof addon.openSocket === 'function' &&
    typeof addon.sendFrames === 'function' &&
    typeof addon.closeSocket === 'function'
  );
}
