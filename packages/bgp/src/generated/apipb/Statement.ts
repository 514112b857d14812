// Original file: proto/gobgp/gobgp.proto

import type {
  Conditions as _apipb_Conditions,
  Conditions__Output as _apipb_Conditions__Output,
} from '../apipb/Conditions';
import type { Actions as _apipb_Actions, Actions__Output as _apipb_Actions__Output } from '../apipb/Actions';

export interface Statement {
  name?: string;
  conditions?: _apipb_Conditions | null;
  actions?: _apipb_Actions | null;
}

export interface Statement__Output {
  name: string;
  conditions: _apipb_Conditions__Output | null;
  actions: _apipb_Actions__Output | null;
}
