// Original file: /work/main/proto/vipd/v1/admin.proto

export interface DeleteServiceRequest {
  name?: string;
}

export interface DeleteServiceRequest__Output {
  name: string;
}
