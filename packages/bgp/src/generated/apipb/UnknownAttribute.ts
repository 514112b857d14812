// Original file: proto/gobgp/attribute.proto

export interface UnknownAttribute {
  flags?: number;
  type?: number;
  value?: Buffer | Uint8Array | string;
}

export interface UnknownAttribute__Output {
  flags: number;
  type: number;
  value: Buffer;
}
