// Original file: proto/gobgp/gobgp.proto

import type * as grpc from '@grpc/grpc-js';
import type { MethodDefinition } from '@grpc/proto-loader';
import type {
  AddBmpRequest as _apipb_AddBmpRequest,
  AddBmpRequest__Output as _apipb_AddBmpRequest__Output,
} from '../apipb/AddBmpRequest';
import type {
  AddDefinedSetRequest as _apipb_AddDefinedSetRequest,
  AddDefinedSetRequest__Output as _apipb_AddDefinedSetRequest__Output,
} from '../apipb/AddDefinedSetRequest';
import type {
  AddDynamicNeighborRequest as _apipb_AddDynamicNeighborRequest,
  AddDynamicNeighborRequest__Output as _apipb_AddDynamicNeighborRequest__Output,
} from '../apipb/AddDynamicNeighborRequest';
import type {
  AddPathRequest as _apipb_AddPathRequest,
  AddPathRequest__Output as _apipb_AddPathRequest__Output,
} from '../apipb/AddPathRequest';
import type {
  AddPathResponse as _apipb_AddPathResponse,
  AddPathResponse__Output as _apipb_AddPathResponse__Output,
} from '../apipb/AddPathResponse';
import type {
  AddPathStreamRequest as _apipb_AddPathStreamRequest,
  AddPathStreamRequest__Output as _apipb_AddPathStreamRequest__Output,
} from '../apipb/AddPathStreamRequest';
import type {
  AddPeerGroupRequest as _apipb_AddPeerGroupRequest,
  AddPeerGroupRequest__Output as _apipb_AddPeerGroupRequest__Output,
} from '../apipb/AddPeerGroupRequest';
import type {
  AddPeerRequest as _apipb_AddPeerRequest,
  AddPeerRequest__Output as _apipb_AddPeerRequest__Output,
} from '../apipb/AddPeerRequest';
import type {
  AddPolicyAssignmentRequest as _apipb_AddPolicyAssignmentRequest,
  AddPolicyAssignmentRequest__Output as _apipb_AddPolicyAssignmentRequest__Output,
} from '../apipb/AddPolicyAssignmentRequest';
import type {
  AddPolicyRequest as _apipb_AddPolicyRequest,
  AddPolicyRequest__Output as _apipb_AddPolicyRequest__Output,
} from '../apipb/AddPolicyRequest';
import type {
  AddRpkiRequest as _apipb_AddRpkiRequest,
  AddRpkiRequest__Output as _apipb_AddRpkiRequest__Output,
} from '../apipb/AddRpkiRequest';
import type {
  AddStatementRequest as _apipb_AddStatementRequest,
  AddStatementRequest__Output as _apipb_AddStatementRequest__Output,
} from '../apipb/AddStatementRequest';
import type {
  AddVrfRequest as _apipb_AddVrfRequest,
  AddVrfRequest__Output as _apipb_AddVrfRequest__Output,
} from '../apipb/AddVrfRequest';
import type {
  DeleteBmpRequest as _apipb_DeleteBmpRequest,
  DeleteBmpRequest__Output as _apipb_DeleteBmpRequest__Output,
} from '../apipb/DeleteBmpRequest';
import type {
  DeleteDefinedSetRequest as _apipb_DeleteDefinedSetRequest,
  DeleteDefinedSetRequest__Output as _apipb_DeleteDefinedSetRequest__Output,
} from '../apipb/DeleteDefinedSetRequest';
import type {
  DeleteDynamicNeighborRequest as _apipb_DeleteDynamicNeighborRequest,
  DeleteDynamicNeighborRequest__Output as _apipb_DeleteDynamicNeighborRequest__Output,
} from '../apipb/DeleteDynamicNeighborRequest';
import type {
  DeletePathRequest as _apipb_DeletePathRequest,
  DeletePathRequest__Output as _apipb_DeletePathRequest__Output,
} from '../apipb/DeletePathRequest';
import type {
  DeletePeerGroupRequest as _apipb_DeletePeerGroupRequest,
  DeletePeerGroupRequest__Output as _apipb_DeletePeerGroupRequest__Output,
} from '../apipb/DeletePeerGroupRequest';
import type {
  DeletePeerRequest as _apipb_DeletePeerRequest,
  DeletePeerRequest__Output as _apipb_DeletePeerRequest__Output,
} from '../apipb/DeletePeerRequest';
import type {
  DeletePolicyAssignmentRequest as _apipb_DeletePolicyAssignmentRequest,
  DeletePolicyAssignmentRequest__Output as _apipb_DeletePolicyAssignmentRequest__Output,
} from '../apipb/DeletePolicyAssignmentRequest';
import type {
  DeletePolicyRequest as _apipb_DeletePolicyRequest,
  DeletePolicyRequest__Output as _apipb_DeletePolicyRequest__Output,
} from '../apipb/DeletePolicyRequest';
import type {
  DeleteRpkiRequest as _apipb_DeleteRpkiRequest,
  DeleteRpkiRequest__Output as _apipb_DeleteRpkiRequest__Output,
} from '../apipb/DeleteRpkiRequest';
import type {
  DeleteStatementRequest as _apipb_DeleteStatementRequest,
  DeleteStatementRequest__Output as _apipb_DeleteStatementRequest__Output,
} from '../apipb/DeleteStatementRequest';
import type {
  DeleteVrfRequest as _apipb_DeleteVrfRequest,
  DeleteVrfRequest__Output as _apipb_DeleteVrfRequest__Output,
} from '../apipb/DeleteVrfRequest';
import type {
  DisableMrtRequest as _apipb_DisableMrtRequest,
  DisableMrtRequest__Output as _apipb_DisableMrtRequest__Output,
} from '../apipb/DisableMrtRequest';
import type {
  DisablePeerRequest as _apipb_DisablePeerRequest,
  DisablePeerRequest__Output as _apipb_DisablePeerRequest__Output,
} from '../apipb/DisablePeerRequest';
import type {
  DisableRpkiRequest as _apipb_DisableRpkiRequest,
  DisableRpkiRequest__Output as _apipb_DisableRpkiRequest__Output,
} from '../apipb/DisableRpkiRequest';
import type {
  Empty as _google_protobuf_Empty,
  Empty__Output as _google_protobuf_Empty__Output,
} from '../google/protobuf/Empty';
import type {
  EnableMrtRequest as _apipb_EnableMrtRequest,
  EnableMrtRequest__Output as _apipb_EnableMrtRequest__Output,
} from '../apipb/EnableMrtRequest';
import type {
  EnablePeerRequest as _apipb_EnablePeerRequest,
  EnablePeerRequest__Output as _apipb_EnablePeerRequest__Output,
} from '../apipb/EnablePeerRequest';
import type {
  EnableRpkiRequest as _apipb_EnableRpkiRequest,
  EnableRpkiRequest__Output as _apipb_EnableRpkiRequest__Output,
} from '../apipb/EnableRpkiRequest';
import type {
  EnableZebraRequest as _apipb_EnableZebraRequest,
  EnableZebraRequest__Output as _apipb_EnableZebraRequest__Output,
} from '../apipb/EnableZebraRequest';
import type {
  GetBgpRequest as _apipb_GetBgpRequest,
  GetBgpRequest__Output as _apipb_GetBgpRequest__Output,
} from '../apipb/GetBgpRequest';
import type {
  GetBgpResponse as _apipb_GetBgpResponse,
  GetBgpResponse__Output as _apipb_GetBgpResponse__Output,
} from '../apipb/GetBgpResponse';
import type {
  GetTableRequest as _apipb_GetTableRequest,
  GetTableRequest__Output as _apipb_GetTableRequest__Output,
} from '../apipb/GetTableRequest';
import type {
  GetTableResponse as _apipb_GetTableResponse,
  GetTableResponse__Output as _apipb_GetTableResponse__Output,
} from '../apipb/GetTableResponse';
import type {
  ListBmpRequest as _apipb_ListBmpRequest,
  ListBmpRequest__Output as _apipb_ListBmpRequest__Output,
} from '../apipb/ListBmpRequest';
import type {
  ListBmpResponse as _apipb_ListBmpResponse,
  ListBmpResponse__Output as _apipb_ListBmpResponse__Output,
} from '../apipb/ListBmpResponse';
import type {
  ListDefinedSetRequest as _apipb_ListDefinedSetRequest,
  ListDefinedSetRequest__Output as _apipb_ListDefinedSetRequest__Output,
} from '../apipb/ListDefinedSetRequest';
import type {
  ListDefinedSetResponse as _apipb_ListDefinedSetResponse,
  ListDefinedSetResponse__Output as _apipb_ListDefinedSetResponse__Output,
} from '../apipb/ListDefinedSetResponse';
import type {
  ListDynamicNeighborRequest as _apipb_ListDynamicNeighborRequest,
  ListDynamicNeighborRequest__Output as _apipb_ListDynamicNeighborRequest__Output,
} from '../apipb/ListDynamicNeighborRequest';
import type {
  ListDynamicNeighborResponse as _apipb_ListDynamicNeighborResponse,
  ListDynamicNeighborResponse__Output as _apipb_ListDynamicNeighborResponse__Output,
} from '../apipb/ListDynamicNeighborResponse';
import type {
  ListPathRequest as _apipb_ListPathRequest,
  ListPathRequest__Output as _apipb_ListPathRequest__Output,
} from '../apipb/ListPathRequest';
import type {
  ListPathResponse as _apipb_ListPathResponse,
  ListPathResponse__Output as _apipb_ListPathResponse__Output,
} from '../apipb/ListPathResponse';
import type {
  ListPeerGroupRequest as _apipb_ListPeerGroupRequest,
  ListPeerGroupRequest__Output as _apipb_ListPeerGroupRequest__Output,
} from '../apipb/ListPeerGroupRequest';
import type {
  ListPeerGroupResponse as _apipb_ListPeerGroupResponse,
  ListPeerGroupResponse__Output as _apipb_ListPeerGroupResponse__Output,
} from '../apipb/ListPeerGroupResponse';
import type {
  ListPeerRequest as _apipb_ListPeerRequest,
  ListPeerRequest__Output as _apipb_ListPeerRequest__Output,
} from '../apipb/ListPeerRequest';
import type {
  ListPeerResponse as _apipb_ListPeerResponse,
  ListPeerResponse__Output as _apipb_ListPeerResponse__Output,
} from '../apipb/ListPeerResponse';
import type {
  ListPolicyAssignmentRequest as _apipb_ListPolicyAssignmentRequest,
  ListPolicyAssignmentRequest__Output as _apipb_ListPolicyAssignmentRequest__Output,
} from '../apipb/ListPolicyAssignmentRequest';
import type {
  ListPolicyAssignmentResponse as _apipb_ListPolicyAssignmentResponse,
  ListPolicyAssignmentResponse__Output as _apipb_ListPolicyAssignmentResponse__Output,
} from '../apipb/ListPolicyAssignmentResponse';
import type {
  ListPolicyRequest as _apipb_ListPolicyRequest,
  ListPolicyRequest__Output as _apipb_ListPolicyRequest__Output,
} from '../apipb/ListPolicyRequest';
import type {
  ListPolicyResponse as _apipb_ListPolicyResponse,
  ListPolicyResponse__Output as _apipb_ListPolicyResponse__Output,
} from '../apipb/ListPolicyResponse';
import type {
  ListRpkiRequest as _apipb_ListRpkiRequest,
  ListRpkiRequest__Output as _apipb_ListRpkiRequest__Output,
} from '../apipb/ListRpkiRequest';
import type {
  ListRpkiResponse as _apipb_ListRpkiResponse,
  ListRpkiResponse__Output as _apipb_ListRpkiResponse__Output,
} from '../apipb/ListRpkiResponse';
import type {
  ListRpkiTableRequest as _apipb_ListRpkiTableRequest,
  ListRpkiTableRequest__Output as _apipb_ListRpkiTableRequest__Output,
} from '../apipb/ListRpkiTableRequest';
import type {
  ListRpkiTableResponse as _apipb_ListRpkiTableResponse,
  ListRpkiTableResponse__Output as _apipb_ListRpkiTableResponse__Output,
} from '../apipb/ListRpkiTableResponse';
import type {
  ListStatementRequest as _apipb_ListStatementRequest,
  ListStatementRequest__Output as _apipb_ListStatementRequest__Output,
} from '../apipb/ListStatementRequest';
import type {
  ListStatementResponse as _apipb_ListStatementResponse,
  ListStatementResponse__Output as _apipb_ListStatementResponse__Output,
} from '../apipb/ListStatementResponse';
import type {
  ListVrfRequest as _apipb_ListVrfRequest,
  ListVrfRequest__Output as _apipb_ListVrfRequest__Output,
} from '../apipb/ListVrfRequest';
import type {
  ListVrfResponse as _apipb_ListVrfResponse,
  ListVrfResponse__Output as _apipb_ListVrfResponse__Output,
} from '../apipb/ListVrfResponse';
import type {
  ResetPeerRequest as _apipb_ResetPeerRequest,
  ResetPeerRequest__Output as _apipb_ResetPeerRequest__Output,
} from '../apipb/ResetPeerRequest';
import type {
  ResetRpkiRequest as _apipb_ResetRpkiRequest,
  ResetRpkiRequest__Output as _apipb_ResetRpkiRequest__Output,
} from '../apipb/ResetRpkiRequest';
import type {
  SetLogLevelRequest as _apipb_SetLogLevelRequest,
  SetLogLevelRequest__Output as _apipb_SetLogLevelRequest__Output,
} from '../apipb/SetLogLevelRequest';
import type {
  SetPoliciesRequest as _apipb_SetPoliciesRequest,
  SetPoliciesRequest__Output as _apipb_SetPoliciesRequest__Output,
} from '../apipb/SetPoliciesRequest';
import type {
  SetPolicyAssignmentRequest as _apipb_SetPolicyAssignmentRequest,
  SetPolicyAssignmentRequest__Output as _apipb_SetPolicyAssignmentRequest__Output,
} from '../apipb/SetPolicyAssignmentRequest';
import type {
  ShutdownPeerRequest as _apipb_ShutdownPeerRequest,
  ShutdownPeerRequest__Output as _apipb_ShutdownPeerRequest__Output,
} from '../apipb/ShutdownPeerRequest';
import type {
  StartBgpRequest as _apipb_StartBgpRequest,
  StartBgpRequest__Output as _apipb_StartBgpRequest__Output,
} from '../apipb/StartBgpRequest';
import type {
  StopBgpRequest as _apipb_StopBgpRequest,
  StopBgpRequest__Output as _apipb_StopBgpRequest__Output,
} from '../apipb/StopBgpRequest';
import type {
  UpdatePeerGroupRequest as _apipb_UpdatePeerGroupRequest,
  UpdatePeerGroupRequest__Output as _apipb_UpdatePeerGroupRequest__Output,
} from '../apipb/UpdatePeerGroupRequest';
import type {
  UpdatePeerGroupResponse as _apipb_UpdatePeerGroupResponse,
  UpdatePeerGroupResponse__Output as _apipb_UpdatePeerGroupResponse__Output,
} from '../apipb/UpdatePeerGroupResponse';
import type {
  UpdatePeerRequest as _apipb_UpdatePeerRequest,
  UpdatePeerRequest__Output as _apipb_UpdatePeerRequest__Output,
} from '../apipb/UpdatePeerRequest';
import type {
  UpdatePeerResponse as _apipb_UpdatePeerResponse,
  UpdatePeerResponse__Output as _apipb_UpdatePeerResponse__Output,
} from '../apipb/UpdatePeerResponse';
import type {
  WatchEventRequest as _apipb_WatchEventRequest,
  WatchEventRequest__Output as _apipb_WatchEventRequest__Output,
} from '../apipb/WatchEventRequest';
import type {
  WatchEventResponse as _apipb_WatchEventResponse,
  WatchEventResponse__Output as _apipb_WatchEventResponse__Output,
} from '../apipb/WatchEventResponse';

