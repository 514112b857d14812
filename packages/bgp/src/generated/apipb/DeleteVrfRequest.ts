// Original file: proto/gobgp/gobgp.proto

export interface DeleteVrfRequest {
  name?: string;
}

export interface DeleteVrfRequest__Output {
  name: string;
}
