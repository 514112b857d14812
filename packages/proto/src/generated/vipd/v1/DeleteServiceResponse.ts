// Original file: /work/main/proto/vipd/v1/admin.proto

export interface DeleteServiceResponse {}

export interface DeleteServiceResponse__Output {}
