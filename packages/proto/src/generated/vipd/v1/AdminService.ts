// Original file: /work/main/proto/vipd/v1/admin.proto

import type * as grpc from '@grpc/grpc-js';
import type { MethodDefinition } from '@grpc/proto-loader';
import type {
  ClusterStatus as _vipd_v1_ClusterStatus,
  ClusterStatus__Output as _vipd_v1_ClusterStatus__Output,
} from '../../vipd/v1/ClusterStatus';
import type {
  CreatePoolRequest as _vipd_v1_CreatePoolRequest,
  CreatePoolRequest__Output as _vipd_v1_CreatePoolRequest__Output,
} from '../../vipd/v1/CreatePoolRequest';
import type {
  CreateServiceRequest as _vipd_v1_CreateServiceRequest,
  CreateServiceRequest__Output as _vipd_v1_CreateServiceRequest__Output,
} from '../../vipd/v1/CreateServiceRequest';
import type {
  CreateVipRequest as _vipd_v1_CreateVipRequest,
  CreateVipRequest__Output as _vipd_v1_CreateVipRequest__Output,
} from '../../vipd/v1/CreateVipRequest';
import type {
  DeletePoolRequest as _vipd_v1_DeletePoolRequest,
  DeletePoolRequest__Output as _vipd_v1_DeletePoolRequest__Output,
} from '../../vipd/v1/DeletePoolRequest';
import type {
  DeletePoolResponse as _vipd_v1_DeletePoolResponse,
  DeletePoolResponse__Output as _vipd_v1_DeletePoolResponse__Output,
} from '../../vipd/v1/DeletePoolResponse';
import type {
  DeleteServiceRequest as _vipd_v1_DeleteServiceRequest,
  DeleteServiceRequest__Output as _vipd_v1_DeleteServiceRequest__Output,
} from '../../vipd/v1/DeleteServiceRequest';
import type {
  DeleteServiceResponse as _vipd_v1_DeleteServiceResponse,
  DeleteServiceResponse__Output as _vipd_v1_DeleteServiceResponse__Output,
} from '../../vipd/v1/DeleteServiceResponse';
import type {
  DeleteVipRequest as _vipd_v1_DeleteVipRequest,
  DeleteVipRequest__Output as _vipd_v1_DeleteVipRequest__Output,
} from '../../vipd/v1/DeleteVipRequest';
import type {
  DeleteVipResponse as _vipd_v1_DeleteVipResponse,
  DeleteVipResponse__Output as _vipd_v1_DeleteVipResponse__Output,
} from '../../vipd/v1/DeleteVipResponse';
import type {
  DrainNodeRequest as _vipd_v1_DrainNodeRequest,
  DrainNodeRequest__Output as _vipd_v1_DrainNodeRequest__Output,
} from '../../vipd/v1/DrainNodeRequest';
import type { Event as _vipd_v1_Event, Event__Output as _vipd_v1_Event__Output } from '../../vipd/v1/Event';
import type {
  GetPoolRequest as _vipd_v1_GetPoolRequest,
  GetPoolRequest__Output as _vipd_v1_GetPoolRequest__Output,
} from '../../vipd/v1/GetPoolRequest';
import type {
  GetServiceRequest as _vipd_v1_GetServiceRequest,
  GetServiceRequest__Output as _vipd_v1_GetServiceRequest__Output,
} from '../../vipd/v1/GetServiceRequest';
import type {
  GetStatusRequest as _vipd_v1_GetStatusRequest,
  GetStatusRequest__Output as _vipd_v1_GetStatusRequest__Output,
} from '../../vipd/v1/GetStatusRequest';
import type {
  GetVipRequest as _vipd_v1_GetVipRequest,
  GetVipRequest__Output as _vipd_v1_GetVipRequest__Output,
} from '../../vipd/v1/GetVipRequest';
import type {
  ListNodesRequest as _vipd_v1_ListNodesRequest,
  ListNodesRequest__Output as _vipd_v1_ListNodesRequest__Output,
} from '../../vipd/v1/ListNodesRequest';
import type {
  ListNodesResponse as _vipd_v1_ListNodesResponse,
  ListNodesResponse__Output as _vipd_v1_ListNodesResponse__Output,
} from '../../vipd/v1/ListNodesResponse';
import type {
  ListPoolsRequest as _vipd_v1_ListPoolsRequest,
  ListPoolsRequest__Output as _vipd_v1_ListPoolsRequest__Output,
} from '../../vipd/v1/ListPoolsRequest';
import type {
  ListPoolsResponse as _vipd_v1_ListPoolsResponse,
  ListPoolsResponse__Output as _vipd_v1_ListPoolsResponse__Output,
} from '../../vipd/v1/ListPoolsResponse';
import type {
  ListServicesRequest as _vipd_v1_ListServicesRequest,
  ListServicesRequest__Output as _vipd_v1_ListServicesRequest__Output,
} from '../../vipd/v1/ListServicesRequest';
import type {
  ListServicesResponse as _vipd_v1_ListServicesResponse,
  ListServicesResponse__Output as _vipd_v1_ListServicesResponse__Output,
} from '../../vipd/v1/ListServicesResponse';
import type {
  ListVipsRequest as _vipd_v1_ListVipsRequest,
  ListVipsRequest__Output as _vipd_v1_ListVipsRequest__Output,
} from '../../vipd/v1/ListVipsRequest';
import type {
  ListVipsResponse as _vipd_v1_ListVipsResponse,
  ListVipsResponse__Output as _vipd_v1_ListVipsResponse__Output,
} from '../../vipd/v1/ListVipsResponse';
import type {
  MoveVipRequest as _vipd_v1_MoveVipRequest,
  MoveVipRequest__Output as _vipd_v1_MoveVipRequest__Output,
} from '../../vipd/v1/MoveVipRequest';
import type {
  MoveVipResponse as _vipd_v1_MoveVipResponse,
  MoveVipResponse__Output as _vipd_v1_MoveVipResponse__Output,
} from '../../vipd/v1/MoveVipResponse';
import type { Node as _vipd_v1_Node, Node__Output as _vipd_v1_Node__Output } from '../../vipd/v1/Node';
import type { Pool as _vipd_v1_Pool, Pool__Output as _vipd_v1_Pool__Output } from '../../vipd/v1/Pool';
import type {
  Service as _vipd_v1_Service,
  Service__Output as _vipd_v1_Service__Output,
} from '../../vipd/v1/Service';
import type {
  UndrainNodeRequest as _vipd_v1_UndrainNodeRequest,
  UndrainNodeRequest__Output as _vipd_v1_UndrainNodeRequest__Output,
} from '../../vipd/v1/UndrainNodeRequest';
import type {
  UnpinVipRequest as _vipd_v1_UnpinVipRequest,
  UnpinVipRequest__Output as _vipd_v1_UnpinVipRequest__Output,
} from '../../vipd/v1/UnpinVipRequest';
import type {
  UnpinVipResponse as _vipd_v1_UnpinVipResponse,
  UnpinVipResponse__Output as _vipd_v1_UnpinVipResponse__Output,
} from '../../vipd/v1/UnpinVipResponse';
import type {
  UpdateServiceRequest as _vipd_v1_UpdateServiceRequest,
  UpdateServiceRequest__Output as _vipd_v1_UpdateServiceRequest__Output,
} from '../../vipd/v1/UpdateServiceRequest';
import type {
  UpdateVipRequest as _vipd_v1_UpdateVipRequest,
  UpdateVipRequest__Output as _vipd_v1_UpdateVipRequest__Output,
} from '../../vipd/v1/UpdateVipRequest';
import type { Vip as _vipd_v1_Vip, Vip__Output as _vipd_v1_Vip__Output } from '../../vipd/v1/Vip';
import type {
  WatchEventsRequest as _vipd_v1_WatchEventsRequest,
  WatchEventsRequest__Output as _vipd_v1_WatchEventsRequest__Output,
} from '../../vipd/v1/WatchEventsRequest';

