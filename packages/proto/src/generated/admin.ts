import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type {
  AdminServiceClient as _vipd_v1_AdminServiceClient,
  AdminServiceDefinition as _vipd_v1_AdminServiceDefinition,
} from './vipd/v1/AdminService';
import type {
  AnnounceSettings as _vipd_v1_AnnounceSettings,
  AnnounceSettings__Output as _vipd_v1_AnnounceSettings__Output,
} from './vipd/v1/AnnounceSettings';
import type {
  BackendStatus as _vipd_v1_BackendStatus,
  BackendStatus__Output as _vipd_v1_BackendStatus__Output,
} from './vipd/v1/BackendStatus';
import type {
  ClusterStatus as _vipd_v1_ClusterStatus,
  ClusterStatus__Output as _vipd_v1_ClusterStatus__Output,
} from './vipd/v1/ClusterStatus';
import type {
  CreatePoolRequest as _vipd_v1_CreatePoolRequest,
  CreatePoolRequest__Output as _vipd_v1_CreatePoolRequest__Output,
} from './vipd/v1/CreatePoolRequest';
import type {
  CreateServiceRequest as _vipd_v1_CreateServiceRequest,
  CreateServiceRequest__Output as _vipd_v1_CreateServiceRequest__Output,
} from './vipd/v1/CreateServiceRequest';
import type {
  CreateVipRequest as _vipd_v1_CreateVipRequest,
  CreateVipRequest__Output as _vipd_v1_CreateVipRequest__Output,
} from './vipd/v1/CreateVipRequest';
import type {
  DeletePoolRequest as _vipd_v1_DeletePoolRequest,
  DeletePoolRequest__Output as _vipd_v1_DeletePoolRequest__Output,
} from './vipd/v1/DeletePoolRequest';
import type {
  DeletePoolResponse as _vipd_v1_DeletePoolResponse,
  DeletePoolResponse__Output as _vipd_v1_DeletePoolResponse__Output,
} from './vipd/v1/DeletePoolResponse';
import type {
  DeleteServiceRequest as _vipd_v1_DeleteServiceRequest,
  DeleteServiceRequest__Output as _vipd_v1_DeleteServiceRequest__Output,
} from './vipd/v1/DeleteServiceRequest';
import type {
  DeleteServiceResponse as _vipd_v1_DeleteServiceResponse,
  DeleteServiceResponse__Output as _vipd_v1_DeleteServiceResponse__Output,
} from './vipd/v1/DeleteServiceResponse';
import type {
  DeleteVipRequest as _vipd_v1_DeleteVipRequest,
  DeleteVipRequest__Output as _vipd_v1_DeleteVipRequest__Output,
} from './vipd/v1/DeleteVipRequest';
import type {
  DeleteVipResponse as _vipd_v1_DeleteVipResponse,
  DeleteVipResponse__Output as _vipd_v1_DeleteVipResponse__Output,
} from './vipd/v1/DeleteVipResponse';
import type {
  DrainNodeRequest as _vipd_v1_DrainNodeRequest,
  DrainNodeRequest__Output as _vipd_v1_DrainNodeRequest__Output,
} from './vipd/v1/DrainNodeRequest';
import type {
  EffectivePriority as _vipd_v1_EffectivePriority,
  EffectivePriority__Output as _vipd_v1_EffectivePriority__Output,
} from './vipd/v1/EffectivePriority';
import type { Event as _vipd_v1_Event, Event__Output as _vipd_v1_Event__Output } from './vipd/v1/Event';
import type {
  GetPoolRequest as _vipd_v1_GetPoolRequest,
  GetPoolRequest__Output as _vipd_v1_GetPoolRequest__Output,
} from './vipd/v1/GetPoolRequest';
import type {
  GetServiceRequest as _vipd_v1_GetServiceRequest,
  GetServiceRequest__Output as _vipd_v1_GetServiceRequest__Output,
} from './vipd/v1/GetServiceRequest';
import type {
  GetStatusRequest as _vipd_v1_GetStatusRequest,
  GetStatusRequest__Output as _vipd_v1_GetStatusRequest__Output,
} from './vipd/v1/GetStatusRequest';
import type {
  GetVipRequest as _vipd_v1_GetVipRequest,
  GetVipRequest__Output as _vipd_v1_GetVipRequest__Output,
} from './vipd/v1/GetVipRequest';
import type {
  HeldVip as _vipd_v1_HeldVip,
  HeldVip__Output as _vipd_v1_HeldVip__Output,
} from './vipd/v1/HeldVip';
import type {
  ListNodesRequest as _vipd_v1_ListNodesRequest,
  ListNodesRequest__Output as _vipd_v1_ListNodesRequest__Output,
} from './vipd/v1/ListNodesRequest';
import type {
  ListNodesResponse as _vipd_v1_ListNodesResponse,
  ListNodesResponse__Output as _vipd_v1_ListNodesResponse__Output,
} from './vipd/v1/ListNodesResponse';
import type {
  ListPoolsRequest as _vipd_v1_ListPoolsRequest,
  ListPoolsRequest__Output as _vipd_v1_ListPoolsRequest__Output,
} from './vipd/v1/ListPoolsRequest';
import type {
  ListPoolsResponse as _vipd_v1_ListPoolsResponse,
  ListPoolsResponse__Output as _vipd_v1_ListPoolsResponse__Output,
} from './vipd/v1/ListPoolsResponse';
import type {
  ListServicesRequest as _vipd_v1_ListServicesRequest,
  ListServicesRequest__Output as _vipd_v1_ListServicesRequest__Output,
} from './vipd/v1/ListServicesRequest';
import type {
  ListServicesResponse as _vipd_v1_ListServicesResponse,
  ListServicesResponse__Output as _vipd_v1_ListServicesResponse__Output,
} from './vipd/v1/ListServicesResponse';
import type {
  ListVipsRequest as _vipd_v1_ListVipsRequest,
  ListVipsRequest__Output as _vipd_v1_ListVipsRequest__Output,
} from './vipd/v1/ListVipsRequest';
import type {
  ListVipsResponse as _vipd_v1_ListVipsResponse,
  ListVipsResponse__Output as _vipd_v1_ListVipsResponse__Output,
} from './vipd/v1/ListVipsResponse';
import type {
  MoveVipRequest as _vipd_v1_MoveVipRequest,
  MoveVipRequest__Output as _vipd_v1_MoveVipRequest__Output,
} from './vipd/v1/MoveVipRequest';
import type {
  MoveVipResponse as _vipd_v1_MoveVipResponse,
  MoveVipResponse__Output as _vipd_v1_MoveVipResponse__Output,
} from './vipd/v1/MoveVipResponse';
import type { Node as _vipd_v1_Node, Node__Output as _vipd_v1_Node__Output } from './vipd/v1/Node';
import type {
  NodeEntry as _vipd_v1_NodeEntry,
  NodeEntry__Output as _vipd_v1_NodeEntry__Output,
} from './vipd/v1/NodeEntry';
import type { Pool as _vipd_v1_Pool, Pool__Output as _vipd_v1_Pool__Output } from './vipd/v1/Pool';
import type {
  PoolSpec as _vipd_v1_PoolSpec,
  PoolSpec__Output as _vipd_v1_PoolSpec__Output,
} from './vipd/v1/PoolSpec';
import type {
  Service as _vipd_v1_Service,
  Service__Output as _vipd_v1_Service__Output,
} from './vipd/v1/Service';
import type {
  ServiceBackend as _vipd_v1_ServiceBackend,
  ServiceBackend__Output as _vipd_v1_ServiceBackend__Output,
} from './vipd/v1/ServiceBackend';
import type {
  ServiceCheck as _vipd_v1_ServiceCheck,
  ServiceCheck__Output as _vipd_v1_ServiceCheck__Output,
} from './vipd/v1/ServiceCheck';
import type {
  ServiceSpec as _vipd_v1_ServiceSpec,
  ServiceSpec__Output as _vipd_v1_ServiceSpec__Output,
} from './vipd/v1/ServiceSpec';
import type {
  TrackWeight as _vipd_v1_TrackWeight,
  TrackWeight__Output as _vipd_v1_TrackWeight__Output,
} from './vipd/v1/TrackWeight';
import type {
  UndrainNodeRequest as _vipd_v1_UndrainNodeRequest,
  UndrainNodeRequest__Output as _vipd_v1_UndrainNodeRequest__Output,
} from './vipd/v1/UndrainNodeRequest';
import type {
  UnpinVipRequest as _vipd_v1_UnpinVipRequest,
  UnpinVipRequest__Output as _vipd_v1_UnpinVipRequest__Output,
} from './vipd/v1/UnpinVipRequest';
import type {
  UnpinVipResponse as _vipd_v1_UnpinVipResponse,
  UnpinVipResponse__Output as _vipd_v1_UnpinVipResponse__Output,
} from './vipd/v1/UnpinVipResponse';
import type {
  UpdateServiceRequest as _vipd_v1_UpdateServiceRequest,
  UpdateServiceRequest__Output as _vipd_v1_UpdateServiceRequest__Output,
} from './vipd/v1/UpdateServiceRequest';
import type {
  UpdateVipRequest as _vipd_v1_UpdateVipRequest,
  UpdateVipRequest__Output as _vipd_v1_UpdateVipRequest__Output,
} from './vipd/v1/UpdateVipRequest';
import type { Vip as _vipd_v1_Vip, Vip__Output as _vipd_v1_Vip__Output } from './vipd/v1/Vip';
import type {
  VipRoute as _vipd_v1_VipRoute,
  VipRoute__Output as _vipd_v1_VipRoute__Output,
} from './vipd/v1/VipRoute';
import type {
  VipRule as _vipd_v1_VipRule,
  VipRule__Output as _vipd_v1_VipRule__Output,
} from './vipd/v1/VipRule';
import type {
  VipSpec as _vipd_v1_VipSpec,
  VipSpec__Output as _vipd_v1_VipSpec__Output,
} from './vipd/v1/VipSpec';
import type {
  WatchEventsRequest as _vipd_v1_WatchEventsRequest,
  WatchEventsRequest__Output as _vipd_v1_WatchEventsRequest__Output,
} from './vipd/v1/WatchEventsRequest';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new (...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  vipd: {
    v1: {
      AdminService: SubtypeConstructor<typeof grpc.Client, _vipd_v1_AdminServiceClient> & {
        service: _vipd_v1_AdminServiceDefinition;
      };
      AnnounceSettings: MessageTypeDefinition<_vipd_v1_AnnounceSettings, _vipd_v1_AnnounceSettings__Output>;
      BackendStatus: MessageTypeDefinition<_vipd_v1_BackendStatus, _vipd_v1_BackendStatus__Output>;
      ClusterStatus: MessageTypeDefinition<_vipd_v1_ClusterStatus, _vipd_v1_ClusterStatus__Output>;
      CreatePoolRequest: MessageTypeDefinition<
        _vipd_v1_CreatePoolRequest,
        _vipd_v1_CreatePoolRequest__Output
      >;
      CreateServiceRequest: MessageTypeDefinition<
        _vipd_v1_CreateServiceRequest,
        _vipd_v1_CreateServiceRequest__Output
      >;
      CreateVipRequest: MessageTypeDefinition<_vipd_v1_CreateVipRequest, _vipd_v1_CreateVipRequest__Output>;
      DeletePoolRequest: MessageTypeDefinition<
        _vipd_v1_DeletePoolRequest,
        _vipd_v1_DeletePoolRequest__Output
      >;
      DeletePoolResponse: MessageTypeDefinition<
        _vipd_v1_DeletePoolResponse,
        _vipd_v1_DeletePoolResponse__Output
      >;
      DeleteServiceRequest: MessageTypeDefinition<
        _vipd_v1_DeleteServiceRequest,
        _vipd_v1_DeleteServiceRequest__Output
      >;
      DeleteServiceResponse: MessageTypeDefinition<
        _vipd_v1_DeleteServiceResponse,
        _vipd_v1_DeleteServiceResponse__Output
      >;
      DeleteVipRequest: MessageTypeDefinition<_vipd_v1_DeleteVipRequest, _vipd_v1_DeleteVipRequest__Output>;
      DeleteVipResponse: MessageTypeDefinition<
        _vipd_v1_DeleteVipResponse,
        _vipd_v1_DeleteVipResponse__Output
      >;
      DrainNodeRequest: MessageTypeDefinition<_vipd_v1_DrainNodeRequest, _vipd_v1_DrainNodeRequest__Output>;
      EffectivePriority: MessageTypeDefinition<
        _vipd_v1_EffectivePriority,
        _vipd_v1_EffectivePriority__Output
      >;
      Event: MessageTypeDefinition<_vipd_v1_Event, _vipd_v1_Event__Output>;
      Family: EnumTypeDefinition;
      GetPoolRequest: MessageTypeDefinition<_vipd_v1_GetPoolRequest, _vipd_v1_GetPoolRequest__Output>;
      GetServiceRequest: MessageTypeDefinition<
        _vipd_v1_GetServiceRequest,
        _vipd_v1_GetServiceRequest__Output
      >;
      GetStatusRequest: MessageTypeDefinition<_vipd_v1_GetStatusRequest, _vipd_v1_GetStatusRequest__Output>;
      GetVipRequest: MessageTypeDefinition<_vipd_v1_GetVipRequest, _vipd_v1_GetVipRequest__Output>;
      HeldVip: MessageTypeDefinition<_vipd_v1_HeldVip, _vipd_v1_HeldVip__Output>;
      ListNodesRequest: MessageTypeDefinition<_vipd_v1_ListNodesRequest, _vipd_v1_ListNodesRequest__Output>;
      ListNodesResponse: MessageTypeDefinition<
        _vipd_v1_ListNodesResponse,
        _vipd_v1_ListNodesResponse__Output
      >;
      ListPoolsRequest: MessageTypeDefinition<_vipd_v1_ListPoolsRequest, _vipd_v1_ListPoolsRequest__Output>;
      ListPoolsResponse: MessageTypeDefinition<
        _vipd_v1_ListPoolsResponse,
        _vipd_v1_ListPoolsResponse__Output
      >;
      ListServicesRequest: MessageTypeDefinition<
        _vipd_v1_ListServicesRequest,
        _vipd_v1_ListServicesRequest__Output
      >;
      ListServicesResponse: MessageTypeDefinition<
        _vipd_v1_ListServicesResponse,
        _vipd_v1_ListServicesResponse__Output
      >;
      ListVipsRequest: MessageTypeDefinition<_vipd_v1_ListVipsRequest, _vipd_v1_ListVipsRequest__Output>;
      ListVipsResponse: MessageTypeDefinition<_vipd_v1_ListVipsResponse, _vipd_v1_ListVipsResponse__Output>;
      MoveVipRequest: MessageTypeDefinition<_vipd_v1_MoveVipRequest, _vipd_v1_MoveVipRequest__Output>;
      MoveVipResponse: MessageTypeDefinition<_vipd_v1_MoveVipResponse, _vipd_v1_MoveVipResponse__Output>;
      Node: MessageTypeDefinition<_vipd_v1_Node, _vipd_v1_Node__Output>;
      NodeEntry: MessageTypeDefinition<_vipd_v1_NodeEntry, _vipd_v1_NodeEntry__Output>;
      Pool: MessageTypeDefinition<_vipd_v1_Pool, _vipd_v1_Pool__Output>;
      PoolSpec: MessageTypeDefinition<_vipd_v1_PoolSpec, _vipd_v1_PoolSpec__Output>;
      Service: MessageTypeDefinition<_vipd_v1_Service, _vipd_v1_Service__Output>;
      ServiceBackend: MessageTypeDefinition<_vipd_v1_ServiceBackend, _vipd_v1_ServiceBackend__Output>;
      ServiceCheck: MessageTypeDefinition<_vipd_v1_ServiceCheck, _vipd_v1_ServiceCheck__Output>;
      ServiceSpec: MessageTypeDefinition<_vipd_v1_ServiceSpec, _vipd_v1_ServiceSpec__Output>;
      TrackWeight: MessageTypeDefinition<_vipd_v1_TrackWeight, _vipd_v1_TrackWeight__Output>;
      UndrainNodeRequest: MessageTypeDefinition<
        _vipd_v1_UndrainNodeRequest,
        _vipd_v1_UndrainNodeRequest__Output
      >;
      UnpinVipRequest: MessageTypeDefinition<_vipd_v1_UnpinVipRequest, _vipd_v1_UnpinVipRequest__Output>;
      UnpinVipResponse: MessageTypeDefinition<_vipd_v1_UnpinVipResponse, _vipd_v1_UnpinVipResponse__Output>;
      UpdateServiceRequest: MessageTypeDefinition<
        _vipd_v1_UpdateServiceRequest,
        _vipd_v1_UpdateServiceRequest__Output
      >;
      UpdateVipRequest: MessageTypeDefinition<_vipd_v1_UpdateVipRequest, _vipd_v1_UpdateVipRequest__Output>;
      Vip: MessageTypeDefinition<_vipd_v1_Vip, _vipd_v1_Vip__Output>;
      VipRoute: MessageTypeDefinition<_vipd_v1_VipRoute, _vipd_v1_VipRoute__Output>;
      VipRule: MessageTypeDefinition<_vipd_v1_VipRule, _vipd_v1_VipRule__Output>;
      VipSpec: MessageTypeDefinition<_vipd_v1_VipSpec, _vipd_v1_VipSpec__Output>;
      WatchEventsRequest: MessageTypeDefinition<
        _vipd_v1_WatchEventsRequest,
        _vipd_v1_WatchEventsRequest__Output
      >;
    };
  };
}
