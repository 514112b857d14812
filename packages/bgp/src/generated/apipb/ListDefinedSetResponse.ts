// Original file: proto/gobgp/gobgp.proto

import type {
  DefinedSet as _apipb_DefinedSet,
  DefinedSet__Output as _apipb_DefinedSet__Output,
} from '../apipb/DefinedSet';

export interface ListDefinedSetResponse {
  defined_set?: _apipb_DefinedSet | null;
}

export interface ListDefinedSetResponse__Output {
  defined_set: _apipb_DefinedSet__Output | null;
}