export interface AdminServiceClient extends grpc.Client {
  CreatePool(
    argument: _vipd_v1_CreatePoolRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Pool__Output>,
  ): grpc.ClientUnaryCall;
  CreatePool(
    argument: _vipd_v1_CreatePoolRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_Pool__Output>,
  ): grpc.ClientUnaryCall;
  CreatePool(
    argument: _vipd_v1_CreatePoolRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Pool__Output>,
  ): grpc.ClientUnaryCall;
  CreatePool(
    argument: _vipd_v1_CreatePoolRequest,
    callback: grpc.requestCallback<_vipd_v1_Pool__Output>,
  ): grpc.ClientUnaryCall;
  createPool(
    argument: _vipd_v1_CreatePoolRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Pool__Output>,
  ): grpc.ClientUnaryCall;
  createPool(
    argument: _vipd_v1_CreatePoolRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_Pool__Output>,
  ): grpc.ClientUnaryCall;
  createPool(
    argument: _vipd_v1_CreatePoolRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Pool__Output>,
  ): grpc.ClientUnaryCall;
  createPool(
    argument: _vipd_v1_CreatePoolRequest,
    callback: grpc.requestCallback<_vipd_v1_Pool__Output>,
  ): grpc.ClientUnaryCall;

  CreateService(
    argument: _vipd_v1_CreateServiceRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Service__Output>,
  ): grpc.ClientUnaryCall;
  CreateService(
    argument: _vipd_v1_CreateServiceRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_Service__Output>,
  ): grpc.ClientUnaryCall;
  CreateService(
    argument: _vipd_v1_CreateServiceRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Service__Output>,
  ): grpc.ClientUnaryCall;
  CreateService(
    argument: _vipd_v1_CreateServiceRequest,
    callback: grpc.requestCallback<_vipd_v1_Service__Output>,
  ): grpc.ClientUnaryCall;
  createService(
    argument: _vipd_v1_CreateServiceRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Service__Output>,
  ): grpc.ClientUnaryCall;
  createService(
    argument: _vipd_v1_CreateServiceRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_Service__Output>,
  ): grpc.ClientUnaryCall;
  createService(
    argument: _vipd_v1_CreateServiceRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Service__Output>,
  ): grpc.ClientUnaryCall;
  createService(
    argument: _vipd_v1_CreateServiceRequest,
    callback: grpc.requestCallback<_vipd_v1_Service__Output>,
  ): grpc.ClientUnaryCall;

