// Original file: proto/gobgp/gobgp.proto

import type {
  Statement as _apipb_Statement,
  Statement__Output as _apipb_Statement__Output,
} from '../apipb/Statement';

export interface ListStatementResponse {
  statement?: _apipb_Statement | null;
}

export interface ListStatementResponse__Output {
  statement: _apipb_Statement__Output | null;
}
