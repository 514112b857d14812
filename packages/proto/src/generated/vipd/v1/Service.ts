// Original file: /work/main/proto/vipd/v1/admin.proto

import type {
  ServiceSpec as _vipd_v1_ServiceSpec,
  ServiceSpec__Output as _vipd_v1_ServiceSpec__Output,
} from '../../vipd/v1/ServiceSpec';
import type {
  BackendStatus as _vipd_v1_BackendStatus,
  BackendStatus__Output as _vipd_v1_BackendStatus__Output,
} from '../../vipd/v1/BackendStatus';

export interface Service {
  spec?: _vipd_v1_ServiceSpec | null;
  revision?: string;
  holder?: string;
  backends?: _vipd_v1_BackendStatus[];
  reported_by?: string;
  serving?: string;
}

export interface Service__Output {
  spec: _vipd_v1_ServiceSpec__Output | null;
  revision: string;
  holder: string;
  backends: _vipd_v1_BackendStatus__Output[];
  reported_by: string;
  serving: string;
}
