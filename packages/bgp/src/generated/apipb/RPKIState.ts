// Original file: proto/gobgp/gobgp.proto

import type {
  Timestamp as _google_protobuf_Timestamp,
  Timestamp__Output as _google_protobuf_Timestamp__Output,
} from '../google/protobuf/Timestamp';
import type { Long } from '@grpc/proto-loader';

export interface RPKIState {
  uptime?: _google_protobuf_Timestamp | null;
  downtime?: _google_protobuf_Timestamp | null;
  up?: boolean;
  record_ipv4?: number;
  record_ipv6?: number;
  prefix_ipv4?: number;
  prefix_ipv6?: number;
  serial?: number;
  received_ipv4?: number | string | Long;
  received_ipv6?: number | string | Long;
  serial_notify?: number | string | Long;
  cache_reset?: number | string | Long;
  cache_response?: number | string | Long;
  end_of_data?: number | string | Long;
  error?: number | string | Long;
  serial_query?: number | string | Long;
  reset_query?: number | string | Long;
}

export interface RPKIState__Output {
  uptime: _google_protobuf_Timestamp__Output | null;
  downtime: _google_protobuf_Timestamp__Output | null;
  up: boolean;
  record_ipv4: number;
  record_ipv6: number;
  prefix_ipv4: number;
  prefix_ipv6: number;
  serial: number;
  received_ipv4: string;
  received_ipv6: string;
  serial_notify: string;
  cache_reset: string;
  cache_response: string;
  end_of_data: string;
  error: string;
  serial_query: string;
  reset_query: string;
}
