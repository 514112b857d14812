// Original file: proto/gobgp/gobgp.proto

import type {
  MatchSet as _apipb_MatchSet,
  MatchSet__Output as _apipb_MatchSet__Output,
} from '../apipb/MatchSet';
import type {
  AsPathLength as _apipb_AsPathLength,
  AsPathLength__Output as _apipb_AsPathLength__Output,
} from '../apipb/AsPathLength';
import type { Family as _apipb_Family, Family__Output as _apipb_Family__Output } from '../apipb/Family';

// Original file: proto/gobgp/gobgp.proto

export const _apipb_Conditions_RouteType = {
  ROUTE_TYPE_NONE: 'ROUTE_TYPE_NONE',
  ROUTE_TYPE_INTERNAL: 'ROUTE_TYPE_INTERNAL',
  ROUTE_TYPE_EXTERNAL: 'ROUTE_TYPE_EXTERNAL',
  ROUTE_TYPE_LOCAL: 'ROUTE_TYPE_LOCAL',
} as const;

export type _apipb_Conditions_RouteType =
  'ROUTE_TYPE_NONE' | 0 | 'ROUTE_TYPE_INTERNAL' | 1 | 'ROUTE_TYPE_EXTERNAL' | 2 | 'ROUTE_TYPE_LOCAL' | 3;

export type _apipb_Conditions_RouteType__Output =
  (typeof _apipb_Conditions_RouteType)[keyof typeof _apipb_Conditions_RouteType];

export interface Conditions {
  prefix_set?: _apipb_MatchSet | null;
  neighbor_set?: _apipb_MatchSet | null;
  as_path_length?: _apipb_AsPathLength | null;
  as_path_set?: _apipb_MatchSet | null;
  community_set?: _apipb_MatchSet | null;
  ext_community_set?: _apipb_MatchSet | null;
  rpki_result?: number;
  route_type?: _apipb_Conditions_RouteType;
  large_community_set?: _apipb_MatchSet | null;
  next_hop_in_list?: string[];
  afi_safi_in?: _apipb_Family[];
}

export interface Conditions__Output {
  prefix_set: _apipb_MatchSet__Output | null;
  neighbor_set: _apipb_MatchSet__Output | null;
  as_path_length: _apipb_AsPathLength__Output | null;
  as_path_set: _apipb_MatchSet__Output | null;
  community_set: _apipb_MatchSet__Output | null;
  ext_community_set: _apipb_MatchSet__Output | null;
  rpki_result: number;
  route_type: _apipb_Conditions_RouteType__Output;
  large_community_set: _apipb_MatchSet__Output | null;
  next_hop_in_list: string[];
  afi_safi_in: _apipb_Family__Output[];
}
