// Original file: proto/gobgp/gobgp.proto

import type { Long } from '@grpc/proto-loader';

// Original file: proto/gobgp/gobgp.proto

export const _apipb_EnableMrtRequest_DumpType = {
  UPDATES: 'UPDATES',
  TABLE: 'TABLE',
} as const;

export type _apipb_EnableMrtRequest_DumpType = 'UPDATES' | 0 | 'TABLE' | 1;

export type _apipb_EnableMrtRequest_DumpType__Output =
  (typeof _apipb_EnableMrtRequest_DumpType)[keyof typeof _apipb_EnableMrtRequest_DumpType];

export interface EnableMrtRequest {
  type?: _apipb_EnableMrtRequest_DumpType;
  filename?: string;
  dump_interval?: number | string | Long;
  rotation_interval?: number | string | Long;
}

export interface EnableMrtRequest__Output {
  type: _apipb_EnableMrtRequest_DumpType__Output;
  filename: string;
  dump_interval: string;
  rotation_interval: string;
}
