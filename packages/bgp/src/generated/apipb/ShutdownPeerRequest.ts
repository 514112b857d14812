// Original file: proto/gobgp/gobgp.proto

export interface ShutdownPeerRequest {
  address?: string;
  communication?: string;
}

export interface ShutdownPeerRequest__Output {
  address: string;
  communication: string;
}
