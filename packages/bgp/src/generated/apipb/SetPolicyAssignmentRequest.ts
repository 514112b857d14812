// Original file: proto/gobgp/gobgp.proto

import type {
  PolicyAssignment as _apipb_PolicyAssignment,
  PolicyAssignment__Output as _apipb_PolicyAssignment__Output,
} from '../apipb/PolicyAssignment';

export interface SetPolicyAssignmentRequest {
  assignment?: _apipb_PolicyAssignment | null;
}

export interface SetPolicyAssignmentRequest__Output {
  assignment: _apipb_PolicyAssignment__Output | null;
}
