// Original file: proto/gobgp/attribute.proto

import type {
  Any as _google_protobuf_Any,
  Any__Output as _google_protobuf_Any__Output,
} from '../google/protobuf/Any';

export interface RouteTargetMembershipNLRI {
  asn?: number;
  rt?: _google_protobuf_Any | null;
}

export interface RouteTargetMembershipNLRI__Output {
  asn: number;
  rt: _google_protobuf_Any__Output | null;
}
