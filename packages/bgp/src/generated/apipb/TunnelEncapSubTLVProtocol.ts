// Original file: proto/gobgp/attribute.proto

export interface TunnelEncapSubTLVProtocol {
  protocol?: number;
}

export interface TunnelEncapSubTLVProtocol__Output {
  protocol: number;
}
