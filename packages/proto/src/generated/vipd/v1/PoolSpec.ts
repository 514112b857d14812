// Original file: /work/main/proto/vipd/v1/admin.proto

export interface PoolSpec {
  name?: string;
  addresses?: string[];
  vip_prefix_v4?: number;
  vip_prefix_v6?: number;
}

export interface PoolSpec__Output {
  name: string;
  addresses: string[];
  vip_prefix_v4: number;
  vip_prefix_v6: number;
}
