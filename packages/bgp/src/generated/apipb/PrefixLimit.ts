// Original file: proto/gobgp/gobgp.proto

import type { Family as _apipb_Family, Family__Output as _apipb_Family__Output } from '../apipb/Family';

export interface PrefixLimit {
  family?: _apipb_Family | null;
  max_prefixes?: number;
  shutdown_threshold_pct?: number;
}

export interface PrefixLimit__Output {
  family: _apipb_Family__Output | null;
  max_prefixes: number;
  shutdown_threshold_pct: number;
}
