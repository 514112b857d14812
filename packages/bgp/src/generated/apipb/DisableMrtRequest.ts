// Original file: proto/gobgp/gobgp.proto

export interface DisableMrtRequest {
  filename?: string;
}

export interface DisableMrtRequest__Output {
  filename: string;
}
