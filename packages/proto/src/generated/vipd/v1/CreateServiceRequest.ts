// Original file: /work/main/proto/vipd/v1/admin.proto

import type {
  ServiceSpec as _vipd_v1_ServiceSpec,
  ServiceSpec__Output as _vipd_v1_ServiceSpec__Output,
} from '../../vipd/v1/ServiceSpec';

export interface CreateServiceRequest {
  spec?: _vipd_v1_ServiceSpec | null;
}

export interface CreateServiceRequest__Output {
  spec: _vipd_v1_ServiceSpec__Output | null;
}
