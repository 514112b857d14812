// Original file: proto/gobgp/gobgp.proto

export interface EbgpState {
  allow_multiple_asn?: boolean;
  maximum_paths?: number;
}

export interface EbgpState__Output {
  allow_multiple_asn: boolean;
  maximum_paths: number;
}
