// Original file: proto/gobgp/gobgp.proto

export interface ListVrfRequest {
  name?: string;
}

export interface ListVrfRequest__Output {
  name: string;
}
