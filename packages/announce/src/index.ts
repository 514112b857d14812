export {
  Announcer,
  type AnnounceOptions,
  type AnnounceTarget,
  type AnnounceTransport,
  type AnnouncerOptions,
} from './announcer';
export {
  AddonNotBuiltError,
  AnnounceError,
  InvalidAddressError,
  InvalidAnnounceOptionsError,
  InvalidMacError,
  SendError,
} from './errors';
export {
  buildGratuitousArp,
  buildUnsolicitedNa,
  buildUnsolicitedNaFrame,
  icmpv6Checksum,
  parseIpv4,
  parseIpv6,
  parseMac,
  type ArpInput,
  type NaFrameInput,
  type NaInput,
} from './frames';
export { openNaSocket, type NaSocket } from './na-socket';
export {
  ADDON_PATH,
  loadPacketAddon,
  sendFrame,
  type NativeSendError,
  type PacketAddon,
} from './packet-socket';
