// Original file: proto/gobgp/gobgp.proto

import type { Roa as _apipb_Roa, Roa__Output as _apipb_Roa__Output } from '../apipb/Roa';

export interface ListRpkiTableResponse {
  roa?: _apipb_Roa | null;
}

export interface ListRpkiTableResponse__Output {
  roa: _apipb_Roa__Output | null;
}
