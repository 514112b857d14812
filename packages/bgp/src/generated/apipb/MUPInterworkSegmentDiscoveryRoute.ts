// Original file: proto/gobgp/attribute.proto

import type {
  Any as _google_protobuf_Any,
  Any__Output as _google_protobuf_Any__Output,
} from '../google/protobuf/Any';

export interface MUPInterworkSegmentDiscoveryRoute {
  rd?: _google_protobuf_Any | null;
  prefix?: string;
}

export interface MUPInterworkSegmentDiscoveryRoute__Output {
  rd: _google_protobuf_Any__Output | null;
  prefix: string;
}
