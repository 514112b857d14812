// Original file: proto/gobgp/attribute.proto

import type {
  LsSrRange as _apipb_LsSrRange,
  LsSrRange__Output as _apipb_LsSrRange__Output,
} from '../apipb/LsSrRange';

export interface LsSrLocalBlock {
  ranges?: _apipb_LsSrRange[];
}

export interface LsSrLocalBlock__Output {
  ranges: _apipb_LsSrRange__Output[];
}
