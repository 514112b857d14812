// Original file: /work/main/proto/vipd/v1/node.proto

export interface PeerView {
  node?: string;
  last_seen_ms_ago?: number;
  suspect?: boolean;
  echo_sent_at_ms?: number | string;
  lease_id?: string;
}

export interface PeerView__Output {
  node: string;
  last_seen_ms_ago: number;
  suspect: boolean;
  echo_sent_at_ms: number;
  lease_id: string;
}
