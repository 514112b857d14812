// Original file: proto/gobgp/gobgp.proto

import type {
  PeerType as _apipb_PeerType,
  PeerType__Output as _apipb_PeerType__Output,
} from '../apipb/PeerType';
import type {
  RemovePrivate as _apipb_RemovePrivate,
  RemovePrivate__Output as _apipb_RemovePrivate__Output,
} from '../apipb/RemovePrivate';

export interface PeerGroupConf {
  auth_password?: string;
  description?: string;
  local_asn?: number;
  peer_asn?: number;
  peer_group_name?: string;
  type?: _apipb_PeerType;
  remove_private?: _apipb_RemovePrivate;
  route_flap_damping?: boolean;
  send_community?: number;
}

export interface PeerGroupConf__Output {
  auth_password: string;
  description: string;
  local_asn: number;
  peer_asn: number;
  peer_group_name: string;
  type: _apipb_PeerType__Output;
  remove_private: _apipb_RemovePrivate__Output;
  route_flap_damping: boolean;
  send_community: number;
}
