// Original file: /work/main/proto/vipd/v1/admin.proto

import type {
  Service as _vipd_v1_Service,
  Service__Output as _vipd_v1_Service__Output,
} from '../../vipd/v1/Service';

export interface ListServicesResponse {
  services?: _vipd_v1_Service[];
}

export interface ListServicesResponse__Output {
  services: _vipd_v1_Service__Output[];
}
