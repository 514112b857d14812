// Original file: proto/gobgp/gobgp.proto

import type {
  Timestamp as _google_protobuf_Timestamp,
  Timestamp__Output as _google_protobuf_Timestamp__Output,
} from '../google/protobuf/Timestamp';
import type { Long } from '@grpc/proto-loader';

export interface TimersState {
  connect_retry?: number | string | Long;
  hold_time?: number | string | Long;
  keepalive_interval?: number | string | Long;
  minimum_advertisement_interval?: number | string | Long;
  negotiated_hold_time?: number | string | Long;
  uptime?: _google_protobuf_Timestamp | null;
  downtime?: _google_protobuf_Timestamp | null;
}

export interface TimersState__Output {
  connect_retry: string;
  hold_time: string;
  keepalive_interval: string;
  minimum_advertisement_interval: string;
  negotiated_hold_time: string;
  uptime: _google_protobuf_Timestamp__Output | null;
  downtime: _google_protobuf_Timestamp__Output | null;
}
