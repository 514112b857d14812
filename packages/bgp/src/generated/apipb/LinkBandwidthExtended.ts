// Original file: proto/gobgp/attribute.proto

export interface LinkBandwidthExtended {
  asn?: number;
  bandwidth?: number | string;
}

export interface LinkBandwidthExtended__Output {
  asn: number;
  bandwidth: number;
}
