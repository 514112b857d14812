// Original file: proto/gobgp/attribute.proto

import type {
  LsOspfRouteType as _apipb_LsOspfRouteType,
  LsOspfRouteType__Output as _apipb_LsOspfRouteType__Output,
} from '../apipb/LsOspfRouteType';

export interface LsPrefixDescriptor {
  ip_reachability?: string[];
  ospf_route_type?: _apipb_LsOspfRouteType;
}

export interface LsPrefixDescriptor__Output {
  ip_reachability: string[];
  ospf_route_type: _apipb_LsOspfRouteType__Output;
}
