// Original file: proto/gobgp/attribute.proto

export interface TunnelEncapSubTLVEncapsulation {
  key?: number;
  cookie?: Buffer | Uint8Array | string;
}

export interface TunnelEncapSubTLVEncapsulation__Output {
  key: number;
  cookie: Buffer;
}
