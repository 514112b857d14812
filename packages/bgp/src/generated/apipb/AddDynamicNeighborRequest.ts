// Original file: proto/gobgp/gobgp.proto

import type {
  DynamicNeighbor as _apipb_DynamicNeighbor,
  DynamicNeighbor__Output as _apipb_DynamicNeighbor__Output,
} from '../apipb/DynamicNeighbor';

export interface AddDynamicNeighborRequest {
  dynamic_neighbor?: _apipb_DynamicNeighbor | null;
}

export interface AddDynamicNeighborRequest__Output {
  dynamic_neighbor: _apipb_DynamicNeighbor__Output | null;
}
