// Original file: /work/main/proto/vipd/v1/admin.proto

export interface DeletePoolResponse {}

export interface DeletePoolResponse__Output {}
