// Original file: proto/gobgp/attribute.proto

export interface LocalPrefAttribute {
  local_pref?: number;
}

export interface LocalPrefAttribute__Output {
  local_pref: number;
}
