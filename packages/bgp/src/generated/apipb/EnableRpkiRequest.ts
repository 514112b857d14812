// Original file: proto/gobgp/gobgp.proto

export interface EnableRpkiRequest {
  address?: string;
  port?: number;
}

export interface EnableRpkiRequest__Output {
  address: string;
  port: number;
}
