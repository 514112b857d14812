// Original file: /work/main/proto/vipd/v1/admin.proto

import type {
  VipSpec as _vipd_v1_VipSpec,
  VipSpec__Output as _vipd_v1_VipSpec__Output,
} from '../../vipd/v1/VipSpec';
import type {
  EffectivePriority as _vipd_v1_EffectivePriority,
  EffectivePriority__Output as _vipd_v1_EffectivePriority__Output,
} from '../../vipd/v1/EffectivePriority';

export interface Vip {
  spec?: _vipd_v1_VipSpec | null;
  revision?: string;
  holder?: string;
  fencing_revision?: string;
  pinned_to?: string;
  priorities?: _vipd_v1_EffectivePriority[];
}

export interface Vip__Output {
  spec: _vipd_v1_VipSpec__Output | null;
  revision: string;
  holder: string;
  fencing_revision: string;
  pinned_to: string;
  priorities: _vipd_v1_EffectivePriority__Output[];
}
