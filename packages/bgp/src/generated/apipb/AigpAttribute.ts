// Original file: proto/gobgp/attribute.proto

import type {
  Any as _google_protobuf_Any,
  Any__Output as _google_protobuf_Any__Output,
} from '../google/protobuf/Any';

export interface AigpAttribute {
  tlvs?: _google_protobuf_Any[];
}

export interface AigpAttribute__Output {
  tlvs: _google_protobuf_Any__Output[];
}
