// Original file: /work/main/proto/vipd/v1/admin.proto

export interface GetVipRequest {
  name?: string;
}

export interface GetVipRequest__Output {
  name: string;
}
