// Original file: proto/gobgp/attribute.proto

export interface UnknownExtended {
  type?: number;
  value?: Buffer | Uint8Array | string;
}

export interface UnknownExtended__Output {
  type: number;
  value: Buffer;
}
