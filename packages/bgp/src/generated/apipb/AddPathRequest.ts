// Original file: proto/gobgp/gobgp.proto

import type {
  TableType as _apipb_TableType,
  TableType__Output as _apipb_TableType__Output,
} from '../apipb/TableType';
import type { Path as _apipb_Path, Path__Output as _apipb_Path__Output } from '../apipb/Path';

export interface AddPathRequest {
  table_type?: _apipb_TableType;
  vrf_id?: string;
  path?: _apipb_Path | null;
}

export interface AddPathRequest__Output {
  table_type: _apipb_TableType__Output;
  vrf_id: string;
  path: _apipb_Path__Output | null;
}
