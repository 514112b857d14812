import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type {
  HeldVip as _vipd_v1_HeldVip,
  HeldVip__Output as _vipd_v1_HeldVip__Output,
} from './vipd/v1/HeldVip';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new (...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  vipd: {
    v1: {
      Family: EnumTypeDefinition;
      HeldVip: MessageTypeDefinition<_vipd_v1_HeldVip, _vipd_v1_HeldVip__Output>;
    };
  };
}
