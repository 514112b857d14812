// Original file: /work/main/proto/vipd/v1/admin.proto

import type { Vip as _vipd_v1_Vip, Vip__Output as _vipd_v1_Vip__Output } from '../../vipd/v1/Vip';

export interface UnpinVipResponse {
  vip?: _vipd_v1_Vip | null;
  unpinned_from?: string;
}

export interface UnpinVipResponse__Output {
  vip: _vipd_v1_Vip__Output | null;
  unpinned_from: string;
}
