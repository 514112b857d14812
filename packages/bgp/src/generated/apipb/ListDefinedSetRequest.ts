// Original file: proto/gobgp/gobgp.proto

import type {
  DefinedType as _apipb_DefinedType,
  DefinedType__Output as _apipb_DefinedType__Output,
} from '../apipb/DefinedType';

export interface ListDefinedSetRequest {
  defined_type?: _apipb_DefinedType;
  name?: string;
}

export interface ListDefinedSetRequest__Output {
  defined_type: _apipb_DefinedType__Output;
  name: string;
}
