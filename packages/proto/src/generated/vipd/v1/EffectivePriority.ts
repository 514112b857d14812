// Original file: /work/main/proto/vipd/v1/admin.proto

export interface EffectivePriority {
  node?: string;
  vip?: string;
  priority?: number;
  base_priority?: number;
  reasons?: string[];
  eligible?: boolean;
}

export interface EffectivePriority__Output {
  node: string;
  vip: string;
  priority: number;
  base_priority: number;
  reasons: string[];
  eligible: boolean;
}
