// Original file: /work/main/proto/vipd/v1/admin.proto

import type { Vip as _vipd_v1_Vip, Vip__Output as _vipd_v1_Vip__Output } from '../../vipd/v1/Vip';
import type { Node as _vipd_v1_Node, Node__Output as _vipd_v1_Node__Output } from '../../vipd/v1/Node';

export interface ClusterStatus {
  cluster?: string;
  etcd_endpoints?: string[];
  etcd_healthy?: boolean;
  vips?: _vipd_v1_Vip[];
  nodes?: _vipd_v1_Node[];
}

export interface ClusterStatus__Output {
  cluster: string;
  etcd_endpoints: string[];
  etcd_healthy: boolean;
  vips: _vipd_v1_Vip__Output[];
  nodes: _vipd_v1_Node__Output[];
}
