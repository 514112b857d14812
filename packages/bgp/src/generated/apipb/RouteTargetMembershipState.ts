// Original file: proto/gobgp/gobgp.proto

export interface RouteTargetMembershipState {
  deferral_time?: number;
}

export interface RouteTargetMembershipState__Output {
  deferral_time: number;
}
