// Original file: proto/gobgp/gobgp.proto

import type {
  DefinedSet as _apipb_DefinedSet,
  DefinedSet__Output as _apipb_DefinedSet__Output,
} from '../apipb/DefinedSet';

export interface AddDefinedSetRequest {
  defined_set?: _apipb_DefinedSet | null;
}

export interface AddDefinedSetRequest__Output {
  defined_set: _apipb_DefinedSet__Output | null;
}
