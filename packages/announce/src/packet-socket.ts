// Thin typed wrapper over the package's own N-API addon (native/packet.c): one complete Ethernet
// frame out of one interface through an AF_PACKET socket. Privileged (CAP_NET_RAW); acts in the
// network namespace of the calling process.
import { createRequire } from 'node:module';
import path from 'node:path';
import { AddonNotBuiltError, InvalidAnnounceOptionsError } from './errors';

/** What build/Release/vipd_packet.node exports. */
export interface PacketAddon {
  sendFrame(ifindex: number, frame: Buffer): void;
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
    throw new AddonNotBuiltError(addonPath, new Error('the module does not export sendFrame()'));
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

function isPacketAddon(value: unknown): value is PacketAddon {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { sendFrame?: unknown }).sendFrame === 'function'
  );
}
