// Original file: proto/gobgp/attribute.proto

export interface As4AggregatorAttribute {
  asn?: number;
  address?: string;
}

export interface As4AggregatorAttribute__Output {
  asn: number;
  address: string;
}
