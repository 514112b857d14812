// Original file: /work/main/proto/vipd/v1/admin.proto

import type {
  ServiceBackend as _vipd_v1_ServiceBackend,
  ServiceBackend__Output as _vipd_v1_ServiceBackend__Output,
} from '../../vipd/v1/ServiceBackend';
import type {
  ServiceCheck as _vipd_v1_ServiceCheck,
  ServiceCheck__Output as _vipd_v1_ServiceCheck__Output,
} from '../../vipd/v1/ServiceCheck';

export interface ServiceSpec {
  name?: string;
  vip?: string;
  protocol?: string;
  port?: number;
  scheduler?: string;
  mode?: string;
  snat?: boolean;
  backends?: _vipd_v1_ServiceBackend[];
  check?: _vipd_v1_ServiceCheck | null;
  sorry?: string;
  quorum?: number;
}

export interface ServiceSpec__Output {
  name: string;
  vip: string;
  protocol: string;
  port: number;
  scheduler: string;
  mode: string;
  snat: boolean;
  backends: _vipd_v1_ServiceBackend__Output[];
  check: _vipd_v1_ServiceCheck__Output | null;
  sorry: string;
  quorum: number;
}
