// Original file: /work/main/proto/vipd/v1/admin.proto

export interface WatchEventsRequest {}

export interface WatchEventsRequest__Output {}
