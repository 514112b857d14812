// Original file: /work/main/proto/vipd/v1/admin.proto

import type {
  VipSpec as _vipd_v1_VipSpec,
  VipSpec__Output as _vipd_v1_VipSpec__Output,
} from '../../vipd/v1/VipSpec';

export interface UpdateVipRequest {
  spec?: _vipd_v1_VipSpec | null;
  expected_revision?: string;
}

export interface UpdateVipRequest__Output {
  spec: _vipd_v1_VipSpec__Output | null;
  expected_revision: string;
}
