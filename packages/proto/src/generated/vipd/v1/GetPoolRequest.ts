// Original file: /work/main/proto/vipd/v1/admin.proto

export interface GetPoolRequest {
  name?: string;
}

export interface GetPoolRequest__Output {
  name: string;
}
