// Original file: /work/main/proto/vipd/v1/admin.proto

export interface DrainNodeRequest {
  name?: string;
}

export interface DrainNodeRequest__Output {
  name: string;
}