  CreateVip(
    argument: _vipd_v1_CreateVipRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Vip__Output>,
  ): grpc.ClientUnaryCall;
  CreateVip(
    argument: _vipd_v1_CreateVipRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_Vip__Output>,
  ): grpc.ClientUnaryCall;
  CreateVip(
    argument: _vipd_v1_CreateVipRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Vip__Output>,
  ): grpc.ClientUnaryCall;
  CreateVip(
    argument: _vipd_v1_CreateVipRequest,
    callback: grpc.requestCallback<_vipd_v1_Vip__Output>,
  ): grpc.ClientUnaryCall;
  createVip(
    argument: _vipd_v1_CreateVipRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Vip__Output>,
  ): grpc.ClientUnaryCall;
  createVip(
    argument: _vipd_v1_CreateVipRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_Vip__Output>,
  ): grpc.ClientUnaryCall;
  createVip(
    argument: _vipd_v1_CreateVipRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Vip__Output>,
  ): grpc.ClientUnaryCall;
  createVip(
    argument: _vipd_v1_CreateVipRequest,
    callback: grpc.requestCallback<_vipd_v1_Vip__Output>,
  ): grpc.ClientUnaryCall;

  DeletePool(
    argument: _vipd_v1_DeletePoolRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_DeletePoolResponse__Output>,
  ): grpc.ClientUnaryCall;
  DeletePool(
    argument: _vipd_v1_DeletePoolRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_DeletePoolResponse__Output>,
  ): grpc.ClientUnaryCall;
  DeletePool(
    argument: _vipd_v1_DeletePoolRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_DeletePoolResponse__Output>,
  ): grpc.ClientUnaryCall;
  DeletePool(
    argument: _vipd_v1_DeletePoolRequest,
    callback: grpc.requestCallback<_vipd_v1_DeletePoolResponse__Output>,
  ): grpc.ClientUnaryCall;
  deletePool(
    argument: _vipd_v1_DeletePoolRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_DeletePoolResponse__Output>,
  ): grpc.ClientUnaryCall;
  deletePool(
    argument: _vipd_v1_DeletePoolRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_DeletePoolResponse__Output>,
  ): grpc.ClientUnaryCall;
  deletePool(
    argument: _vipd_v1_DeletePoolRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_DeletePoolResponse__Output>,
  ): grpc.ClientUnaryCall;
  deletePool(
    argument: _vipd_v1_DeletePoolRequest,
    callback: grpc.requestCallback<_vipd_v1_DeletePoolResponse__Output>,
  ): grpc.ClientUnaryCall;

  DeleteService(
    argument: _vipd_v1_DeleteServiceRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_DeleteServiceResponse__Output>,
  ): grpc.ClientUnaryCall;
  DeleteService(
    argument: _vipd_v1_DeleteServiceRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_DeleteServiceResponse__Output>,
  ): grpc.ClientUnaryCall;
  DeleteService(
    argument: _vipd_v1_DeleteServiceRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_DeleteServiceResponse__Output>,
  ): grpc.ClientUnaryCall;
  DeleteService(
    argument: _vipd_v1_DeleteServiceRequest,
    callback: grpc.requestCallback<_vipd_v1_DeleteServiceResponse__Output>,
  ): grpc.ClientUnaryCall;
  deleteService(
    argument: _vipd_v1_DeleteServiceRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_DeleteServiceResponse__Output>,
  ): grpc.ClientUnaryCall;
  deleteService(
    argument: _vipd_v1_DeleteServiceRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_DeleteServiceResponse__Output>,
  ): grpc.ClientUnaryCall;
  deleteService(
    argument: _vipd_v1_DeleteServiceRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_DeleteServiceResponse__Output>,
  ): grpc.ClientUnaryCall;
  deleteService(
    argument: _vipd_v1_DeleteServiceRequest,
    callback: grpc.requestCallback<_vipd_v1_DeleteServiceResponse__Output>,
  ): grpc.ClientUnaryCall;

  DeleteVip(
    argument: _vipd_v1_DeleteVipRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_DeleteVipResponse__Output>,
  ): grpc.ClientUnaryCall;
  DeleteVip(
    argument: _vipd_v1_DeleteVipRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_DeleteVipResponse__Output>,
  ): grpc.ClientUnaryCall;
  DeleteVip(
    argument: _vipd_v1_DeleteVipRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_DeleteVipResponse__Output>,
  ): grpc.ClientUnaryCall;
  DeleteVip(
    argument: _vipd_v1_DeleteVipRequest,
    callback: grpc.requestCallback<_vipd_v1_DeleteVipResponse__Output>,
  ): grpc.ClientUnaryCall;
  deleteVip(
    argument: _vipd_v1_DeleteVipRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_DeleteVipResponse__Output>,
  ): grpc.ClientUnaryCall;
  deleteVip(
    argument: _vipd_v1_DeleteVipRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_DeleteVipResponse__Output>,
  ): grpc.ClientUnaryCall;
  deleteVip(
    argument: _vipd_v1_DeleteVipRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_DeleteVipResponse__Output>,
  ): grpc.ClientUnaryCall;
  deleteVip(
    argument: _vipd_v1_DeleteVipRequest,
    callback: grpc.requestCallback<_vipd_v1_DeleteVipResponse__Output>,
  ): grpc.ClientUnaryCall;

