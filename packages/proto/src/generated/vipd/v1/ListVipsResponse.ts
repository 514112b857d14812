// Original file: /work/main/proto/vipd/v1/admin.proto

import type { Vip as _vipd_v1_Vip, Vip__Output as _vipd_v1_Vip__Output } from '../../vipd/v1/Vip';

export interface ListVipsResponse {
  vips?: _vipd_v1_Vip[];
}

export interface ListVipsResponse__Output {
  vips: _vipd_v1_Vip__Output[];
}
