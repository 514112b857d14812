// Original file: proto/gobgp/gobgp.proto

export interface DynamicNeighbor {
  prefix?: string;
  peer_group?: string;
}

export interface DynamicNeighbor__Output {
  prefix: string;
  peer_group: string;
}
