// Original file: proto/gobgp/attribute.proto

export interface SRWeight {
  flags?: number;
  weight?: number;
}

export interface SRWeight__Output {
  flags: number;
  weight: number;
}
