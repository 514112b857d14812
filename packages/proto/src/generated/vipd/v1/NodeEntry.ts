// Original file: /work/main/proto/vipd/v1/admin.proto

export interface NodeEntry {
  priority?: number;
  interface?: string;
}

export interface NodeEntry__Output {
  priority: number;
  interface: string;
}
