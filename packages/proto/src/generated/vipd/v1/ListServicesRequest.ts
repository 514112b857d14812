// Original file: /work/main/proto/vipd/v1/admin.proto

export interface ListServicesRequest {}

export interface ListServicesRequest__Output {}
