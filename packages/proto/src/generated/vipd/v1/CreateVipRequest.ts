// Original file: /work/main/proto/vipd/v1/admin.proto

import type {
  VipSpec as _vipd_v1_VipSpec,
  VipSpec__Output as _vipd_v1_VipSpec__Output,
} from '../../vipd/v1/VipSpec';

export interface CreateVipRequest {
  spec?: _vipd_v1_VipSpec | null;
  pool?: string;
  pool_family?: string;
}

export interface CreateVipRequest__Output {
  spec: _vipd_v1_VipSpec__Output | null;
  pool: string;
  pool_family: string;
}
