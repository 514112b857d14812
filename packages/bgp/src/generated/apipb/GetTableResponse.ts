// Original file: proto/gobgp/gobgp.proto

import type { Long } from '@grpc/proto-loader';

export interface GetTableResponse {
  num_destination?: number | string | Long;
  num_path?: number | string | Long;
  num_accepted?: number | string | Long;
}

export interface GetTableResponse__Output {
  num_destination: string;
  num_path: string;
  num_accepted: string;
}
