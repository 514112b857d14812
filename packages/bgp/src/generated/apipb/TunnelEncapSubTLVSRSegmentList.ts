// Original file: proto/gobgp/attribute.proto

import type {
  SRWeight as _apipb_SRWeight,
  SRWeight__Output as _apipb_SRWeight__Output,
} from '../apipb/SRWeight';
import type {
  Any as _google_protobuf_Any,
  Any__Output as _google_protobuf_Any__Output,
} from '../google/protobuf/Any';

export interface TunnelEncapSubTLVSRSegmentList {
  weight?: _apipb_SRWeight | null;
  segments?: _google_protobuf_Any[];
}

export interface TunnelEncapSubTLVSRSegmentList__Output {
  weight: _apipb_SRWeight__Output | null;
  segments: _google_protobuf_Any__Output[];
}
