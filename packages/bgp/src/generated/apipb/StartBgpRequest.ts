// Original file: proto/gobgp/gobgp.proto

import type { Global as _apipb_Global, Global__Output as _apipb_Global__Output } from '../apipb/Global';

export interface StartBgpRequest {
  global?: _apipb_Global | null;
}

export interface StartBgpRequest__Output {
  global: _apipb_Global__Output | null;
}
