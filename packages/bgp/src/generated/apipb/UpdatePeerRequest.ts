// Original file: proto/gobgp/gobgp.proto

import type { Peer as _apipb_Peer, Peer__Output as _apipb_Peer__Output } from '../apipb/Peer';

export interface UpdatePeerRequest {
  peer?: _apipb_Peer | null;
  do_soft_reset_in?: boolean;
}

export interface UpdatePeerRequest__Output {
  peer: _apipb_Peer__Output | null;
  do_soft_reset_in: boolean;
}
