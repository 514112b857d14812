// Original file: /work/main/proto/vipd/v1/admin.proto

export interface TrackWeight {
  check?: string;
  weight?: number;
}

export interface TrackWeight__Output {
  check: string;
  weight: number;
}
