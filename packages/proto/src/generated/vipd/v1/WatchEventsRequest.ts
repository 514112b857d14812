// Original file: /work/main/proto/vipd/v1/admin.proto

export interface WatchEventsRequest {
  start_revision?: string;
}

export interface WatchEventsRequest__Output {
  start_revision: string;
}
