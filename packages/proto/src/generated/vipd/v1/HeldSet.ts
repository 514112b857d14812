// Original file: /work/main/proto/vipd/v1/node.proto

import type { Long } from '@grpc/proto-loader';

export interface HeldSet {
  epoch?: number | string | Long;
  version?: number | string | Long;
  count?: number;
  digest?: Buffer | Uint8Array | string;
  delta_base?: number | string | Long;
  delta?: Buffer | Uint8Array | string;
  snapshot_version?: number | string | Long;
  snapshot_bytes?: number;
  snapshot_offset?: number;
  snapshot_chunk?: Buffer | Uint8Array | string;
}

export interface HeldSet__Output {
  epoch: string;
  version: string;
  count: number;
  digest: Buffer;
  delta_base: string;
  delta: Buffer;
  snapshot_version: string;
  snapshot_bytes: number;
  snapshot_offset: number;
  snapshot_chunk: Buffer;
}
