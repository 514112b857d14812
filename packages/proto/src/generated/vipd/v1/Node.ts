// Original file: /work/main/proto/vipd/v1/admin.proto

import type {
  HeldVip as _vipd_v1_HeldVip,
  HeldVip__Output as _vipd_v1_HeldVip__Output,
} from '../../vipd/v1/HeldVip';
import type {
  EffectivePriority as _vipd_v1_EffectivePriority,
  EffectivePriority__Output as _vipd_v1_EffectivePriority__Output,
} from '../../vipd/v1/EffectivePriority';

export interface Node {
  name?: string;
  advertise?: string;
  labels?: { [key: string]: string };
  alive?: boolean;
  drained?: boolean;
  health?: string;
  unready?: string[];
  held?: _vipd_v1_HeldVip[];
  checks?: { [key: string]: string };
  priorities?: _vipd_v1_EffectivePriority[];
  bgp?: { [key: string]: string };
  unready_why?: { [key: string]: string };
}

export interface Node__Output {
  name: string;
  advertise: string;
  labels: { [key: string]: string };
  alive: boolean;
  drained: boolean;
  health: string;
  unready: string[];
  held: _vipd_v1_HeldVip__Output[];
  checks: { [key: string]: string };
  priorities: _vipd_v1_EffectivePriority__Output[];
  bgp: { [key: string]: string };
  unready_why: { [key: string]: string };
}