  DrainNode(
    argument: _vipd_v1_DrainNodeRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Node__Output>,
  ): grpc.ClientUnaryCall;
  DrainNode(
    argument: _vipd_v1_DrainNodeRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_Node__Output>,
  ): grpc.ClientUnaryCall;
  DrainNode(
    argument: _vipd_v1_DrainNodeRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Node__Output>,
  ): grpc.ClientUnaryCall;
  DrainNode(
    argument: _vipd_v1_DrainNodeRequest,
    callback: grpc.requestCallback<_vipd_v1_Node__Output>,
  ): grpc.ClientUnaryCall;
  drainNode(
    argument: _vipd_v1_DrainNodeRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Node__Output>,
  ): grpc.ClientUnaryCall;
  drainNode(
    argument: _vipd_v1_DrainNodeRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_Node__Output>,
  ): grpc.ClientUnaryCall;
  drainNode(
    argument: _vipd_v1_DrainNodeRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Node__Output>,
  ): grpc.ClientUnaryCall;
  drainNode(
    argument: _vipd_v1_DrainNodeRequest,
    callback: grpc.requestCallback<_vipd_v1_Node__Output>,
  ): grpc.ClientUnaryCall;

  GetPool(
    argument: _vipd_v1_GetPoolRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Pool__Output>,
  ): grpc.ClientUnaryCall;
  GetPool(
    argument: _vipd_v1_GetPoolRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_Pool__Output>,
  ): grpc.ClientUnaryCall;
  GetPool(
    argument: _vipd_v1_GetPoolRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Pool__Output>,
  ): grpc.ClientUnaryCall;
  GetPool(
    argument: _vipd_v1_GetPoolRequest,
    callback: grpc.requestCallback<_vipd_v1_Pool__Output>,
  ): grpc.ClientUnaryCall;
  getPool(
    argument: _vipd_v1_GetPoolRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Pool__Output>,
  ): grpc.ClientUnaryCall;
  getPool(
    argument: _vipd_v1_GetPoolRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_Pool__Output>,
  ): grpc.ClientUnaryCall;
  getPool(
    argument: _vipd_v1_GetPoolRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Pool__Output>,
  ): grpc.ClientUnaryCall;
  getPool(
    argument: _vipd_v1_GetPoolRequest,
    callback: grpc.requestCallback<_vipd_v1_Pool__Output>,
  ): grpc.ClientUnaryCall;

  GetService(
    argument: _vipd_v1_GetServiceRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Service__Output>,
  ): grpc.ClientUnaryCall;
  GetService(
    argument: _vipd_v1_GetServiceRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_Service__Output>,
  ): grpc.ClientUnaryCall;
  GetService(
    argument: _vipd_v1_GetServiceRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Service__Output>,
  ): grpc.ClientUnaryCall;
  GetService(
    argument: _vipd_v1_GetServiceRequest,
    callback: grpc.requestCallback<_vipd_v1_Service__Output>,
  ): grpc.ClientUnaryCall;
  getService(
    argument: _vipd_v1_GetServiceRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Service__Output>,
  ): grpc.ClientUnaryCall;
  getService(
    argument: _vipd_v1_GetServiceRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_Service__Output>,
  ): grpc.ClientUnaryCall;
  getService(
    argument: _vipd_v1_GetServiceRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Service__Output>,
  ): grpc.ClientUnaryCall;
  getService(
    argument: _vipd_v1_GetServiceRequest,
    callback: grpc.requestCallback<_vipd_v1_Service__Output>,
  ): grpc.ClientUnaryCall;

  GetStatus(
    argument: _vipd_v1_GetStatusRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_ClusterStatus__Output>,
  ): grpc.ClientUnaryCall;
  GetStatus(
    argument: _vipd_v1_GetStatusRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_ClusterStatus__Output>,
  ): grpc.ClientUnaryCall;
  GetStatus(
    argument: _vipd_v1_GetStatusRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_ClusterStatus__Output>,
  ): grpc.ClientUnaryCall;
  GetStatus(
    argument: _vipd_v1_GetStatusRequest,
    callback: grpc.requestCallback<_vipd_v1_ClusterStatus__Output>,
  ): grpc.ClientUnaryCall;
  getStatus(
    argument: _vipd_v1_GetStatusRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_ClusterStatus__Output>,
  ): grpc.ClientUnaryCall;
  getStatus(
    argument: _vipd_v1_GetStatusRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_ClusterStatus__Output>,
  ): grpc.ClientUnaryCall;
  getStatus(
    argument: _vipd_v1_GetStatusRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_ClusterStatus__Output>,
  ): grpc.ClientUnaryCall;
  getStatus(
    argument: _vipd_v1_GetStatusRequest,
    callback: grpc.requestCallback<_vipd_v1_ClusterStatus__Output>,
  ): grpc.ClientUnaryCall;

