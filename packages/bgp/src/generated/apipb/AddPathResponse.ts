// Original file: proto/gobgp/gobgp.proto

export interface AddPathResponse {
  uuid?: Buffer | Uint8Array | string;
}

export interface AddPathResponse__Output {
  uuid: Buffer;
}
