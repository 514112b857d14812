// Original file: proto/gobgp/attribute.proto

export interface FourOctetAsSpecificExtended {
  is_transitive?: boolean;
  sub_type?: number;
  asn?: number;
  local_admin?: number;
}

export interface FourOctetAsSpecificExtended__Output {
  is_transitive: boolean;
  sub_type: number;
  asn: number;
  local_admin: number;
}
