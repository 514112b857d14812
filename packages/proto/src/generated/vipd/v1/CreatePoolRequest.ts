// Original file: /work/main/proto/vipd/v1/admin.proto

import type {
  PoolSpec as _vipd_v1_PoolSpec,
  PoolSpec__Output as _vipd_v1_PoolSpec__Output,
} from '../../vipd/v1/PoolSpec';

export interface CreatePoolRequest {
  spec?: _vipd_v1_PoolSpec | null;
}

export interface CreatePoolRequest__Output {
  spec: _vipd_v1_PoolSpec__Output | null;
}
