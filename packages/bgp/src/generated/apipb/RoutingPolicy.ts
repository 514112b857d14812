// Original file: proto/gobgp/gobgp.proto

import type {
  DefinedSet as _apipb_DefinedSet,
  DefinedSet__Output as _apipb_DefinedSet__Output,
} from '../apipb/DefinedSet';
import type { Policy as _apipb_Policy, Policy__Output as _apipb_Policy__Output } from '../apipb/Policy';

export interface RoutingPolicy {
  defined_sets?: _apipb_DefinedSet[];
  policies?: _apipb_Policy[];
}

export interface RoutingPolicy__Output {
  defined_sets: _apipb_DefinedSet__Output[];
  policies: _apipb_Policy__Output[];
}
