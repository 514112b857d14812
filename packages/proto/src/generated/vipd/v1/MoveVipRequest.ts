// Original file: /work/main/proto/vipd/v1/admin.proto

export interface MoveVipRequest {
  name?: string;
  to?: string;
  timeout_ms?: number;
}

export interface MoveVipRequest__Output {
  name: string;
  to: string;
  timeout_ms: number;
}
