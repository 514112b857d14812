// Original file: /work/main/proto/vipd/v1/admin.proto

export interface VipRoute {
  to?: string;
  via?: string;
  dev?: string;
  table?: number;
  metric?: number;
}

export interface VipRoute__Output {
  to: string;
  via: string;
  dev: string;
  table: number;
  metric: number;
}
