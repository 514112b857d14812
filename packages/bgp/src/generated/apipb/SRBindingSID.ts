// Original file: proto/gobgp/attribute.proto

export interface SRBindingSID {
  s_flag?: boolean;
  i_flag?: boolean;
  sid?: Buffer | Uint8Array | string;
}

export interface SRBindingSID__Output {
  s_flag: boolean;
  i_flag: boolean;
  sid: Buffer;
}
