// Original file: proto/gobgp/attribute.proto

export interface EncapExtended {
  tunnel_type?: number;
}

export interface EncapExtended__Output {
  tunnel_type: number;
}
