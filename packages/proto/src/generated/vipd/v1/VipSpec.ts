// Original file: /work/main/proto/vipd/v1/admin.proto

import type {
  NodeEntry as _vipd_v1_NodeEntry,
  NodeEntry__Output as _vipd_v1_NodeEntry__Output,
} from '../../vipd/v1/NodeEntry';
import type {
  AnnounceSettings as _vipd_v1_AnnounceSettings,
  AnnounceSettings__Output as _vipd_v1_AnnounceSettings__Output,
} from '../../vipd/v1/AnnounceSettings';

export interface VipSpec {
  name?: string;
  address?: string;
  interface?: string;
  nodes?: { [key: string]: _vipd_v1_NodeEntry };
  preempt?: boolean;
  preempt_delay_ms?: number;
  announce?: _vipd_v1_AnnounceSettings | null;
  track?: string[];
  on_etcd_loss?: string;
  _preempt?: 'preempt';
}

export interface VipSpec__Output {
  name: string;
  address: string;
  interface: string;
  nodes: { [key: string]: _vipd_v1_NodeEntry__Output };
  preempt?: boolean;
  preempt_delay_ms: number;
  announce: _vipd_v1_AnnounceSettings__Output | null;
  track: string[];
  on_etcd_loss: string;
  _preempt?: 'preempt';
}
