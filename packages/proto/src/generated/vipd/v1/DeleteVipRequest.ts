// Original file: /work/main/proto/vipd/v1/admin.proto

export interface DeleteVipRequest {
  name?: string;
}

export interface DeleteVipRequest__Output {
  name: string;
}
