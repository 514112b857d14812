// Original file: proto/gobgp/gobgp.proto

import type { Family as _apipb_Family, Family__Output as _apipb_Family__Output } from '../apipb/Family';

export interface ListRpkiTableRequest {
  family?: _apipb_Family | null;
}

export interface ListRpkiTableRequest__Output {
  family: _apipb_Family__Output | null;
}
