// Original file: proto/gobgp/gobgp.proto

import type { Path as _apipb_Path, Path__Output as _apipb_Path__Output } from '../apipb/Path';

export interface Destination {
  prefix?: string;
  paths?: _apipb_Path[];
}

export interface Destination__Output {
  prefix: string;
  paths: _apipb_Path__Output[];
}