  GetVip(
    argument: _vipd_v1_GetVipRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Vip__Output>,
  ): grpc.ClientUnaryCall;
  GetVip(
    argument: _vipd_v1_GetVipRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_Vip__Output>,
  ): grpc.ClientUnaryCall;
  GetVip(
    argument: _vipd_v1_GetVipRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Vip__Output>,
  ): grpc.ClientUnaryCall;
  GetVip(
    argument: _vipd_v1_GetVipRequest,
    callback: grpc.requestCallback<_vipd_v1_Vip__Output>,
  ): grpc.ClientUnaryCall;
  getVip(
    argument: _vipd_v1_GetVipRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Vip__Output>,
  ): grpc.ClientUnaryCall;
  getVip(
    argument: _vipd_v1_GetVipRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_Vip__Output>,
  ): grpc.ClientUnaryCall;
  getVip(
    argument: _vipd_v1_GetVipRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Vip__Output>,
  ): grpc.ClientUnaryCall;
  getVip(
    argument: _vipd_v1_GetVipRequest,
    callback: grpc.requestCallback<_vipd_v1_Vip__Output>,
  ): grpc.ClientUnaryCall;

  ListNodes(
    argument: _vipd_v1_ListNodesRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_ListNodesResponse__Output>,
  ): grpc.ClientUnaryCall;
  ListNodes(
    argument: _vipd_v1_ListNodesRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_ListNodesResponse__Output>,
  ): grpc.ClientUnaryCall;
  ListNodes(
    argument: _vipd_v1_ListNodesRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_ListNodesResponse__Output>,
  ): grpc.ClientUnaryCall;
  ListNodes(
    argument: _vipd_v1_ListNodesRequest,
    callback: grpc.requestCallback<_vipd_v1_ListNodesResponse__Output>,
  ): grpc.ClientUnaryCall;
  listNodes(
    argument: _vipd_v1_ListNodesRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_ListNodesResponse__Output>,
  ): grpc.ClientUnaryCall;
  listNodes(
    argument: _vipd_v1_ListNodesRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_ListNodesResponse__Output>,
  ): grpc.ClientUnaryCall;
  listNodes(
    argument: _vipd_v1_ListNodesRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_ListNodesResponse__Output>,
  ): grpc.ClientUnaryCall;
  listNodes(
    argument: _vipd_v1_ListNodesRequest,
    callback: grpc.requestCallback<_vipd_v1_ListNodesResponse__Output>,
  ): grpc.ClientUnaryCall;

  ListPools(
    argument: _vipd_v1_ListPoolsRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_ListPoolsResponse__Output>,
  ): grpc.ClientUnaryCall;
  ListPools(
    argument: _vipd_v1_ListPoolsRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_ListPoolsResponse__Output>,
  ): grpc.ClientUnaryCall;
  ListPools(
    argument: _vipd_v1_ListPoolsRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_ListPoolsResponse__Output>,
  ): grpc.ClientUnaryCall;
  ListPools(
    argument: _vipd_v1_ListPoolsRequest,
    callback: grpc.requestCallback<_vipd_v1_ListPoolsResponse__Output>,
  ): grpc.ClientUnaryCall;
  listPools(
    argument: _vipd_v1_ListPoolsRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_ListPoolsResponse__Output>,
  ): grpc.ClientUnaryCall;
  listPools(
    argument: _vipd_v1_ListPoolsRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_ListPoolsResponse__Output>,
  ): grpc.ClientUnaryCall;
  listPools(
    argument: _vipd_v1_ListPoolsRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_ListPoolsResponse__Output>,
  ): grpc.ClientUnaryCall;
  listPools(
    argument: _vipd_v1_ListPoolsRequest,
    callback: grpc.requestCallback<_vipd_v1_ListPoolsResponse__Output>,
  ): grpc.ClientUnaryCall;

  ListServices(
    argument: _vipd_v1_ListServicesRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_ListServicesResponse__Output>,
  ): grpc.ClientUnaryCall;
  ListServices(
    argument: _vipd_v1_ListServicesRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_ListServicesResponse__Output>,
  ): grpc.ClientUnaryCall;
  ListServices(
    argument: _vipd_v1_ListServicesRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_ListServicesResponse__Output>,
  ): grpc.ClientUnaryCall;
  ListServices(
    argument: _vipd_v1_ListServicesRequest,
    callback: grpc.requestCallback<_vipd_v1_ListServicesResponse__Output>,
  ): grpc.ClientUnaryCall;
  listServices(
    argument: _vipd_v1_ListServicesRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_ListServicesResponse__Output>,
  ): grpc.ClientUnaryCall;
  listServices(
    argument: _vipd_v1_ListServicesRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_ListServicesResponse__Output>,
  ): grpc.ClientUnaryCall;
  listServices(
    argument: _vipd_v1_ListServicesRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_ListServicesResponse__Output>,
  ): grpc.ClientUnaryCall;
  listServices(
    argument: _vipd_v1_ListServicesRequest,
    callback: grpc.requestCallback<_vipd_v1_ListServicesResponse__Output>,
  ): grpc.ClientUnaryCall;

