// Original file: proto/gobgp/gobgp.proto

import type {
  RouteTargetMembershipConfig as _apipb_RouteTargetMembershipConfig,
  RouteTargetMembershipConfig__Output as _apipb_RouteTargetMembershipConfig__Output,
} from '../apipb/RouteTargetMembershipConfig';
import type {
  RouteTargetMembershipState as _apipb_RouteTargetMembershipState,
  RouteTargetMembershipState__Output as _apipb_RouteTargetMembershipState__Output,
} from '../apipb/RouteTargetMembershipState';

export interface RouteTargetMembership {
  config?: _apipb_RouteTargetMembershipConfig | null;
  state?: _apipb_RouteTargetMembershipState | null;
}

export interface RouteTargetMembership__Output {
  config: _apipb_RouteTargetMembershipConfig__Output | null;
  state: _apipb_RouteTargetMembershipState__Output | null;
}
