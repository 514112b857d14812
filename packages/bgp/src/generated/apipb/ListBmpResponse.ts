// Original file: proto/gobgp/gobgp.proto

import type {
  Timestamp as _google_protobuf_Timestamp,
  Timestamp__Output as _google_protobuf_Timestamp__Output,
} from '../google/protobuf/Timestamp';

export interface _apipb_ListBmpResponse_BmpStation {
  conf?: _apipb_ListBmpResponse_BmpStation_Conf | null;
  state?: _apipb_ListBmpResponse_BmpStation_State | null;
}

export interface _apipb_ListBmpResponse_BmpStation__Output {
  conf: _apipb_ListBmpResponse_BmpStation_Conf__Output | null;
  state: _apipb_ListBmpResponse_BmpStation_State__Output | null;
}

export interface _apipb_ListBmpResponse_BmpStation_Conf {
  address?: string;
  port?: number;
}

export interface _apipb_ListBmpResponse_BmpStation_Conf__Output {
  address: string;
  port: number;
}

export interface _apipb_ListBmpResponse_BmpStation_State {
  uptime?: _google_protobuf_Timestamp | null;
  downtime?: _google_protobuf_Timestamp | null;
}

export interface _apipb_ListBmpResponse_BmpStation_State__Output {
  uptime: _google_protobuf_Timestamp__Output | null;
  downtime: _google_protobuf_Timestamp__Output | null;
}

export interface ListBmpResponse {
  station?: _apipb_ListBmpResponse_BmpStation | null;
}

export interface ListBmpResponse__Output {
  station: _apipb_ListBmpResponse_BmpStation__Output | null;
}
