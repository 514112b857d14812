// Original file: proto/gobgp/attribute.proto

export interface OpaqueExtended {
  is_transitive?: boolean;
  value?: Buffer | Uint8Array | string;
}

export interface OpaqueExtended__Output {
  is_transitive: boolean;
  value: Buffer;
}
