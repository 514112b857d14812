// Original file: proto/gobgp/attribute.proto

export interface TunnelEncapSubTLVSRPriority {
  priority?: number;
}

export interface TunnelEncapSubTLVSRPriority__Output {
  priority: number;
}
