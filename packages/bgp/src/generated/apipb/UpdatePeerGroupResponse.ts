// Original file: proto/gobgp/gobgp.proto

export interface UpdatePeerGroupResponse {
  needs_soft_reset_in?: boolean;
}

export interface UpdatePeerGroupResponse__Output {
  needs_soft_reset_in: boolean;
}
