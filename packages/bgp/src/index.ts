/**
 * BGP mode (docs/bgp.md): a client of the local gobgpd's gRPC API, and the gobgpd process
 * vipd starts. The holder of a VIP announces it as a host route with itself as next hop.
 */
export { BgpError } from './errors';
export {
  GobgpClient,
  type GobgpClientOptions,
  type PeerSettings,
  type PeerStatus,
  type SessionState,
  type SpeakerSettings,
} from './client';
export { medOfRevision, routeName, warmUp, type HostRoute } from './paths';
export { startGobgpd, type GobgpdOptions, type GobgpdProcess } from './gobgpd';
