// Original file: proto/gobgp/attribute.proto

import type {
  ENLPType as _apipb_ENLPType,
  ENLPType__Output as _apipb_ENLPType__Output,
} from '../apipb/ENLPType';

export interface TunnelEncapSubTLVSRENLP {
  flags?: number;
  enlp?: _apipb_ENLPType;
}

export interface TunnelEncapSubTLVSRENLP__Output {
  flags: number;
  enlp: _apipb_ENLPType__Output;
}
