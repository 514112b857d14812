// Original file: proto/gobgp/attribute.proto

export interface FlowSpecMAC {
  type?: number;
  address?: string;
}

export interface FlowSpecMAC__Output {
  type: number;
  address: string;
}
