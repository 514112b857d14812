// Original file: proto/gobgp/attribute.proto

import type {
  Any as _google_protobuf_Any,
  Any__Output as _google_protobuf_Any__Output,
} from '../google/protobuf/Any';

export interface EVPNInclusiveMulticastEthernetTagRoute {
  rd?: _google_protobuf_Any | null;
  ethernet_tag?: number;
  ip_address?: string;
}

export interface EVPNInclusiveMulticastEthernetTagRoute__Output {
  rd: _google_protobuf_Any__Output | null;
  ethernet_tag: number;
  ip_address: string;
}
