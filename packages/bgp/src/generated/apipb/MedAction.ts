// Original file: proto/gobgp/gobgp.proto

import type { Long } from '@grpc/proto-loader';

// Original file: proto/gobgp/gobgp.proto

export const _apipb_MedAction_Type = {
  MOD: 'MOD',
  REPLACE: 'REPLACE',
} as const;

export type _apipb_MedAction_Type = 'MOD' | 0 | 'REPLACE' | 1;

export type _apipb_MedAction_Type__Output =
  (typeof _apipb_MedAction_Type)[keyof typeof _apipb_MedAction_Type];

export interface MedAction {
  type?: _apipb_MedAction_Type;
  value?: number | string | Long;
}

export interface MedAction__Output {
  type: _apipb_MedAction_Type__Output;
  value: string;
}
