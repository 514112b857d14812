// Original file: /work/main/proto/vipd/v1/admin.proto

export interface VipRule {
  from?: string;
  to?: string;
  table?: number;
  priority?: number;
}

export interface VipRule__Output {
  from: string;
  to: string;
  table: number;
  priority: number;
}
