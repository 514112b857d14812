// Original file: proto/gobgp/gobgp.proto

export interface IbgpConfig {
  maximum_paths?: number;
}

export interface IbgpConfig__Output {
  maximum_paths: number;
}
