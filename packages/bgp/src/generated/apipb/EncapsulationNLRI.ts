// Original file: proto/gobgp/attribute.proto

export interface EncapsulationNLRI {
  address?: string;
}

export interface EncapsulationNLRI__Output {
  address: string;
}
