// Original file: /work/main/proto/vipd/v1/admin.proto

export interface UndrainNodeRequest {
  name?: string;
}

export interface UndrainNodeRequest__Output {
  name: string;
}
