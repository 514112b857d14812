// Original file: /work/main/proto/vipd/v1/admin.proto

export interface UnpinVipRequest {
  name?: string;
}

export interface UnpinVipRequest__Output {
  name: string;
}
