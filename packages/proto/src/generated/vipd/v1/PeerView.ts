// Original file: /work/main/proto/vipd/v1/node.proto

import type { Long } from '@grpc/proto-loader';

export interface PeerView {
  node?: string;
  last_seen_ms_ago?: number;
  suspect?: boolean;
  echo_sent_at_ms?: number | string;
  lease_id?: string;
  held_epoch?: number | string | Long;
  held_version?: number | string | Long;
}

export interface PeerView__Output {
  node: string;
  last_seen_ms_ago: number;
  suspect: boolean;
  echo_sent_at_ms: number;
  lease_id: string;
  held_epoch: string;
  held_version: string;
}
