// Original file: /work/main/proto/vipd/v1/admin.proto

export interface ServiceBackend {
  address?: string;
  port?: number;
  weight?: number;
  weight_set?: boolean;
}

export interface ServiceBackend__Output {
  address: string;
  port: number;
  weight: number;
  weight_set: boolean;
}
