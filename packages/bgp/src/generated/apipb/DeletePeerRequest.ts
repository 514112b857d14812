// Original file: proto/gobgp/gobgp.proto

export interface DeletePeerRequest {
  address?: string;
  interface?: string;
}

export interface DeletePeerRequest__Output {
  address: string;
  interface: string;
}
