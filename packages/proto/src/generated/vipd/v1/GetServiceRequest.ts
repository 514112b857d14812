// Original file: /work/main/proto/vipd/v1/admin.proto

export interface GetServiceRequest {
  name?: string;
}

export interface GetServiceRequest__Output {
  name: string;
}
