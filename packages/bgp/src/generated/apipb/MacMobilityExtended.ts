// Original file: proto/gobgp/attribute.proto

export interface MacMobilityExtended {
  is_sticky?: boolean;
  sequence_num?: number;
}

export interface MacMobilityExtended__Output {
  is_sticky: boolean;
  sequence_num: number;
}
