// Original file: /work/main/proto/vipd/v1/admin.proto

export interface ListVipsRequest {}

export interface ListVipsRequest__Output {}
