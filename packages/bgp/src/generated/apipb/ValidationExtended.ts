// Original file: proto/gobgp/attribute.proto

export interface ValidationExtended {
  state?: number;
}

export interface ValidationExtended__Output {
  state: number;
}
