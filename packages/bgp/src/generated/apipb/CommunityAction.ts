// Original file: proto/gobgp/gobgp.proto

// Original file: proto/gobgp/gobgp.proto

export const _apipb_CommunityAction_Type = {
  ADD: 'ADD',
  REMOVE: 'REMOVE',
  REPLACE: 'REPLACE',
} as const;

export type _apipb_CommunityAction_Type = 'ADD' | 0 | 'REMOVE' | 1 | 'REPLACE' | 2;

export type _apipb_CommunityAction_Type__Output =
  (typeof _apipb_CommunityAction_Type)[keyof typeof _apipb_CommunityAction_Type];

export interface CommunityAction {
  type?: _apipb_CommunityAction_Type;
  communities?: string[];
}

export interface CommunityAction__Output {
  type: _apipb_CommunityAction_Type__Output;
  communities: string[];
}
