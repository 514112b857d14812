// Original file: proto/gobgp/gobgp.proto

import type {
  DefinedSet as _apipb_DefinedSet,
  DefinedSet__Output as _apipb_DefinedSet__Output,
} from '../apipb/DefinedSet';

export interface DeleteDefinedSetRequest {
  defined_set?: _apipb_DefinedSet | null;
  all?: boolean;
}

export interface DeleteDefinedSetRequest__Output {
  defined_set: _apipb_DefinedSet__Output | null;
  all: boolean;
}
