// Original file: proto/gobgp/attribute.proto

import type {
  SRv6EndPointBehavior as _apipb_SRv6EndPointBehavior,
  SRv6EndPointBehavior__Output as _apipb_SRv6EndPointBehavior__Output,
} from '../apipb/SRv6EndPointBehavior';

export interface SRv6BindingSID {
  s_flag?: boolean;
  i_flag?: boolean;
  b_flag?: boolean;
  sid?: Buffer | Uint8Array | string;
  endpoint_behavior_structure?: _apipb_SRv6EndPointBehavior | null;
}

export interface SRv6BindingSID__Output {
  s_flag: boolean;
  i_flag: boolean;
  b_flag: boolean;
  sid: Buffer;
  endpoint_behavior_structure: _apipb_SRv6EndPointBehavior__Output | null;
}
