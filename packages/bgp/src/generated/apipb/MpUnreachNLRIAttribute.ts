// Original file: proto/gobgp/attribute.proto

import type { Family as _apipb_Family, Family__Output as _apipb_Family__Output } from '../apipb/Family';
import type {
  Any as _google_protobuf_Any,
  Any__Output as _google_protobuf_Any__Output,
} from '../google/protobuf/Any';

export interface MpUnreachNLRIAttribute {
  family?: _apipb_Family | null;
  nlris?: _google_protobuf_Any[];
}

export interface MpUnreachNLRIAttribute__Output {
  family: _apipb_Family__Output | null;
  nlris: _google_protobuf_Any__Output[];
}
