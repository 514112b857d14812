// Original file: proto/gobgp/attribute.proto

import type {
  SRv6Behavior as _apipb_SRv6Behavior,
  SRv6Behavior__Output as _apipb_SRv6Behavior__Output,
} from '../apipb/SRv6Behavior';

export interface SRv6EndPointBehavior {
  behavior?: _apipb_SRv6Behavior;
  block_len?: number;
  node_len?: number;
  func_len?: number;
  arg_len?: number;
}

export interface SRv6EndPointBehavior__Output {
  behavior: _apipb_SRv6Behavior__Output;
  block_len: number;
  node_len: number;
  func_len: number;
  arg_len: number;
}
