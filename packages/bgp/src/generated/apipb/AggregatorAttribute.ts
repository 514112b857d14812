// Original file: proto/gobgp/attribute.proto

export interface AggregatorAttribute {
  asn?: number;
  address?: string;
}

export interface AggregatorAttribute__Output {
  asn: number;
  address: string;
}
