// Original file: /work/main/proto/vipd/v1/admin.proto

export interface ListPoolsRequest {}

export interface ListPoolsRequest__Output {}
