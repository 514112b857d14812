// Original file: proto/gobgp/gobgp.proto

export interface Confederation {
  enabled?: boolean;
  identifier?: number;
  member_as_list?: number[];
}

export interface Confederation__Output {
  enabled: boolean;
  identifier: number;
  member_as_list: number[];
}
