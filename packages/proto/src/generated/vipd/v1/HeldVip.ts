// Original file: /work/main/proto/vipd/v1/types.proto

export interface HeldVip {
  name?: string;
  revision?: string;
}

export interface HeldVip__Output {
  name: string;
  revision: string;
}
