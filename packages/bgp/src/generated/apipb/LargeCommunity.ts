// Original file: proto/gobgp/attribute.proto

export interface LargeCommunity {
  global_admin?: number;
  local_data1?: number;
  local_data2?: number;
}

export interface LargeCommunity__Output {
  global_admin: number;
  local_data1: number;
  local_data2: number;
}
