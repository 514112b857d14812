// Thin typed wrapper over the package's own N-API addon (native/packet.c): one complete Ethernet
// frame out of one interface through an AF_PACKET socket, optionally collecting what comes back.
// Privileged (CAP_NET_RAW); acts in the network namespace of the calling process.
import { createRequire } from 'node:module';
import path from 'node:path';
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
      new Error('the module does not export sendFrame() and sendAndCollect(); is it an old build?'),
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

function isPacketAddon(value: unknown): value is PacketAddon {
  if (typeof value !== 'object' || value === null) return false;
  const addon = value as { sendFrame?: unknown; sendAndCollect?: unknown };
  return typeof addon.sendFrame === 'function' && typeof addon.sendAndCollect === 'function';
}
