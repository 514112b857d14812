import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Beat as _vipd_v1_Beat, Beat__Output as _vipd_v1_Beat__Output } from './vipd/v1/Beat';
import type {
  BeatAuth as _vipd_v1_BeatAuth,
  BeatAuth__Output as _vipd_v1_BeatAuth__Output,
} from './vipd/v1/BeatAuth';
import type {
  HeldSet as _vipd_v1_HeldSet,
  HeldSet__Output as _vipd_v1_HeldSet__Output,
} from './vipd/v1/HeldSet';
import type {
  HeldVip as _vipd_v1_HeldVip,
  HeldVip__Output as _vipd_v1_HeldVip__Output,
} from './vipd/v1/HeldVip';
import type {
  NodeServiceClient as _vipd_v1_NodeServiceClient,
  NodeServiceDefinition as _vipd_v1_NodeServiceDefinition,
} from './vipd/v1/NodeService';
import type {
  PeerView as _vipd_v1_PeerView,
  PeerView__Output as _vipd_v1_PeerView__Output,
} from './vipd/v1/PeerView';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new (...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  vipd: {
    v1: {
      Beat: MessageTypeDefinition<_vipd_v1_Beat, _vipd_v1_Beat__Output>;
      BeatAuth: MessageTypeDefinition<_vipd_v1_BeatAuth, _vipd_v1_BeatAuth__Output>;
      Family: EnumTypeDefinition;
      HeldSet: MessageTypeDefinition<_vipd_v1_HeldSet, _vipd_v1_HeldSet__Output>;
      HeldVip: MessageTypeDefinition<_vipd_v1_HeldVip, _vipd_v1_HeldVip__Output>;
      NodeService: SubtypeConstructor<typeof grpc.Client, _vipd_v1_NodeServiceClient> & {
        service: _vipd_v1_NodeServiceDefinition;
      };
      PeerView: MessageTypeDefinition<_vipd_v1_PeerView, _vipd_v1_PeerView__Output>;
    };
  };
}
