// Original file: /work/main/proto/vipd/v1/admin.proto

export interface BackendStatus {
  target?: string;
  weight?: number;
  health?: string;
  detail?: string;
  connections?: number;
}

export interface BackendStatus__Output {
  target: string;
  weight: number;
  health: string;
  detail: string;
  connections: number;
}
