// Original file: proto/gobgp/gobgp.proto

import type {
  RPKIConf as _apipb_RPKIConf,
  RPKIConf__Output as _apipb_RPKIConf__Output,
} from '../apipb/RPKIConf';

export interface Roa {
  asn?: number;
  prefixlen?: number;
  maxlen?: number;
  prefix?: string;
  conf?: _apipb_RPKIConf | null;
}

export interface Roa__Output {
  asn: number;
  prefixlen: number;
  maxlen: number;
  prefix: string;
  conf: _apipb_RPKIConf__Output | null;
}
