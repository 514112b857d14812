// Original file: /work/main/proto/vipd/v1/admin.proto

import type {
  NodeEntry as _vipd_v1_NodeEntry,
  NodeEntry__Output as _vipd_v1_NodeEntry__Output,
} from '../../vipd/v1/NodeEntry';
import type {
  AnnounceSettings as _vipd_v1_AnnounceSettings,
  AnnounceSettings__Output as _vipd_v1_AnnounceSettings__Output,
} from '../../vipd/v1/AnnounceSettings';
import type {
  TrackWeight as _vipd_v1_TrackWeight,
  TrackWeight__Output as _vipd_v1_TrackWeight__Output,
} from '../../vipd/v1/TrackWeight';
import type {
  VipRoute as _vipd_v1_VipRoute,
  VipRoute__Output as _vipd_v1_VipRoute__Output,
} from '../../vipd/v1/VipRoute';
import type {
  VipRule as _vipd_v1_VipRule,
  VipRule__Output as _vipd_v1_VipRule__Output,
} from '../../vipd/v1/VipRule';

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
  track_weighted?: _vipd_v1_TrackWeight[];
  label?: string;
  no_prefix_route?: boolean;
  scope?: string;
  broadcast?: string;
  routes?: _vipd_v1_VipRoute[];
  rules?: _vipd_v1_VipRule[];
  vmac?: number;
  group?: string;
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
  track_weighted: _vipd_v1_TrackWeight__Output[];
  label: string;
  no_prefix_route: boolean;
  scope: string;
  broadcast: string;
  routes: _vipd_v1_VipRoute__Output[];
  rules: _vipd_v1_VipRule__Output[];
  vmac: number;
  group: string;
  _preempt?: 'preempt';
}
