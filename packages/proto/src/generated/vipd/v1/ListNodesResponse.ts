// Original file: /work/main/proto/vipd/v1/admin.proto

import type { Node as _vipd_v1_Node, Node__Output as _vipd_v1_Node__Output } from '../../vipd/v1/Node';

export interface ListNodesResponse {
  nodes?: _vipd_v1_Node[];
}

export interface ListNodesResponse__Output {
  nodes: _vipd_v1_Node__Output[];
}
