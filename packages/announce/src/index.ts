export {
  Announcer,
  type AnnounceOptions,
  type AnnounceTarget,
  type AnnounceTransport,
  type AnnouncerOptions,
} from './announcer';
export {
  BurstScheduler,
  DEFAULT_IDLE_CLOSE_MS,
  DEFAULT_PACING,
  realTimers,
  type BurstSchedulerOptions,
  type Pacing,
  type SeriesInput,
  type Timers,
} from './burst-scheduler';
export {
  AddonNotBuiltError,
  AnnounceError,
  InvalidAddressError,
  InvalidAnnounceOptionsError,
  InvalidMacError,
  ProbeError,
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
export {
  DEFAULT_PROBE_MAX_FRAMES,
  probeOwners,
  probeOwnersMany,
  type ProbeOptions,
  type ProbeTarget,
  type ProbeTransport,
} from './probe';
export {
  buildArpProbe,
  buildNsProbe,
  formatMac,
  parseArpReply,
  parseNaReply,
  solicitedNodeAddress,
  type ArpProbeInput,
  type NsProbeInput,
} from './probe-frames';
export {
  ADDON_PATH,
  loadPacketAddon,
  openFrameSocket,
  sendAndCollect,
  sendFrame,
  type FrameSocket,
  type NativeSendError,
  type PacketAddon,
} from './packet-socket';
