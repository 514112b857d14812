// Original file: proto/gobgp/gobgp.proto

export interface ListPolicyRequest {
  name?: string;
}

export interface ListPolicyRequest__Output {
  name: string;
}
