// Original file: proto/gobgp/gobgp.proto

import type { Vrf as _apipb_Vrf, Vrf__Output as _apipb_Vrf__Output } from '../apipb/Vrf';

export interface ListVrfResponse {
  vrf?: _apipb_Vrf | null;
}

export interface ListVrfResponse__Output {
  vrf: _apipb_Vrf__Output | null;
}
