// Original file: proto/gobgp/gobgp.proto

import type { Policy as _apipb_Policy, Policy__Output as _apipb_Policy__Output } from '../apipb/Policy';

export interface ListPolicyResponse {
  policy?: _apipb_Policy | null;
}

export interface ListPolicyResponse__Output {
  policy: _apipb_Policy__Output | null;
}
