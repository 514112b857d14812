// Original file: proto/gobgp/attribute.proto

export interface SRPolicyNLRI {
  length?: number;
  distinguisher?: number;
  color?: number;
  endpoint?: Buffer | Uint8Array | string;
}

export interface SRPolicyNLRI__Output {
  length: number;
  distinguisher: number;
  color: number;
  endpoint: Buffer;
}
