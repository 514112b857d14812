// Original file: proto/gobgp/attribute.proto

export interface TrafficRateExtended {
  asn?: number;
  rate?: number | string;
}

export interface TrafficRateExtended__Output {
  asn: number;
  rate: number;
}
