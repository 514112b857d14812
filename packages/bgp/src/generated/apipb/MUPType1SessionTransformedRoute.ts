// Original file: proto/gobgp/attribute.proto

import type {
  Any as _google_protobuf_Any,
  Any__Output as _google_protobuf_Any__Output,
} from '../google/protobuf/Any';

export interface MUPType1SessionTransformedRoute {
  rd?: _google_protobuf_Any | null;
  prefix_length?: number;
  prefix?: string;
  teid?: number;
  qfi?: number;
  endpoint_address_length?: number;
  endpoint_address?: string;
}

export interface MUPType1SessionTransformedRoute__Output {
  rd: _google_protobuf_Any__Output | null;
  prefix_length: number;
  prefix: string;
  teid: number;
  qfi: number;
  endpoint_address_length: number;
  endpoint_address: string;
}
