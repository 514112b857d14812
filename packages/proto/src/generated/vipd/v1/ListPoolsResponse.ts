// Original file: /work/main/proto/vipd/v1/admin.proto

import type { Pool as _vipd_v1_Pool, Pool__Output as _vipd_v1_Pool__Output } from '../../vipd/v1/Pool';

export interface ListPoolsResponse {
  pools?: _vipd_v1_Pool[];
}

export interface ListPoolsResponse__Output {
  pools: _vipd_v1_Pool__Output[];
}