  ListVips(
    argument: _vipd_v1_ListVipsRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_ListVipsResponse__Output>,
  ): grpc.ClientUnaryCall;
  ListVips(
    argument: _vipd_v1_ListVipsRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_ListVipsResponse__Output>,
  ): grpc.ClientUnaryCall;
  ListVips(
    argument: _vipd_v1_ListVipsRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_ListVipsResponse__Output>,
  ): grpc.ClientUnaryCall;
  ListVips(
    argument: _vipd_v1_ListVipsRequest,
    callback: grpc.requestCallback<_vipd_v1_ListVipsResponse__Output>,
  ): grpc.ClientUnaryCall;
  listVips(
    argument: _vipd_v1_ListVipsRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_ListVipsResponse__Output>,
  ): grpc.ClientUnaryCall;
  listVips(
    argument: _vipd_v1_ListVipsRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_ListVipsResponse__Output>,
  ): grpc.ClientUnaryCall;
  listVips(
    argument: _vipd_v1_ListVipsRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_ListVipsResponse__Output>,
  ): grpc.ClientUnaryCall;
  listVips(
    argument: _vipd_v1_ListVipsRequest,
    callback: grpc.requestCallback<_vipd_v1_ListVipsResponse__Output>,
  ): grpc.ClientUnaryCall;

  MoveVip(
    argument: _vipd_v1_MoveVipRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_MoveVipResponse__Output>,
  ): grpc.ClientUnaryCall;
  MoveVip(
    argument: _vipd_v1_MoveVipRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_MoveVipResponse__Output>,
  ): grpc.ClientUnaryCall;
  MoveVip(
    argument: _vipd_v1_MoveVipRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_MoveVipResponse__Output>,
  ): grpc.ClientUnaryCall;
  MoveVip(
    argument: _vipd_v1_MoveVipRequest,
    callback: grpc.requestCallback<_vipd_v1_MoveVipResponse__Output>,
  ): grpc.ClientUnaryCall;
  moveVip(
    argument: _vipd_v1_MoveVipRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_MoveVipResponse__Output>,
  ): grpc.ClientUnaryCall;
  moveVip(
    argument: _vipd_v1_MoveVipRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_MoveVipResponse__Output>,
  ): grpc.ClientUnaryCall;
  moveVip(
    argument: _vipd_v1_MoveVipRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_MoveVipResponse__Output>,
  ): grpc.ClientUnaryCall;
  moveVip(
    argument: _vipd_v1_MoveVipRequest,
    callback: grpc.requestCallback<_vipd_v1_MoveVipResponse__Output>,
  ): grpc.ClientUnaryCall;

  UndrainNode(
    argument: _vipd_v1_UndrainNodeRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Node__Output>,
  ): grpc.ClientUnaryCall;
  UndrainNode(
    argument: _vipd_v1_UndrainNodeRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_Node__Output>,
  ): grpc.ClientUnaryCall;
  UndrainNode(
    argument: _vipd_v1_UndrainNodeRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Node__Output>,
  ): grpc.ClientUnaryCall;
  UndrainNode(
    argument: _vipd_v1_UndrainNodeRequest,
    callback: grpc.requestCallback<_vipd_v1_Node__Output>,
  ): grpc.ClientUnaryCall;
  undrainNode(
    argument: _vipd_v1_UndrainNodeRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Node__Output>,
  ): grpc.ClientUnaryCall;
  undrainNode(
    argument: _vipd_v1_UndrainNodeRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_Node__Output>,
  ): grpc.ClientUnaryCall;
  undrainNode(
    argument: _vipd_v1_UndrainNodeRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Node__Output>,
  ): grpc.ClientUnaryCall;
  undrainNode(
    argument: _vipd_v1_UndrainNodeRequest,
    callback: grpc.requestCallback<_vipd_v1_Node__Output>,
  ): grpc.ClientUnaryCall;

  UnpinVip(
    argument: _vipd_v1_UnpinVipRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_UnpinVipResponse__Output>,
  ): grpc.ClientUnaryCall;
  UnpinVip(
    argument: _vipd_v1_UnpinVipRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_UnpinVipResponse__Output>,
  ): grpc.ClientUnaryCall;
  UnpinVip(
    argument: _vipd_v1_UnpinVipRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_UnpinVipResponse__Output>,
  ): grpc.ClientUnaryCall;
  UnpinVip(
    argument: _vipd_v1_UnpinVipRequest,
    callback: grpc.requestCallback<_vipd_v1_UnpinVipResponse__Output>,
  ): grpc.ClientUnaryCall;
  unpinVip(
    argument: _vipd_v1_UnpinVipRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_UnpinVipResponse__Output>,
  ): grpc.ClientUnaryCall;
  unpinVip(
    argument: _vipd_v1_UnpinVipRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_UnpinVipResponse__Output>,
  ): grpc.ClientUnaryCall;
  unpinVip(
    argument: _vipd_v1_UnpinVipRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_UnpinVipResponse__Output>,
  ): grpc.ClientUnaryCall;
  unpinVip(
    argument: _vipd_v1_UnpinVipRequest,
    callback: grpc.requestCallback<_vipd_v1_UnpinVipResponse__Output>,
  ): grpc.ClientUnaryCall;

  UpdateService(
    argument: _vipd_v1_UpdateServiceRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Service__Output>,
  ): grpc.ClientUnaryCall;
  UpdateService(
    argument: _vipd_v1_UpdateServiceRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_Service__Output>,
  ): grpc.ClientUnaryCall;
  UpdateService(
    argument: _vipd_v1_UpdateServiceRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Service__Output>,
  ): grpc.ClientUnaryCall;
  UpdateService(
    argument: _vipd_v1_UpdateServiceRequest,
    callback: grpc.requestCallback<_vipd_v1_Service__Output>,
  ): grpc.ClientUnaryCall;
  updateService(
    argument: _vipd_v1_UpdateServiceRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Service__Output>,
  ): grpc.ClientUnaryCall;
  updateService(
    argument: _vipd_v1_UpdateServiceRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_Service__Output>,
  ): grpc.ClientUnaryCall;
  updateService(
    argument: _vipd_v1_UpdateServiceRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Service__Output>,
  ): grpc.ClientUnaryCall;
  updateService(
    argument: _vipd_v1_UpdateServiceRequest,
    callback: grpc.requestCallback<_vipd_v1_Service__Output>,
  ): grpc.ClientUnaryCall;

