// Original file: proto/gobgp/attribute.proto

import type {
  AsSegment as _apipb_AsSegment,
  AsSegment__Output as _apipb_AsSegment__Output,
} from '../apipb/AsSegment';

export interface AsPathAttribute {
  segments?: _apipb_AsSegment[];
}

export interface AsPathAttribute__Output {
  segments: _apipb_AsSegment__Output[];
}
