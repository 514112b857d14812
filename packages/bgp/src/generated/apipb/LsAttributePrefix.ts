// Original file: proto/gobgp/attribute.proto

import type {
  LsIGPFlags as _apipb_LsIGPFlags,
  LsIGPFlags__Output as _apipb_LsIGPFlags__Output,
} from '../apipb/LsIGPFlags';

export interface LsAttributePrefix {
  igp_flags?: _apipb_LsIGPFlags | null;
  opaque?: Buffer | Uint8Array | string;
  sr_prefix_sid?: number;
}

export interface LsAttributePrefix__Output {
  igp_flags: _apipb_LsIGPFlags__Output | null;
  opaque: Buffer;
  sr_prefix_sid: number;
}
