// Original file: proto/gobgp/gobgp.proto

import type {
  Messages as _apipb_Messages,
  Messages__Output as _apipb_Messages__Output,
} from '../apipb/Messages';
import type {
  PeerType as _apipb_PeerType,
  PeerType__Output as _apipb_PeerType__Output,
} from '../apipb/PeerType';
import type { Queues as _apipb_Queues, Queues__Output as _apipb_Queues__Output } from '../apipb/Queues';
import type {
  RemovePrivate as _apipb_RemovePrivate,
  RemovePrivate__Output as _apipb_RemovePrivate__Output,
} from '../apipb/RemovePrivate';
import type {
  Any as _google_protobuf_Any,
  Any__Output as _google_protobuf_Any__Output,
} from '../google/protobuf/Any';

// Original file: proto/gobgp/gobgp.proto

export const _apipb_PeerState_AdminState = {
  UP: 'UP',
  DOWN: 'DOWN',
  PFX_CT: 'PFX_CT',
} as const;

export type _apipb_PeerState_AdminState = 'UP' | 0 | 'DOWN' | 1 | 'PFX_CT' | 2;

export type _apipb_PeerState_AdminState__Output =
  (typeof _apipb_PeerState_AdminState)[keyof typeof _apipb_PeerState_AdminState];

// Original file: proto/gobgp/gobgp.proto

export const _apipb_PeerState_SessionState = {
  UNKNOWN: 'UNKNOWN',
  IDLE: 'IDLE',
  CONNECT: 'CONNECT',
  ACTIVE: 'ACTIVE',
  OPENSENT: 'OPENSENT',
  OPENCONFIRM: 'OPENCONFIRM',
  ESTABLISHED: 'ESTABLISHED',
} as const;

export type _apipb_PeerState_SessionState =
  | 'UNKNOWN'
  | 0
  | 'IDLE'
  | 1
  | 'CONNECT'
  | 2
  | 'ACTIVE'
  | 3
  | 'OPENSENT'
  | 4
  | 'OPENCONFIRM'
  | 5
  | 'ESTABLISHED'
  | 6;

export type _apipb_PeerState_SessionState__Output =
  (typeof _apipb_PeerState_SessionState)[keyof typeof _apipb_PeerState_SessionState];

export interface PeerState {
  auth_password?: string;
  description?: string;
  local_asn?: number;
  messages?: _apipb_Messages | null;
  neighbor_address?: string;
  peer_asn?: number;
  peer_group?: string;
  type?: _apipb_PeerType;
  queues?: _apipb_Queues | null;
  remove_private?: _apipb_RemovePrivate;
  route_flap_damping?: boolean;
  send_community?: number;
  session_state?: _apipb_PeerState_SessionState;
  admin_state?: _apipb_PeerState_AdminState;
  out_q?: number;
  flops?: number;
  remote_cap?: _google_protobuf_Any[];
  local_cap?: _google_protobuf_Any[];
  router_id?: string;
}

export interface PeerState__Output {
  auth_password: string;
  description: string;
  local_asn: number;
  messages: _apipb_Messages__Output | null;
  neighbor_address: string;
  peer_asn: number;
  peer_group: string;
  type: _apipb_PeerType__Output;
  queues: _apipb_Queues__Output | null;
  remove_private: _apipb_RemovePrivate__Output;
  route_flap_damping: boolean;
  send_community: number;
  session_state: _apipb_PeerState_SessionState__Output;
  admin_state: _apipb_PeerState_AdminState__Output;
  out_q: number;
  flops: number;
  remote_cap: _google_protobuf_Any__Output[];
  local_cap: _google_protobuf_Any__Output[];
  router_id: string;
}
