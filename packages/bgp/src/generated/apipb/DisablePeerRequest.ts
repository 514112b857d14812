// Original file: proto/gobgp/gobgp.proto

export interface DisablePeerRequest {
  address?: string;
  communication?: string;
}

export interface DisablePeerRequest__Output {
  address: string;
  communication: string;
}
