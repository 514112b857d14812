// Original file: proto/gobgp/gobgp.proto

import type { Long } from '@grpc/proto-loader';

export interface Message {
  notification?: number | string | Long;
  update?: number | string | Long;
  open?: number | string | Long;
  keepalive?: number | string | Long;
  refresh?: number | string | Long;
  discarded?: number | string | Long;
  total?: number | string | Long;
  withdraw_update?: number | string | Long;
  withdraw_prefix?: number | string | Long;
}

export interface Message__Output {
  notification: string;
  update: string;
  open: string;
  keepalive: string;
  refresh: string;
  discarded: string;
  total: string;
  withdraw_update: string;
  withdraw_prefix: string;
}
