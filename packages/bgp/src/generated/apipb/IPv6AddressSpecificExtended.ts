// Original file: proto/gobgp/attribute.proto

export interface IPv6AddressSpecificExtended {
  is_transitive?: boolean;
  sub_type?: number;
  address?: string;
  local_admin?: number;
}

export interface IPv6AddressSpecificExtended__Output {
  is_transitive: boolean;
  sub_type: number;
  address: string;
  local_admin: number;
}
