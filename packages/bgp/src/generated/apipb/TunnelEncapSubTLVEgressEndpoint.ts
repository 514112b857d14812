// Original file: proto/gobgp/attribute.proto

export interface TunnelEncapSubTLVEgressEndpoint {
  address?: string;
}

export interface TunnelEncapSubTLVEgressEndpoint__Output {
  address: string;
}
