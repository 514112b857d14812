// Original file: proto/gobgp/gobgp.proto

export interface AsPrependAction {
  asn?: number;
  repeat?: number;
  use_left_most?: boolean;
}

export interface AsPrependAction__Output {
  asn: number;
  repeat: number;
  use_left_most: boolean;
}
