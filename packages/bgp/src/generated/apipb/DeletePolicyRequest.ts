// Original file: proto/gobgp/gobgp.proto

import type { Policy as _apipb_Policy, Policy__Output as _apipb_Policy__Output } from '../apipb/Policy';

export interface DeletePolicyRequest {
  policy?: _apipb_Policy | null;
  preserve_statements?: boolean;
  all?: boolean;
}

export interface DeletePolicyRequest__Output {
  policy: _apipb_Policy__Output | null;
  preserve_statements: boolean;
  all: boolean;
}
