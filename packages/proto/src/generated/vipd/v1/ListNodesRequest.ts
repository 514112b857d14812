// Original file: /work/main/proto/vipd/v1/admin.proto

export interface ListNodesRequest {}

export interface ListNodesRequest__Output {}
