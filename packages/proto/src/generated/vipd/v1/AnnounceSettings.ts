// Original file: /work/main/proto/vipd/v1/admin.proto

export interface AnnounceSettings {
  count?: number;
  interval_ms?: number;
  refresh_ms?: number;
  probe_ms?: number;
  second_burst_delay_ms?: number;
  mode?: string;
}

export interface AnnounceSettings__Output {
  count: number;
  interval_ms: number;
  refresh_ms: number;
  probe_ms: number;
  second_burst_delay_ms: number;
  mode: string;
}
