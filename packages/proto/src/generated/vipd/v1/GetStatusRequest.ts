// Original file: /work/main/proto/vipd/v1/admin.proto

export interface GetStatusRequest {}

export interface GetStatusRequest__Output {}
