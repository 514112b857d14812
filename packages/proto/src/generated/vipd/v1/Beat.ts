// Original file: /work/main/proto/vipd/v1/node.proto

import type {
  HeldVip as _vipd_v1_HeldVip,
  HeldVip__Output as _vipd_v1_HeldVip__Output,
} from '../../vipd/v1/HeldVip';
import type {
  PeerView as _vipd_v1_PeerView,
  PeerView__Output as _vipd_v1_PeerView__Output,
} from '../../vipd/v1/PeerView';
import type {
  BeatAuth as _vipd_v1_BeatAuth,
  BeatAuth__Output as _vipd_v1_BeatAuth__Output,
} from '../../vipd/v1/BeatAuth';
import type {
  HeldSet as _vipd_v1_HeldSet,
  HeldSet__Output as _vipd_v1_HeldSet__Output,
} from '../../vipd/v1/HeldSet';
import type { Long } from '@grpc/proto-loader';

// Original file: /work/main/proto/vipd/v1/node.proto

export const _vipd_v1_Beat_Health = {
  UNKNOWN: 'UNKNOWN',
  SERVING: 'SERVING',
  NOT_SERVING: 'NOT_SERVING',
} as const;

export type _vipd_v1_Beat_Health = 'UNKNOWN' | 0 | 'SERVING' | 1 | 'NOT_SERVING' | 2;

export type _vipd_v1_Beat_Health__Output = (typeof _vipd_v1_Beat_Health)[keyof typeof _vipd_v1_Beat_Health];

export interface Beat {
  node?: string;
  seq?: number | string | Long;
  health?: _vipd_v1_Beat_Health;
  held?: _vipd_v1_HeldVip[];
  lease_id?: string;
  peers?: _vipd_v1_PeerView[];
  interval_ms?: number;
  sent_at_ms?: number | string;
  etcd_ok?: boolean;
  auth?: _vipd_v1_BeatAuth | null;
  held_set?: _vipd_v1_HeldSet | null;
}

export interface Beat__Output {
  node: string;
  seq: string;
  health: _vipd_v1_Beat_Health__Output;
  held: _vipd_v1_HeldVip__Output[];
  lease_id: string;
  peers: _vipd_v1_PeerView__Output[];
  interval_ms: number;
  sent_at_ms: number;
  etcd_ok: boolean;
  auth: _vipd_v1_BeatAuth__Output | null;
  held_set: _vipd_v1_HeldSet__Output | null;
}
