// Original file: /work/main/proto/vipd/v1/node.proto

import type * as grpc from '@grpc/grpc-js';
import type { MethodDefinition } from '@grpc/proto-loader';
import type { Beat as _vipd_v1_Beat, Beat__Output as _vipd_v1_Beat__Output } from '../../vipd/v1/Beat';

export interface NodeServiceClient extends grpc.Client {
  Heartbeat(
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientDuplexStream<_vipd_v1_Beat, _vipd_v1_Beat__Output>;
  Heartbeat(options?: grpc.CallOptions): grpc.ClientDuplexStream<_vipd_v1_Beat, _vipd_v1_Beat__Output>;
  heartbeat(
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientDuplexStream<_vipd_v1_Beat, _vipd_v1_Beat__Output>;
  heartbeat(options?: grpc.CallOptions): grpc.ClientDuplexStream<_vipd_v1_Beat, _vipd_v1_Beat__Output>;
}

export interface NodeServiceHandlers extends grpc.UntypedServiceImplementation {
  Heartbeat: grpc.handleBidiStreamingCall<_vipd_v1_Beat__Output, _vipd_v1_Beat>;
}

export interface NodeServiceDefinition extends grpc.ServiceDefinition {
  Heartbeat: MethodDefinition<_vipd_v1_Beat, _vipd_v1_Beat, _vipd_v1_Beat__Output, _vipd_v1_Beat__Output>;
}
