// Original file: proto/gobgp/attribute.proto

export interface OriginAttribute {
  origin?: number;
}

export interface OriginAttribute__Output {
  origin: number;
}
