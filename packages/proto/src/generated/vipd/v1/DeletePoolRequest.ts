// Original file: /work/main/proto/vipd/v1/admin.proto

export interface DeletePoolRequest {
  name?: string;
}

export interface DeletePoolRequest__Output {
  name: string;
}
