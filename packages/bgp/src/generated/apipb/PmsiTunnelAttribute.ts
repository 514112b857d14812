// Original file: proto/gobgp/attribute.proto

export interface PmsiTunnelAttribute {
  flags?: number;
  type?: number;
  label?: number;
  id?: Buffer | Uint8Array | string;
}

export interface PmsiTunnelAttribute__Output {
  flags: number;
  type: number;
  label: number;
  id: Buffer;
}
