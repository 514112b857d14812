// Original file: /work/main/proto/vipd/v1/admin.proto

export interface DeleteVipResponse {}

export interface DeleteVipResponse__Output {}
