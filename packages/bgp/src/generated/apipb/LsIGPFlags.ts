// Original file: proto/gobgp/attribute.proto

export interface LsIGPFlags {
  down?: boolean;
  no_unicast?: boolean;
  local_address?: boolean;
  propagate_nssa?: boolean;
}

export interface LsIGPFlags__Output {
  down: boolean;
  no_unicast: boolean;
  local_address: boolean;
  propagate_nssa: boolean;
}
