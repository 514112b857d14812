// Original file: proto/gobgp/gobgp.proto

export interface ListPeerGroupRequest {
  peer_group_name?: string;
}

export interface ListPeerGroupRequest__Output {
  peer_group_name: string;
}
