// Original file: proto/gobgp/attribute.proto

import type {
  Any as _google_protobuf_Any,
  Any__Output as _google_protobuf_Any__Output,
} from '../google/protobuf/Any';

export interface TunnelEncapSubTLVSRBindingSID {
  bsid?: _google_protobuf_Any | null;
}

export interface TunnelEncapSubTLVSRBindingSID__Output {
  bsid: _google_protobuf_Any__Output | null;
}