export interface GobgpApiClient extends grpc.Client {
  AddBmp(
    argument: _apipb_AddBmpRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  AddBmp(
    argument: _apipb_AddBmpRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  AddBmp(
    argument: _apipb_AddBmpRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  AddBmp(
    argument: _apipb_AddBmpRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addBmp(
    argument: _apipb_AddBmpRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addBmp(
    argument: _apipb_AddBmpRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addBmp(
    argument: _apipb_AddBmpRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addBmp(
    argument: _apipb_AddBmpRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  AddDefinedSet(
    argument: _apipb_AddDefinedSetRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  AddDefinedSet(
    argument: _apipb_AddDefinedSetRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  AddDefinedSet(
    argument: _apipb_AddDefinedSetRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  AddDefinedSet(
    argument: _apipb_AddDefinedSetRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addDefinedSet(
    argument: _apipb_AddDefinedSetRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addDefinedSet(
    argument: _apipb_AddDefinedSetRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addDefinedSet(
    argument: _apipb_AddDefinedSetRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addDefinedSet(
    argument: _apipb_AddDefinedSetRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  AddDynamicNeighbor(
    argument: _apipb_AddDynamicNeighborRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  AddDynamicNeighbor(
    argument: _apipb_AddDynamicNeighborRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  AddDynamicNeighbor(
    argument: _apipb_AddDynamicNeighborRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  AddDynamicNeighbor(
    argument: _apipb_AddDynamicNeighborRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addDynamicNeighbor(
    argument: _apipb_AddDynamicNeighborRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addDynamicNeighbor(
    argument: _apipb_AddDynamicNeighborRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addDynamicNeighbor(
    argument: _apipb_AddDynamicNeighborRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addDynamicNeighbor(
    argument: _apipb_AddDynamicNeighborRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  AddPath(
    argument: _apipb_AddPathRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_apipb_AddPathResponse__Output>,
  ): grpc.ClientUnaryCall;
  AddPath(
    argument: _apipb_AddPathRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_apipb_AddPathResponse__Output>,
  ): grpc.ClientUnaryCall;
  AddPath(
    argument: _apipb_AddPathRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_apipb_AddPathResponse__Output>,
  ): grpc.ClientUnaryCall;
  AddPath(
    argument: _apipb_AddPathRequest,
    callback: grpc.requestCallback<_apipb_AddPathResponse__Output>,
  ): grpc.ClientUnaryCall;
  addPath(
    argument: _apipb_AddPathRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_apipb_AddPathResponse__Output>,
  ): grpc.ClientUnaryCall;
  addPath(
    argument: _apipb_AddPathRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_apipb_AddPathResponse__Output>,
  ): grpc.ClientUnaryCall;
  addPath(
    argument: _apipb_AddPathRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_apipb_AddPathResponse__Output>,
  ): grpc.ClientUnaryCall;
  addPath(
    argument: _apipb_AddPathRequest,
    callback: grpc.requestCallback<_apipb_AddPathResponse__Output>,
  ): grpc.ClientUnaryCall;

  AddPathStream(
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientWritableStream<_apipb_AddPathStreamRequest>;
  AddPathStream(
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientWritableStream<_apipb_AddPathStreamRequest>;
  AddPathStream(
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientWritableStream<_apipb_AddPathStreamRequest>;
  AddPathStream(
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientWritableStream<_apipb_AddPathStreamRequest>;
  addPathStream(
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientWritableStream<_apipb_AddPathStreamRequest>;
  addPathStream(
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientWritableStream<_apipb_AddPathStreamRequest>;
  addPathStream(
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientWritableStream<_apipb_AddPathStreamRequest>;
  addPathStream(
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientWritableStream<_apipb_AddPathStreamRequest>;

  AddPeer(
    argument: _apipb_AddPeerRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  AddPeer(
    argument: _apipb_AddPeerRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  AddPeer(
    argument: _apipb_AddPeerRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  AddPeer(
    argument: _apipb_AddPeerRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addPeer(
    argument: _apipb_AddPeerRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addPeer(
    argument: _apipb_AddPeerRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addPeer(
    argument: _apipb_AddPeerRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addPeer(
    argument: _apipb_AddPeerRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  AddPeerGroup(
    argument: _apipb_AddPeerGroupRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  AddPeerGroup(
    argument: _apipb_AddPeerGroupRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  AddPeerGroup(
    argument: _apipb_AddPeerGroupRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  AddPeerGroup(
    argument: _apipb_AddPeerGroupRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addPeerGroup(
    argument: _apipb_AddPeerGroupRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addPeerGroup(
    argument: _apipb_AddPeerGroupRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addPeerGroup(
    argument: _apipb_AddPeerGroupRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addPeerGroup(
    argument: _apipb_AddPeerGroupRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  AddPolicy(
    argument: _apipb_AddPolicyRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  AddPolicy(
    argument: _apipb_AddPolicyRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  AddPolicy(
    argument: _apipb_AddPolicyRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  AddPolicy(
    argument: _apipb_AddPolicyRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addPolicy(
    argument: _apipb_AddPolicyRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addPolicy(
    argument: _apipb_AddPolicyRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addPolicy(
    argument: _apipb_AddPolicyRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addPolicy(
    argument: _apipb_AddPolicyRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  AddPolicyAssignment(
    argument: _apipb_AddPolicyAssignmentRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  AddPolicyAssignment(
    argument: _apipb_AddPolicyAssignmentRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  AddPolicyAssignment(
    argument: _apipb_AddPolicyAssignmentRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  AddPolicyAssignment(
    argument: _apipb_AddPolicyAssignmentRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addPolicyAssignment(
    argument: _apipb_AddPolicyAssignmentRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addPolicyAssignment(
    argument: _apipb_AddPolicyAssignmentRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addPolicyAssignment(
    argument: _apipb_AddPolicyAssignmentRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addPolicyAssignment(
    argument: _apipb_AddPolicyAssignmentRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  AddRpki(
    argument: _apipb_AddRpkiRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  AddRpki(
    argument: _apipb_AddRpkiRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  AddRpki(
    argument: _apipb_AddRpkiRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  AddRpki(
    argument: _apipb_AddRpkiRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addRpki(
    argument: _apipb_AddRpkiRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addRpki(
    argument: _apipb_AddRpkiRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addRpki(
    argument: _apipb_AddRpkiRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addRpki(
    argument: _apipb_AddRpkiRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  AddStatement(
    argument: _apipb_AddStatementRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  AddStatement(
    argument: _apipb_AddStatementRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  AddStatement(
    argument: _apipb_AddStatementRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  AddStatement(
    argument: _apipb_AddStatementRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addStatement(
    argument: _apipb_AddStatementRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addStatement(
    argument: _apipb_AddStatementRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addStatement(
    argument: _apipb_AddStatementRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addStatement(
    argument: _apipb_AddStatementRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  AddVrf(
    argument: _apipb_AddVrfRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  AddVrf(
    argument: _apipb_AddVrfRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  AddVrf(
    argument: _apipb_AddVrfRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  AddVrf(
    argument: _apipb_AddVrfRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addVrf(
    argument: _apipb_AddVrfRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addVrf(
    argument: _apipb_AddVrfRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addVrf(
    argument: _apipb_AddVrfRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  addVrf(
    argument: _apipb_AddVrfRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  DeleteBmp(
    argument: _apipb_DeleteBmpRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeleteBmp(
    argument: _apipb_DeleteBmpRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeleteBmp(
    argument: _apipb_DeleteBmpRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeleteBmp(
    argument: _apipb_DeleteBmpRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deleteBmp(
    argument: _apipb_DeleteBmpRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deleteBmp(
    argument: _apipb_DeleteBmpRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deleteBmp(
    argument: _apipb_DeleteBmpRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deleteBmp(
    argument: _apipb_DeleteBmpRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  DeleteDefinedSet(
    argument: _apipb_DeleteDefinedSetRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeleteDefinedSet(
    argument: _apipb_DeleteDefinedSetRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeleteDefinedSet(
    argument: _apipb_DeleteDefinedSetRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeleteDefinedSet(
    argument: _apipb_DeleteDefinedSetRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deleteDefinedSet(
    argument: _apipb_DeleteDefinedSetRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deleteDefinedSet(
    argument: _apipb_DeleteDefinedSetRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deleteDefinedSet(
    argument: _apipb_DeleteDefinedSetRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deleteDefinedSet(
    argument: _apipb_DeleteDefinedSetRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  DeleteDynamicNeighbor(
    argument: _apipb_DeleteDynamicNeighborRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeleteDynamicNeighbor(
    argument: _apipb_DeleteDynamicNeighborRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeleteDynamicNeighbor(
    argument: _apipb_DeleteDynamicNeighborRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeleteDynamicNeighbor(
    argument: _apipb_DeleteDynamicNeighborRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deleteDynamicNeighbor(
    argument: _apipb_DeleteDynamicNeighborRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deleteDynamicNeighbor(
    argument: _apipb_DeleteDynamicNeighborRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deleteDynamicNeighbor(
    argument: _apipb_DeleteDynamicNeighborRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deleteDynamicNeighbor(
    argument: _apipb_DeleteDynamicNeighborRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  DeletePath(
    argument: _apipb_DeletePathRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeletePath(
    argument: _apipb_DeletePathRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeletePath(
    argument: _apipb_DeletePathRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeletePath(
    argument: _apipb_DeletePathRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deletePath(
    argument: _apipb_DeletePathRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deletePath(
    argument: _apipb_DeletePathRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deletePath(
    argument: _apipb_DeletePathRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deletePath(
    argument: _apipb_DeletePathRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  DeletePeer(
    argument: _apipb_DeletePeerRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeletePeer(
    argument: _apipb_DeletePeerRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeletePeer(
    argument: _apipb_DeletePeerRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeletePeer(
    argument: _apipb_DeletePeerRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deletePeer(
    argument: _apipb_DeletePeerRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deletePeer(
    argument: _apipb_DeletePeerRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deletePeer(
    argument: _apipb_DeletePeerRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deletePeer(
    argument: _apipb_DeletePeerRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  DeletePeerGroup(
    argument: _apipb_DeletePeerGroupRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeletePeerGroup(
    argument: _apipb_DeletePeerGroupRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeletePeerGroup(
    argument: _apipb_DeletePeerGroupRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeletePeerGroup(
    argument: _apipb_DeletePeerGroupRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deletePeerGroup(
    argument: _apipb_DeletePeerGroupRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deletePeerGroup(
    argument: _apipb_DeletePeerGroupRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deletePeerGroup(
    argument: _apipb_DeletePeerGroupRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deletePeerGroup(
    argument: _apipb_DeletePeerGroupRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  DeletePolicy(
    argument: _apipb_DeletePolicyRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeletePolicy(
    argument: _apipb_DeletePolicyRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeletePolicy(
    argument: _apipb_DeletePolicyRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeletePolicy(
    argument: _apipb_DeletePolicyRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deletePolicy(
    argument: _apipb_DeletePolicyRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deletePolicy(
    argument: _apipb_DeletePolicyRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deletePolicy(
    argument: _apipb_DeletePolicyRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deletePolicy(
    argument: _apipb_DeletePolicyRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  DeletePolicyAssignment(
    argument: _apipb_DeletePolicyAssignmentRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeletePolicyAssignment(
    argument: _apipb_DeletePolicyAssignmentRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeletePolicyAssignment(
    argument: _apipb_DeletePolicyAssignmentRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeletePolicyAssignment(
    argument: _apipb_DeletePolicyAssignmentRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deletePolicyAssignment(
    argument: _apipb_DeletePolicyAssignmentRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deletePolicyAssignment(
    argument: _apipb_DeletePolicyAssignmentRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deletePolicyAssignment(
    argument: _apipb_DeletePolicyAssignmentRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deletePolicyAssignment(
    argument: _apipb_DeletePolicyAssignmentRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  DeleteRpki(
    argument: _apipb_DeleteRpkiRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeleteRpki(
    argument: _apipb_DeleteRpkiRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeleteRpki(
    argument: _apipb_DeleteRpkiRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeleteRpki(
    argument: _apipb_DeleteRpkiRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deleteRpki(
    argument: _apipb_DeleteRpkiRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deleteRpki(
    argument: _apipb_DeleteRpkiRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deleteRpki(
    argument: _apipb_DeleteRpkiRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deleteRpki(
    argument: _apipb_DeleteRpkiRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  DeleteStatement(
    argument: _apipb_DeleteStatementRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeleteStatement(
    argument: _apipb_DeleteStatementRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeleteStatement(
    argument: _apipb_DeleteStatementRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeleteStatement(
    argument: _apipb_DeleteStatementRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deleteStatement(
    argument: _apipb_DeleteStatementRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deleteStatement(
    argument: _apipb_DeleteStatementRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deleteStatement(
    argument: _apipb_DeleteStatementRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deleteStatement(
    argument: _apipb_DeleteStatementRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  DeleteVrf(
    argument: _apipb_DeleteVrfRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeleteVrf(
    argument: _apipb_DeleteVrfRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeleteVrf(
    argument: _apipb_DeleteVrfRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DeleteVrf(
    argument: _apipb_DeleteVrfRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deleteVrf(
    argument: _apipb_DeleteVrfRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deleteVrf(
    argument: _apipb_DeleteVrfRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deleteVrf(
    argument: _apipb_DeleteVrfRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  deleteVrf(
    argument: _apipb_DeleteVrfRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  DisableMrt(
    argument: _apipb_DisableMrtRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DisableMrt(
    argument: _apipb_DisableMrtRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DisableMrt(
    argument: _apipb_DisableMrtRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DisableMrt(
    argument: _apipb_DisableMrtRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  disableMrt(
    argument: _apipb_DisableMrtRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  disableMrt(
    argument: _apipb_DisableMrtRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  disableMrt(
    argument: _apipb_DisableMrtRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  disableMrt(
    argument: _apipb_DisableMrtRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  DisablePeer(
    argument: _apipb_DisablePeerRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DisablePeer(
    argument: _apipb_DisablePeerRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DisablePeer(
    argument: _apipb_DisablePeerRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DisablePeer(
    argument: _apipb_DisablePeerRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  disablePeer(
    argument: _apipb_DisablePeerRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  disablePeer(
    argument: _apipb_DisablePeerRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  disablePeer(
    argument: _apipb_DisablePeerRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  disablePeer(
    argument: _apipb_DisablePeerRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  DisableRpki(
    argument: _apipb_DisableRpkiRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DisableRpki(
    argument: _apipb_DisableRpkiRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DisableRpki(
    argument: _apipb_DisableRpkiRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  DisableRpki(
    argument: _apipb_DisableRpkiRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  disableRpki(
    argument: _apipb_DisableRpkiRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  disableRpki(
    argument: _apipb_DisableRpkiRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  disableRpki(
    argument: _apipb_DisableRpkiRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  disableRpki(
    argument: _apipb_DisableRpkiRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  EnableMrt(
    argument: _apipb_EnableMrtRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  EnableMrt(
    argument: _apipb_EnableMrtRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  EnableMrt(
    argument: _apipb_EnableMrtRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  EnableMrt(
    argument: _apipb_EnableMrtRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  enableMrt(
    argument: _apipb_EnableMrtRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  enableMrt(
    argument: _apipb_EnableMrtRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  enableMrt(
    argument: _apipb_EnableMrtRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  enableMrt(
    argument: _apipb_EnableMrtRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  EnablePeer(
    argument: _apipb_EnablePeerRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  EnablePeer(
    argument: _apipb_EnablePeerRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  EnablePeer(
    argument: _apipb_EnablePeerRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  EnablePeer(
    argument: _apipb_EnablePeerRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  enablePeer(
    argument: _apipb_EnablePeerRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  enablePeer(
    argument: _apipb_EnablePeerRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  enablePeer(
    argument: _apipb_EnablePeerRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  enablePeer(
    argument: _apipb_EnablePeerRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  EnableRpki(
    argument: _apipb_EnableRpkiRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  EnableRpki(
    argument: _apipb_EnableRpkiRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  EnableRpki(
    argument: _apipb_EnableRpkiRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  EnableRpki(
    argument: _apipb_EnableRpkiRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  enableRpki(
    argument: _apipb_EnableRpkiRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  enableRpki(
    argument: _apipb_EnableRpkiRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  enableRpki(
    argument: _apipb_EnableRpkiRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  enableRpki(
    argument: _apipb_EnableRpkiRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  EnableZebra(
    argument: _apipb_EnableZebraRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  EnableZebra(
    argument: _apipb_EnableZebraRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  EnableZebra(
    argument: _apipb_EnableZebraRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  EnableZebra(
    argument: _apipb_EnableZebraRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  enableZebra(
    argument: _apipb_EnableZebraRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  enableZebra(
    argument: _apipb_EnableZebraRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  enableZebra(
    argument: _apipb_EnableZebraRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  enableZebra(
    argument: _apipb_EnableZebraRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  GetBgp(
    argument: _apipb_GetBgpRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_apipb_GetBgpResponse__Output>,
  ): grpc.ClientUnaryCall;
  GetBgp(
    argument: _apipb_GetBgpRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_apipb_GetBgpResponse__Output>,
  ): grpc.ClientUnaryCall;
  GetBgp(
    argument: _apipb_GetBgpRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_apipb_GetBgpResponse__Output>,
  ): grpc.ClientUnaryCall;
  GetBgp(
    argument: _apipb_GetBgpRequest,
    callback: grpc.requestCallback<_apipb_GetBgpResponse__Output>,
  ): grpc.ClientUnaryCall;
  getBgp(
    argument: _apipb_GetBgpRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_apipb_GetBgpResponse__Output>,
  ): grpc.ClientUnaryCall;
  getBgp(
    argument: _apipb_GetBgpRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_apipb_GetBgpResponse__Output>,
  ): grpc.ClientUnaryCall;
  getBgp(
    argument: _apipb_GetBgpRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_apipb_GetBgpResponse__Output>,
  ): grpc.ClientUnaryCall;
  getBgp(
    argument: _apipb_GetBgpRequest,
    callback: grpc.requestCallback<_apipb_GetBgpResponse__Output>,
  ): grpc.ClientUnaryCall;

  GetTable(
    argument: _apipb_GetTableRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_apipb_GetTableResponse__Output>,
  ): grpc.ClientUnaryCall;
  GetTable(
    argument: _apipb_GetTableRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_apipb_GetTableResponse__Output>,
  ): grpc.ClientUnaryCall;
  GetTable(
    argument: _apipb_GetTableRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_apipb_GetTableResponse__Output>,
  ): grpc.ClientUnaryCall;
  GetTable(
    argument: _apipb_GetTableRequest,
    callback: grpc.requestCallback<_apipb_GetTableResponse__Output>,
  ): grpc.ClientUnaryCall;
  getTable(
    argument: _apipb_GetTableRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_apipb_GetTableResponse__Output>,
  ): grpc.ClientUnaryCall;
  getTable(
    argument: _apipb_GetTableRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_apipb_GetTableResponse__Output>,
  ): grpc.ClientUnaryCall;
  getTable(
    argument: _apipb_GetTableRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_apipb_GetTableResponse__Output>,
  ): grpc.ClientUnaryCall;
  getTable(
    argument: _apipb_GetTableRequest,
    callback: grpc.requestCallback<_apipb_GetTableResponse__Output>,
  ): grpc.ClientUnaryCall;

  ListBmp(
    argument: _apipb_ListBmpRequest,
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListBmpResponse__Output>;
  ListBmp(
    argument: _apipb_ListBmpRequest,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListBmpResponse__Output>;
  listBmp(
    argument: _apipb_ListBmpRequest,
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListBmpResponse__Output>;
  listBmp(
    argument: _apipb_ListBmpRequest,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListBmpResponse__Output>;

  ListDefinedSet(
    argument: _apipb_ListDefinedSetRequest,
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListDefinedSetResponse__Output>;
  ListDefinedSet(
    argument: _apipb_ListDefinedSetRequest,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListDefinedSetResponse__Output>;
  listDefinedSet(
    argument: _apipb_ListDefinedSetRequest,
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListDefinedSetResponse__Output>;
  listDefinedSet(
    argument: _apipb_ListDefinedSetRequest,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListDefinedSetResponse__Output>;

  ListDynamicNeighbor(
    argument: _apipb_ListDynamicNeighborRequest,
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListDynamicNeighborResponse__Output>;
  ListDynamicNeighbor(
    argument: _apipb_ListDynamicNeighborRequest,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListDynamicNeighborResponse__Output>;
  listDynamicNeighbor(
    argument: _apipb_ListDynamicNeighborRequest,
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListDynamicNeighborResponse__Output>;
  listDynamicNeighbor(
    argument: _apipb_ListDynamicNeighborRequest,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListDynamicNeighborResponse__Output>;

  ListPath(
    argument: _apipb_ListPathRequest,
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListPathResponse__Output>;
  ListPath(
    argument: _apipb_ListPathRequest,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListPathResponse__Output>;
  listPath(
    argument: _apipb_ListPathRequest,
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListPathResponse__Output>;
  listPath(
    argument: _apipb_ListPathRequest,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListPathResponse__Output>;

  ListPeer(
    argument: _apipb_ListPeerRequest,
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListPeerResponse__Output>;
  ListPeer(
    argument: _apipb_ListPeerRequest,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListPeerResponse__Output>;
  listPeer(
    argument: _apipb_ListPeerRequest,
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListPeerResponse__Output>;
  listPeer(
    argument: _apipb_ListPeerRequest,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListPeerResponse__Output>;

  ListPeerGroup(
    argument: _apipb_ListPeerGroupRequest,
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListPeerGroupResponse__Output>;
  ListPeerGroup(
    argument: _apipb_ListPeerGroupRequest,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListPeerGroupResponse__Output>;
  listPeerGroup(
    argument: _apipb_ListPeerGroupRequest,
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListPeerGroupResponse__Output>;
  listPeerGroup(
    argument: _apipb_ListPeerGroupRequest,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListPeerGroupResponse__Output>;

  ListPolicy(
    argument: _apipb_ListPolicyRequest,
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListPolicyResponse__Output>;
  ListPolicy(
    argument: _apipb_ListPolicyRequest,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListPolicyResponse__Output>;
  listPolicy(
    argument: _apipb_ListPolicyRequest,
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListPolicyResponse__Output>;
  listPolicy(
    argument: _apipb_ListPolicyRequest,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListPolicyResponse__Output>;

  ListPolicyAssignment(
    argument: _apipb_ListPolicyAssignmentRequest,
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListPolicyAssignmentResponse__Output>;
  ListPolicyAssignment(
    argument: _apipb_ListPolicyAssignmentRequest,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListPolicyAssignmentResponse__Output>;
  listPolicyAssignment(
    argument: _apipb_ListPolicyAssignmentRequest,
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListPolicyAssignmentResponse__Output>;
  listPolicyAssignment(
    argument: _apipb_ListPolicyAssignmentRequest,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListPolicyAssignmentResponse__Output>;

  ListRpki(
    argument: _apipb_ListRpkiRequest,
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListRpkiResponse__Output>;
  ListRpki(
    argument: _apipb_ListRpkiRequest,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListRpkiResponse__Output>;
  listRpki(
    argument: _apipb_ListRpkiRequest,
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListRpkiResponse__Output>;
  listRpki(
    argument: _apipb_ListRpkiRequest,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListRpkiResponse__Output>;

  ListRpkiTable(
    argument: _apipb_ListRpkiTableRequest,
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListRpkiTableResponse__Output>;
  ListRpkiTable(
    argument: _apipb_ListRpkiTableRequest,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListRpkiTableResponse__Output>;
  listRpkiTable(
    argument: _apipb_ListRpkiTableRequest,
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListRpkiTableResponse__Output>;
  listRpkiTable(
    argument: _apipb_ListRpkiTableRequest,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListRpkiTableResponse__Output>;

  ListStatement(
    argument: _apipb_ListStatementRequest,
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListStatementResponse__Output>;
  ListStatement(
    argument: _apipb_ListStatementRequest,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListStatementResponse__Output>;
  listStatement(
    argument: _apipb_ListStatementRequest,
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListStatementResponse__Output>;
  listStatement(
    argument: _apipb_ListStatementRequest,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListStatementResponse__Output>;

  ListVrf(
    argument: _apipb_ListVrfRequest,
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListVrfResponse__Output>;
  ListVrf(
    argument: _apipb_ListVrfRequest,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListVrfResponse__Output>;
  listVrf(
    argument: _apipb_ListVrfRequest,
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListVrfResponse__Output>;
  listVrf(
    argument: _apipb_ListVrfRequest,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_ListVrfResponse__Output>;

  ResetPeer(
    argument: _apipb_ResetPeerRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  ResetPeer(
    argument: _apipb_ResetPeerRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  ResetPeer(
    argument: _apipb_ResetPeerRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  ResetPeer(
    argument: _apipb_ResetPeerRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  resetPeer(
    argument: _apipb_ResetPeerRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  resetPeer(
    argument: _apipb_ResetPeerRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  resetPeer(
    argument: _apipb_ResetPeerRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  resetPeer(
    argument: _apipb_ResetPeerRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  ResetRpki(
    argument: _apipb_ResetRpkiRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  ResetRpki(
    argument: _apipb_ResetRpkiRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  ResetRpki(
    argument: _apipb_ResetRpkiRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  ResetRpki(
    argument: _apipb_ResetRpkiRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  resetRpki(
    argument: _apipb_ResetRpkiRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  resetRpki(
    argument: _apipb_ResetRpkiRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  resetRpki(
    argument: _apipb_ResetRpkiRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  resetRpki(
    argument: _apipb_ResetRpkiRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  SetLogLevel(
    argument: _apipb_SetLogLevelRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  SetLogLevel(
    argument: _apipb_SetLogLevelRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  SetLogLevel(
    argument: _apipb_SetLogLevelRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  SetLogLevel(
    argument: _apipb_SetLogLevelRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  setLogLevel(
    argument: _apipb_SetLogLevelRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  setLogLevel(
    argument: _apipb_SetLogLevelRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  setLogLevel(
    argument: _apipb_SetLogLevelRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  setLogLevel(
    argument: _apipb_SetLogLevelRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  SetPolicies(
    argument: _apipb_SetPoliciesRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  SetPolicies(
    argument: _apipb_SetPoliciesRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  SetPolicies(
    argument: _apipb_SetPoliciesRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  SetPolicies(
    argument: _apipb_SetPoliciesRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  setPolicies(
    argument: _apipb_SetPoliciesRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  setPolicies(
    argument: _apipb_SetPoliciesRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  setPolicies(
    argument: _apipb_SetPoliciesRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  setPolicies(
    argument: _apipb_SetPoliciesRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  SetPolicyAssignment(
    argument: _apipb_SetPolicyAssignmentRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  SetPolicyAssignment(
    argument: _apipb_SetPolicyAssignmentRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  SetPolicyAssignment(
    argument: _apipb_SetPolicyAssignmentRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  SetPolicyAssignment(
    argument: _apipb_SetPolicyAssignmentRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  setPolicyAssignment(
    argument: _apipb_SetPolicyAssignmentRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  setPolicyAssignment(
    argument: _apipb_SetPolicyAssignmentRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  setPolicyAssignment(
    argument: _apipb_SetPolicyAssignmentRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  setPolicyAssignment(
    argument: _apipb_SetPolicyAssignmentRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  ShutdownPeer(
    argument: _apipb_ShutdownPeerRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  ShutdownPeer(
    argument: _apipb_ShutdownPeerRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  ShutdownPeer(
    argument: _apipb_ShutdownPeerRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  ShutdownPeer(
    argument: _apipb_ShutdownPeerRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  shutdownPeer(
    argument: _apipb_ShutdownPeerRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  shutdownPeer(
    argument: _apipb_ShutdownPeerRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  shutdownPeer(
    argument: _apipb_ShutdownPeerRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  shutdownPeer(
    argument: _apipb_ShutdownPeerRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  StartBgp(
    argument: _apipb_StartBgpRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  StartBgp(
    argument: _apipb_StartBgpRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  StartBgp(
    argument: _apipb_StartBgpRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  StartBgp(
    argument: _apipb_StartBgpRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  startBgp(
    argument: _apipb_StartBgpRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  startBgp(
    argument: _apipb_StartBgpRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  startBgp(
    argument: _apipb_StartBgpRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  startBgp(
    argument: _apipb_StartBgpRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  StopBgp(
    argument: _apipb_StopBgpRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  StopBgp(
    argument: _apipb_StopBgpRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  StopBgp(
    argument: _apipb_StopBgpRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  StopBgp(
    argument: _apipb_StopBgpRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  stopBgp(
    argument: _apipb_StopBgpRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  stopBgp(
    argument: _apipb_StopBgpRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  stopBgp(
    argument: _apipb_StopBgpRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;
  stopBgp(
    argument: _apipb_StopBgpRequest,
    callback: grpc.requestCallback<_google_protobuf_Empty__Output>,
  ): grpc.ClientUnaryCall;

  UpdatePeer(
    argument: _apipb_UpdatePeerRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_apipb_UpdatePeerResponse__Output>,
  ): grpc.ClientUnaryCall;
  UpdatePeer(
    argument: _apipb_UpdatePeerRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_apipb_UpdatePeerResponse__Output>,
  ): grpc.ClientUnaryCall;
  UpdatePeer(
    argument: _apipb_UpdatePeerRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_apipb_UpdatePeerResponse__Output>,
  ): grpc.ClientUnaryCall;
  UpdatePeer(
    argument: _apipb_UpdatePeerRequest,
    callback: grpc.requestCallback<_apipb_UpdatePeerResponse__Output>,
  ): grpc.ClientUnaryCall;
  updatePeer(
    argument: _apipb_UpdatePeerRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_apipb_UpdatePeerResponse__Output>,
  ): grpc.ClientUnaryCall;
  updatePeer(
    argument: _apipb_UpdatePeerRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_apipb_UpdatePeerResponse__Output>,
  ): grpc.ClientUnaryCall;
  updatePeer(
    argument: _apipb_UpdatePeerRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_apipb_UpdatePeerResponse__Output>,
  ): grpc.ClientUnaryCall;
  updatePeer(
    argument: _apipb_UpdatePeerRequest,
    callback: grpc.requestCallback<_apipb_UpdatePeerResponse__Output>,
  ): grpc.ClientUnaryCall;

  UpdatePeerGroup(
    argument: _apipb_UpdatePeerGroupRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_apipb_UpdatePeerGroupResponse__Output>,
  ): grpc.ClientUnaryCall;
  UpdatePeerGroup(
    argument: _apipb_UpdatePeerGroupRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_apipb_UpdatePeerGroupResponse__Output>,
  ): grpc.ClientUnaryCall;
  UpdatePeerGroup(
    argument: _apipb_UpdatePeerGroupRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_apipb_UpdatePeerGroupResponse__Output>,
  ): grpc.ClientUnaryCall;
  UpdatePeerGroup(
    argument: _apipb_UpdatePeerGroupRequest,
    callback: grpc.requestCallback<_apipb_UpdatePeerGroupResponse__Output>,
  ): grpc.ClientUnaryCall;
  updatePeerGroup(
    argument: _apipb_UpdatePeerGroupRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_apipb_UpdatePeerGroupResponse__Output>,
  ): grpc.ClientUnaryCall;
  updatePeerGroup(
    argument: _apipb_UpdatePeerGroupRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_apipb_UpdatePeerGroupResponse__Output>,
  ): grpc.ClientUnaryCall;
  updatePeerGroup(
    argument: _apipb_UpdatePeerGroupRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_apipb_UpdatePeerGroupResponse__Output>,
  ): grpc.ClientUnaryCall;
  updatePeerGroup(
    argument: _apipb_UpdatePeerGroupRequest,
    callback: grpc.requestCallback<_apipb_UpdatePeerGroupResponse__Output>,
  ): grpc.ClientUnaryCall;

  WatchEvent(
    argument: _apipb_WatchEventRequest,
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_WatchEventResponse__Output>;
  WatchEvent(
    argument: _apipb_WatchEventRequest,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_WatchEventResponse__Output>;
  watchEvent(
    argument: _apipb_WatchEventRequest,
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_WatchEventResponse__Output>;
  watchEvent(
    argument: _apipb_WatchEventRequest,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_apipb_WatchEventResponse__Output>;
}

export interface GobgpApiHandlers extends grpc.UntypedServiceImplementation {
  AddBmp: grpc.handleUnaryCall<_apipb_AddBmpRequest__Output, _google_protobuf_Empty>;

  AddDefinedSet: grpc.handleUnaryCall<_apipb_AddDefinedSetRequest__Output, _google_protobuf_Empty>;

  AddDynamicNeighbor: grpc.handleUnaryCall<_apipb_AddDynamicNeighborRequest__Output, _google_protobuf_Empty>;

  AddPath: grpc.handleUnaryCall<_apipb_AddPathRequest__Output, _apipb_AddPathResponse>;

  AddPathStream: grpc.handleClientStreamingCall<_apipb_AddPathStreamRequest__Output, _google_protobuf_Empty>;

  AddPeer: grpc.handleUnaryCall<_apipb_AddPeerRequest__Output, _google_protobuf_Empty>;

  AddPeerGroup: grpc.handleUnaryCall<_apipb_AddPeerGroupRequest__Output, _google_protobuf_Empty>;

  AddPolicy: grpc.handleUnaryCall<_apipb_AddPolicyRequest__Output, _google_protobuf_Empty>;

  AddPolicyAssignment: grpc.handleUnaryCall<
    _apipb_AddPolicyAssignmentRequest__Output,
    _google_protobuf_Empty
  >;

  AddRpki: grpc.handleUnaryCall<_apipb_AddRpkiRequest__Output, _google_protobuf_Empty>;

  AddStatement: grpc.handleUnaryCall<_apipb_AddStatementRequest__Output, _google_protobuf_Empty>;

  AddVrf: grpc.handleUnaryCall<_apipb_AddVrfRequest__Output, _google_protobuf_Empty>;

  DeleteBmp: grpc.handleUnaryCall<_apipb_DeleteBmpRequest__Output, _google_protobuf_Empty>;

  DeleteDefinedSet: grpc.handleUnaryCall<_apipb_DeleteDefinedSetRequest__Output, _google_protobuf_Empty>;

  DeleteDynamicNeighbor: grpc.handleUnaryCall<
    _apipb_DeleteDynamicNeighborRequest__Output,
    _google_protobuf_Empty
  >;

  DeletePath: grpc.handleUnaryCall<_apipb_DeletePathRequest__Output, _google_protobuf_Empty>;

  DeletePeer: grpc.handleUnaryCall<_apipb_DeletePeerRequest__Output, _google_protobuf_Empty>;

  DeletePeerGroup: grpc.handleUnaryCall<_apipb_DeletePeerGroupRequest__Output, _google_protobuf_Empty>;

  DeletePolicy: grpc.handleUnaryCall<_apipb_DeletePolicyRequest__Output, _google_protobuf_Empty>;

  DeletePolicyAssignment: grpc.handleUnaryCall<
    _apipb_DeletePolicyAssignmentRequest__Output,
    _google_protobuf_Empty
  >;

  DeleteRpki: grpc.handleUnaryCall<_apipb_DeleteRpkiRequest__Output, _google_protobuf_Empty>;

  DeleteStatement: grpc.handleUnaryCall<_apipb_DeleteStatementRequest__Output, _google_protobuf_Empty>;

  DeleteVrf: grpc.handleUnaryCall<_apipb_DeleteVrfRequest__Output, _google_protobuf_Empty>;

  DisableMrt: grpc.handleUnaryCall<_apipb_DisableMrtRequest__Output, _google_protobuf_Empty>;

  DisablePeer: grpc.handleUnaryCall<_apipb_DisablePeerRequest__Output, _google_protobuf_Empty>;

  DisableRpki: grpc.handleUnaryCall<_apipb_DisableRpkiRequest__Output, _google_protobuf_Empty>;

  EnableMrt: grpc.handleUnaryCall<_apipb_EnableMrtRequest__Output, _google_protobuf_Empty>;

  EnablePeer: grpc.handleUnaryCall<_apipb_EnablePeerRequest__Output, _google_protobuf_Empty>;

  EnableRpki: grpc.handleUnaryCall<_apipb_EnableRpkiRequest__Output, _google_protobuf_Empty>;

  EnableZebra: grpc.handleUnaryCall<_apipb_EnableZebraRequest__Output, _google_protobuf_Empty>;

  GetBgp: grpc.handleUnaryCall<_apipb_GetBgpRequest__Output, _apipb_GetBgpResponse>;

  GetTable: grpc.handleUnaryCall<_apipb_GetTableRequest__Output, _apipb_GetTableResponse>;

  ListBmp: grpc.handleServerStreamingCall<_apipb_ListBmpRequest__Output, _apipb_ListBmpResponse>;

  ListDefinedSet: grpc.handleServerStreamingCall<
    _apipb_ListDefinedSetRequest__Output,
    _apipb_ListDefinedSetResponse
  >;

  ListDynamicNeighbor: grpc.handleServerStreamingCall<
    _apipb_ListDynamicNeighborRequest__Output,
    _apipb_ListDynamicNeighborResponse
  >;

  ListPath: grpc.handleServerStreamingCall<_apipb_ListPathRequest__Output, _apipb_ListPathResponse>;

  ListPeer: grpc.handleServerStreamingCall<_apipb_ListPeerRequest__Output, _apipb_ListPeerResponse>;

  ListPeerGroup: grpc.handleServerStreamingCall<
    _apipb_ListPeerGroupRequest__Output,
    _apipb_ListPeerGroupResponse
  >;

  ListPolicy: grpc.handleServerStreamingCall<_apipb_ListPolicyRequest__Output, _apipb_ListPolicyResponse>;

  ListPolicyAssignment: grpc.handleServerStreamingCall<
    _apipb_ListPolicyAssignmentRequest__Output,
    _apipb_ListPolicyAssignmentResponse
  >;

  ListRpki: grpc.handleServerStreamingCall<_apipb_ListRpkiRequest__Output, _apipb_ListRpkiResponse>;

  ListRpkiTable: grpc.handleServerStreamingCall<
    _apipb_ListRpkiTableRequest__Output,
    _apipb_ListRpkiTableResponse
  >;

  ListStatement: grpc.handleServerStreamingCall<
    _apipb_ListStatementRequest__Output,
    _apipb_ListStatementResponse
  >;

  ListVrf: grpc.handleServerStreamingCall<_apipb_ListVrfRequest__Output, _apipb_ListVrfResponse>;

  ResetPeer: grpc.handleUnaryCall<_apipb_ResetPeerRequest__Output, _google_protobuf_Empty>;

  ResetRpki: grpc.handleUnaryCall<_apipb_ResetRpkiRequest__Output, _google_protobuf_Empty>;

  SetLogLevel: grpc.handleUnaryCall<_apipb_SetLogLevelRequest__Output, _google_protobuf_Empty>;

  SetPolicies: grpc.handleUnaryCall<_apipb_SetPoliciesRequest__Output, _google_protobuf_Empty>;

  SetPolicyAssignment: grpc.handleUnaryCall<
    _apipb_SetPolicyAssignmentRequest__Output,
    _google_protobuf_Empty
  >;

  ShutdownPeer: grpc.handleUnaryCall<_apipb_ShutdownPeerRequest__Output, _google_protobuf_Empty>;

  StartBgp: grpc.handleUnaryCall<_apipb_StartBgpRequest__Output, _google_protobuf_Empty>;

  StopBgp: grpc.handleUnaryCall<_apipb_StopBgpRequest__Output, _google_protobuf_Empty>;

  UpdatePeer: grpc.handleUnaryCall<_apipb_UpdatePeerRequest__Output, _apipb_UpdatePeerResponse>;

  UpdatePeerGroup: grpc.handleUnaryCall<
    _apipb_UpdatePeerGroupRequest__Output,
    _apipb_UpdatePeerGroupResponse
  >;

  WatchEvent: grpc.handleServerStreamingCall<_apipb_WatchEventRequest__Output, _apipb_WatchEventResponse>;
}

export interface GobgpApiDefinition extends grpc.ServiceDefinition {
  AddBmp: MethodDefinition<
    _apipb_AddBmpRequest,
    _google_protobuf_Empty,
    _apipb_AddBmpRequest__Output,
    _google_protobuf_Empty__Output
  >;
  AddDefinedSet: MethodDefinition<
    _apipb_AddDefinedSetRequest,
    _google_protobuf_Empty,
    _apipb_AddDefinedSetRequest__Output,
    _google_protobuf_Empty__Output
  >;
  AddDynamicNeighbor: MethodDefinition<
    _apipb_AddDynamicNeighborRequest,
    _google_protobuf_Empty,
    _apipb_AddDynamicNeighborRequest__Output,
    _google_protobuf_Empty__Output
  >;
  AddPath: MethodDefinition<
    _apipb_AddPathRequest,
    _apipb_AddPathResponse,
    _apipb_AddPathRequest__Output,
    _apipb_AddPathResponse__Output
  >;
  AddPathStream: MethodDefinition<
    _apipb_AddPathStreamRequest,
    _google_protobuf_Empty,
    _apipb_AddPathStreamRequest__Output,
    _google_protobuf_Empty__Output
  >;
  AddPeer: MethodDefinition<
    _apipb_AddPeerRequest,
    _google_protobuf_Empty,
    _apipb_AddPeerRequest__Output,
    _google_protobuf_Empty__Output
  >;
  AddPeerGroup: MethodDefinition<
    _apipb_AddPeerGroupRequest,
    _google_protobuf_Empty,
    _apipb_AddPeerGroupRequest__Output,
    _google_protobuf_Empty__Output
  >;
  AddPolicy: MethodDefinition<
    _apipb_AddPolicyRequest,
    _google_protobuf_Empty,
    _apipb_AddPolicyRequest__Output,
    _google_protobuf_Empty__Output
  >;
  AddPolicyAssignment: MethodDefinition<
    _apipb_AddPolicyAssignmentRequest,
    _google_protobuf_Empty,
    _apipb_AddPolicyAssignmentRequest__Output,
    _google_protobuf_Empty__Output
  >;
  AddRpki: MethodDefinition<
    _apipb_AddRpkiRequest,
    _google_protobuf_Empty,
    _apipb_AddRpkiRequest__Output,
    _google_protobuf_Empty__Output
  >;
  AddStatement: MethodDefinition<
    _apipb_AddStatementRequest,
    _google_protobuf_Empty,
    _apipb_AddStatementRequest__Output,
    _google_protobuf_Empty__Output
  >;
  AddVrf: MethodDefinition<
    _apipb_AddVrfRequest,
    _google_protobuf_Empty,
    _apipb_AddVrfRequest__Output,
    _google_protobuf_Empty__Output
  >;
  DeleteBmp: MethodDefinition<
    _apipb_DeleteBmpRequest,
    _google_protobuf_Empty,
    _apipb_DeleteBmpRequest__Output,
    _google_protobuf_Empty__Output
  >;
  DeleteDefinedSet: MethodDefinition<
    _apipb_DeleteDefinedSetRequest,
    _google_protobuf_Empty,
    _apipb_DeleteDefinedSetRequest__Output,
    _google_protobuf_Empty__Output
  >;
  DeleteDynamicNeighbor: MethodDefinition<
    _apipb_DeleteDynamicNeighborRequest,
    _google_protobuf_Empty,
    _apipb_DeleteDynamicNeighborRequest__Output,
    _google_protobuf_Empty__Output
  >;
  DeletePath: MethodDefinition<
    _apipb_DeletePathRequest,
    _google_protobuf_Empty,
    _apipb_DeletePathRequest__Output,
    _google_protobuf_Empty__Output
  >;
  DeletePeer: MethodDefinition<
    _apipb_DeletePeerRequest,
    _google_protobuf_Empty,
    _apipb_DeletePeerRequest__Output,
    _google_protobuf_Empty__Output
  >;
  DeletePeerGroup: MethodDefinition<
    _apipb_DeletePeerGroupRequest,
    _google_protobuf_Empty,
    _apipb_DeletePeerGroupRequest__Output,
    _google_protobuf_Empty__Output
  >;
  DeletePolicy: MethodDefinition<
    _apipb_DeletePolicyRequest,
    _google_protobuf_Empty,
    _apipb_DeletePolicyRequest__Output,
    _google_protobuf_Empty__Output
  >;
  DeletePolicyAssignment: MethodDefinition<
    _apipb_DeletePolicyAssignmentRequest,
    _google_protobuf_Empty,
    _apipb_DeletePolicyAssignmentRequest__Output,
    _google_protobuf_Empty__Output
  >;
  DeleteRpki: MethodDefinition<
    _apipb_DeleteRpkiRequest,
    _google_protobuf_Empty,
    _apipb_DeleteRpkiRequest__Output,
    _google_protobuf_Empty__Output
  >;
  DeleteStatement: MethodDefinition<
    _apipb_DeleteStatementRequest,
    _google_protobuf_Empty,
    _apipb_DeleteStatementRequest__Output,
    _google_protobuf_Empty__Output
  >;
  DeleteVrf: MethodDefinition<
    _apipb_DeleteVrfRequest,
    _google_protobuf_Empty,
    _apipb_DeleteVrfRequest__Output,
    _google_protobuf_Empty__Output
  >;
  DisableMrt: MethodDefinition<
    _apipb_DisableMrtRequest,
    _google_protobuf_Empty,
    _apipb_DisableMrtRequest__Output,
    _google_protobuf_Empty__Output
  >;
  DisablePeer: MethodDefinition<
    _apipb_DisablePeerRequest,
    _google_protobuf_Empty,
    _apipb_DisablePeerRequest__Output,
    _google_protobuf_Empty__Output
  >;
  DisableRpki: MethodDefinition<
    _apipb_DisableRpkiRequest,
    _google_protobuf_Empty,
    _apipb_DisableRpkiRequest__Output,
    _google_protobuf_Empty__Output
  >;
  EnableMrt: MethodDefinition<
    _apipb_EnableMrtRequest,
    _google_protobuf_Empty,
    _apipb_EnableMrtRequest__Output,
    _google_protobuf_Empty__Output
  >;
  EnablePeer: MethodDefinition<
    _apipb_EnablePeerRequest,
    _google_protobuf_Empty,
    _apipb_EnablePeerRequest__Output,
    _google_protobuf_Empty__Output
  >;
  EnableRpki: MethodDefinition<
    _apipb_EnableRpkiRequest,
    _google_protobuf_Empty,
    _apipb_EnableRpkiRequest__Output,
    _google_protobuf_Empty__Output
  >;
  EnableZebra: MethodDefinition<
    _apipb_EnableZebraRequest,
    _google_protobuf_Empty,
    _apipb_EnableZebraRequest__Output,
    _google_protobuf_Empty__Output
  >;
  GetBgp: MethodDefinition<
    _apipb_GetBgpRequest,
    _apipb_GetBgpResponse,
    _apipb_GetBgpRequest__Output,
    _apipb_GetBgpResponse__Output
  >;
  GetTable: MethodDefinition<
    _apipb_GetTableRequest,
    _apipb_GetTableResponse,
    _apipb_GetTableRequest__Output,
    _apipb_GetTableResponse__Output
  >;
  ListBmp: MethodDefinition<
    _apipb_ListBmpRequest,
    _apipb_ListBmpResponse,
    _apipb_ListBmpRequest__Output,
    _apipb_ListBmpResponse__Output
  >;
  ListDefinedSet: MethodDefinition<
    _apipb_ListDefinedSetRequest,
    _apipb_ListDefinedSetResponse,
    _apipb_ListDefinedSetRequest__Output,
    _apipb_ListDefinedSetResponse__Output
  >;
  ListDynamicNeighbor: MethodDefinition<
    _apipb_ListDynamicNeighborRequest,
    _apipb_ListDynamicNeighborResponse,
    _apipb_ListDynamicNeighborRequest__Output,
    _apipb_ListDynamicNeighborResponse__Output
  >;
  ListPath: MethodDefinition<
    _apipb_ListPathRequest,
    _apipb_ListPathResponse,
    _apipb_ListPathRequest__Output,
    _apipb_ListPathResponse__Output
  >;
  ListPeer: MethodDefinition<
    _apipb_ListPeerRequest,
    _apipb_ListPeerResponse,
    _apipb_ListPeerRequest__Output,
    _apipb_ListPeerResponse__Output
  >;
  ListPeerGroup: MethodDefinition<
    _apipb_ListPeerGroupRequest,
    _apipb_ListPeerGroupResponse,
    _apipb_ListPeerGroupRequest__Output,
    _apipb_ListPeerGroupResponse__Output
  >;
  ListPolicy: MethodDefinition<
    _apipb_ListPolicyRequest,
    _apipb_ListPolicyResponse,
    _apipb_ListPolicyRequest__Output,
    _apipb_ListPolicyResponse__Output
  >;
  ListPolicyAssignment: MethodDefinition<
    _apipb_ListPolicyAssignmentRequest,
    _apipb_ListPolicyAssignmentResponse,
    _apipb_ListPolicyAssignmentRequest__Output,
    _apipb_ListPolicyAssignmentResponse__Output
  >;
  ListRpki: MethodDefinition<
    _apipb_ListRpkiRequest,
    _apipb_ListRpkiResponse,
    _apipb_ListRpkiRequest__Output,
    _apipb_ListRpkiResponse__Output
  >;
  ListRpkiTable: MethodDefinition<
    _apipb_ListRpkiTableRequest,
    _apipb_ListRpkiTableResponse,
    _apipb_ListRpkiTableRequest__Output,
    _apipb_ListRpkiTableResponse__Output
  >;
  ListStatement: MethodDefinition<
    _apipb_ListStatementRequest,
    _apipb_ListStatementResponse,
    _apipb_ListStatementRequest__Output,
    _apipb_ListStatementResponse__Output
  >;
  ListVrf: MethodDefinition<
    _apipb_ListVrfRequest,
    _apipb_ListVrfResponse,
    _apipb_ListVrfRequest__Output,
    _apipb_ListVrfResponse__Output
  >;
  ResetPeer: MethodDefinition<
    _apipb_ResetPeerRequest,
    _google_protobuf_Empty,
    _apipb_ResetPeerRequest__Output,
    _google_protobuf_Empty__Output
  >;
  ResetRpki: MethodDefinition<
    _apipb_ResetRpkiRequest,
    _google_protobuf_Empty,
    _apipb_ResetRpkiRequest__Output,
    _google_protobuf_Empty__Output
  >;
  SetLogLevel: MethodDefinition<
    _apipb_SetLogLevelRequest,
    _google_protobuf_Empty,
    _apipb_SetLogLevelRequest__Output,
    _google_protobuf_Empty__Output
  >;
  SetPolicies: MethodDefinition<
    _apipb_SetPoliciesRequest,
    _google_protobuf_Empty,
    _apipb_SetPoliciesRequest__Output,
    _google_protobuf_Empty__Output
  >;
  SetPolicyAssignment: MethodDefinition<
    _apipb_SetPolicyAssignmentRequest,
    _google_protobuf_Empty,
    _apipb_SetPolicyAssignmentRequest__Output,
    _google_protobuf_Empty__Output
  >;
  ShutdownPeer: MethodDefinition<
    _apipb_ShutdownPeerRequest,
    _google_protobuf_Empty,
    _apipb_ShutdownPeerRequest__Output,
    _google_protobuf_Empty__Output
  >;
  StartBgp: MethodDefinition<
    _apipb_StartBgpRequest,
    _google_protobuf_Empty,
    _apipb_StartBgpRequest__Output,
    _google_protobuf_Empty__Output
  >;
  StopBgp: MethodDefinition<
    _apipb_StopBgpRequest,
    _google_protobuf_Empty,
    _apipb_StopBgpRequest__Output,
    _google_protobuf_Empty__Output
  >;
  UpdatePeer: MethodDefinition<
    _apipb_UpdatePeerRequest,
    _apipb_UpdatePeerResponse,
    _apipb_UpdatePeerRequest__Output,
    _apipb_UpdatePeerResponse__Output
  >;
  UpdatePeerGroup: MethodDefinition<
    _apipb_UpdatePeerGroupRequest,
    _apipb_UpdatePeerGroupResponse,
    _apipb_UpdatePeerGroupRequest__Output,
    _apipb_UpdatePeerGroupResponse__Output
  >;
  WatchEvent: MethodDefinition<
    _apipb_WatchEventRequest,
    _apipb_WatchEventResponse,
    _apipb_WatchEventRequest__Output,
    _apipb_WatchEventResponse__Output
  >;
}
