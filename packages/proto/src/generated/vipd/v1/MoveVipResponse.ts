// Original file: /work/main/proto/vipd/v1/admin.proto

import type { Vip as _vipd_v1_Vip, Vip__Output as _vipd_v1_Vip__Output } from '../../vipd/v1/Vip';

export interface MoveVipResponse {
  vip?: _vipd_v1_Vip | null;
  from?: string;
  elapsed_ms?: number;
}

export interface MoveVipResponse__Output {
  vip: _vipd_v1_Vip__Output | null;
  from: string;
  elapsed_ms: number;
}