  UpdateVip(
    argument: _vipd_v1_UpdateVipRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Vip__Output>,
  ): grpc.ClientUnaryCall;
  UpdateVip(
    argument: _vipd_v1_UpdateVipRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_Vip__Output>,
  ): grpc.ClientUnaryCall;
  UpdateVip(
    argument: _vipd_v1_UpdateVipRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Vip__Output>,
  ): grpc.ClientUnaryCall;
  UpdateVip(
    argument: _vipd_v1_UpdateVipRequest,
    callback: grpc.requestCallback<_vipd_v1_Vip__Output>,
  ): grpc.ClientUnaryCall;
  updateVip(
    argument: _vipd_v1_UpdateVipRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Vip__Output>,
  ): grpc.ClientUnaryCall;
  updateVip(
    argument: _vipd_v1_UpdateVipRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_vipd_v1_Vip__Output>,
  ): grpc.ClientUnaryCall;
  updateVip(
    argument: _vipd_v1_UpdateVipRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_vipd_v1_Vip__Output>,
  ): grpc.ClientUnaryCall;
  updateVip(
    argument: _vipd_v1_UpdateVipRequest,
    callback: grpc.requestCallback<_vipd_v1_Vip__Output>,
  ): grpc.ClientUnaryCall;

  WatchEvents(
    argument: _vipd_v1_WatchEventsRequest,
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_vipd_v1_Event__Output>;
  WatchEvents(
    argument: _vipd_v1_WatchEventsRequest,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_vipd_v1_Event__Output>;
  watchEvents(
    argument: _vipd_v1_WatchEventsRequest,
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_vipd_v1_Event__Output>;
  watchEvents(
    argument: _vipd_v1_WatchEventsRequest,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_vipd_v1_Event__Output>;
}

export interface AdminServiceHandlers extends grpc.UntypedServiceImplementation {
  CreatePool: grpc.handleUnaryCall<_vipd_v1_CreatePoolRequest__Output, _vipd_v1_Pool>;

  CreateService: grpc.handleUnaryCall<_vipd_v1_CreateServiceRequest__Output, _vipd_v1_Service>;

  CreateVip: grpc.handleUnaryCall<_vipd_v1_CreateVipRequest__Output, _vipd_v1_Vip>;

  DeletePool: grpc.handleUnaryCall<_vipd_v1_DeletePoolRequest__Output, _vipd_v1_DeletePoolResponse>;

  DeleteService: grpc.handleUnaryCall<_vipd_v1_DeleteServiceRequest__Output, _vipd_v1_DeleteServiceResponse>;

  DeleteVip: grpc.handleUnaryCall<_vipd_v1_DeleteVipRequest__Output, _vipd_v1_DeleteVipResponse>;

  DrainNode: grpc.handleUnaryCall<_vipd_v1_DrainNodeRequest__Output, _vipd_v1_Node>;

  GetPool: grpc.handleUnaryCall<_vipd_v1_GetPoolRequest__Output, _vipd_v1_Pool>;

  GetService: grpc.handleUnaryCall<_vipd_v1_GetServiceRequest__Output, _vipd_v1_Service>;

  GetStatus: grpc.handleUnaryCall<_vipd_v1_GetStatusRequest__Output, _vipd_v1_ClusterStatus>;

  GetVip: grpc.handleUnaryCall<_vipd_v1_GetVipRequest__Output, _vipd_v1_Vip>;

  ListNodes: grpc.handleUnaryCall<_vipd_v1_ListNodesRequest__Output, _vipd_v1_ListNodesResponse>;

  ListPools: grpc.handleUnaryCall<_vipd_v1_ListPoolsRequest__Output, _vipd_v1_ListPoolsResponse>;

  ListServices: grpc.handleUnaryCall<_vipd_v1_ListServicesRequest__Output, _vipd_v1_ListServicesResponse>;

  ListVips: grpc.handleUnaryCall<_vipd_v1_ListVipsRequest__Output, _vipd_v1_ListVipsResponse>;

  MoveVip: grpc.handleUnaryCall<_vipd_v1_MoveVipRequest__Output, _vipd_v1_MoveVipResponse>;

  UndrainNode: grpc.handleUnaryCall<_vipd_v1_UndrainNodeRequest__Output, _vipd_v1_Node>;

  UnpinVip: grpc.handleUnaryCall<_vipd_v1_UnpinVipRequest__Output, _vipd_v1_UnpinVipResponse>;

  UpdateService: grpc.handleUnaryCall<_vipd_v1_UpdateServiceRequest__Output, _vipd_v1_Service>;

  UpdateVip: grpc.handleUnaryCall<_vipd_v1_UpdateVipRequest__Output, _vipd_v1_Vip>;

  WatchEvents: grpc.handleServerStreamingCall<_vipd_v1_WatchEventsRequest__Output, _vipd_v1_Event>;
}

export interface AdminServiceDefinition extends grpc.ServiceDefinition {
  CreatePool: MethodDefinition<
    _vipd_v1_CreatePoolRequest,
    _vipd_v1_Pool,
    _vipd_v1_CreatePoolRequest__Output,
    _vipd_v1_Pool__Output
  >;
  CreateService: MethodDefinition<
    _vipd_v1_CreateServiceRequest,
    _vipd_v1_Service,
    _vipd_v1_CreateServiceRequest__Output,
    _vipd_v1_Service__Output
  >;
  CreateVip: MethodDefinition<
    _vipd_v1_CreateVipRequest,
    _vipd_v1_Vip,
    _vipd_v1_CreateVipRequest__Output,
    _vipd_v1_Vip__Output
  >;
  DeletePool: MethodDefinition<
    _vipd_v1_DeletePoolRequest,
    _vipd_v1_DeletePoolResponse,
    _vipd_v1_DeletePoolRequest__Output,
    _vipd_v1_DeletePoolResponse__Output
  >;
  DeleteService: MethodDefinition<
    _vipd_v1_DeleteServiceRequest,
    _vipd_v1_DeleteServiceResponse,
    _vipd_v1_DeleteServiceRequest__Output,
    _vipd_v1_DeleteServiceResponse__Output
  >;
  DeleteVip: MethodDefinition<
    _vipd_v1_DeleteVipRequest,
    _vipd_v1_DeleteVipResponse,
    _vipd_v1_DeleteVipRequest__Output,
    _vipd_v1_DeleteVipResponse__Output
  >;
  DrainNode: MethodDefinition<
    _vipd_v1_DrainNodeRequest,
    _vipd_v1_Node,
    _vipd_v1_DrainNodeRequest__Output,
    _vipd_v1_Node__Output
  >;
  GetPool: MethodDefinition<
    _vipd_v1_GetPoolRequest,
    _vipd_v1_Pool,
    _vipd_v1_GetPoolRequest__Output,
    _vipd_v1_Pool__Output
  >;
  GetService: MethodDefinition<
    _vipd_v1_GetServiceRequest,
    _vipd_v1_Service,
    _vipd_v1_GetServiceRequest__Output,
    _vipd_v1_Service__Output
  >;
  GetStatus: MethodDefinition<
    _vipd_v1_GetStatusRequest,
    _vipd_v1_ClusterStatus,
    _vipd_v1_GetStatusRequest__Output,
    _vipd_v1_ClusterStatus__Output
  >;
  GetVip: MethodDefinition<
    _vipd_v1_GetVipRequest,
    _vipd_v1_Vip,
    _vipd_v1_GetVipRequest__Output,
    _vipd_v1_Vip__Output
  >;
  ListNodes: MethodDefinition<
    _vipd_v1_ListNodesRequest,
    _vipd_v1_ListNodesResponse,
    _vipd_v1_ListNodesRequest__Output,
    _vipd_v1_ListNodesResponse__Output
  >;
  ListPools: MethodDefinition<
    _vipd_v1_ListPoolsRequest,
    _vipd_v1_ListPoolsResponse,
    _vipd_v1_ListPoolsRequest__Output,
    _vipd_v1_ListPoolsResponse__Output
  >;
  ListServices: MethodDefinition<
    _vipd_v1_ListServicesRequest,
    _vipd_v1_ListServicesResponse,
    _vipd_v1_ListServicesRequest__Output,
    _vipd_v1_ListServicesResponse__Output
  >;
  ListVips: MethodDefinition<
    _vipd_v1_ListVipsRequest,
    _vipd_v1_ListVipsResponse,
    _vipd_v1_ListVipsRequest__Output,
    _vipd_v1_ListVipsResponse__Output
  >;
  MoveVip: MethodDefinition<
    _vipd_v1_MoveVipRequest,
    _vipd_v1_MoveVipResponse,
    _vipd_v1_MoveVipRequest__Output,
    _vipd_v1_MoveVipResponse__Output
  >;
  UndrainNode: MethodDefinition<
    _vipd_v1_UndrainNodeRequest,
    _vipd_v1_Node,
    _vipd_v1_UndrainNodeRequest__Output,
    _vipd_v1_Node__Output
  >;
  UnpinVip: MethodDefinition<
    _vipd_v1_UnpinVipRequest,
    _vipd_v1_UnpinVipResponse,
    _vipd_v1_UnpinVipRequest__Output,
    _vipd_v1_UnpinVipResponse__Output
  >;
  UpdateService: MethodDefinition<
    _vipd_v1_UpdateServiceRequest,
    _vipd_v1_Service,
    _vipd_v1_UpdateServiceRequest__Output,
    _vipd_v1_Service__Output
  >;
  UpdateVip: MethodDefinition<
    _vipd_v1_UpdateVipRequest,
    _vipd_v1_Vip,
    _vipd_v1_UpdateVipRequest__Output,
    _vipd_v1_Vip__Output
  >;
  WatchEvents: MethodDefinition<
    _vipd_v1_WatchEventsRequest,
    _vipd_v1_Event,
    _vipd_v1_WatchEventsRequest__Output,
    _vipd_v1_Event__Output
  >;
}
