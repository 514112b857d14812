// Original file: proto/gobgp/gobgp.proto

import type {
  RouteAction as _apipb_RouteAction,
  RouteAction__Output as _apipb_RouteAction__Output,
} from '../apipb/RouteAction';
import type {
  CommunityAction as _apipb_CommunityAction,
  CommunityAction__Output as _apipb_CommunityAction__Output,
} from '../apipb/CommunityAction';
import type {
  MedAction as _apipb_MedAction,
  MedAction__Output as _apipb_MedAction__Output,
} from '../apipb/MedAction';
import type {
  AsPrependAction as _apipb_AsPrependAction,
  AsPrependAction__Output as _apipb_AsPrependAction__Output,
} from '../apipb/AsPrependAction';
import type {
  NexthopAction as _apipb_NexthopAction,
  NexthopAction__Output as _apipb_NexthopAction__Output,
} from '../apipb/NexthopAction';
import type {
  LocalPrefAction as _apipb_LocalPrefAction,
  LocalPrefAction__Output as _apipb_LocalPrefAction__Output,
} from '../apipb/LocalPrefAction';

export interface Actions {
  route_action?: _apipb_RouteAction;
  community?: _apipb_CommunityAction | null;
  med?: _apipb_MedAction | null;
  as_prepend?: _apipb_AsPrependAction | null;
  ext_community?: _apipb_CommunityAction | null;
  nexthop?: _apipb_NexthopAction | null;
  local_pref?: _apipb_LocalPrefAction | null;
  large_community?: _apipb_CommunityAction | null;
}

export interface Actions__Output {
  route_action: _apipb_RouteAction__Output;
  community: _apipb_CommunityAction__Output | null;
  med: _apipb_MedAction__Output | null;
  as_prepend: _apipb_AsPrependAction__Output | null;
  ext_community: _apipb_CommunityAction__Output | null;
  nexthop: _apipb_NexthopAction__Output | null;
  local_pref: _apipb_LocalPrefAction__Output | null;
  large_community: _apipb_CommunityAction__Output | null;
}
