// Original file: proto/gobgp/attribute.proto

export const LsNLRIType = {
  LS_NLRI_UNKNOWN: 'LS_NLRI_UNKNOWN',
  LS_NLRI_NODE: 'LS_NLRI_NODE',
  LS_NLRI_LINK: 'LS_NLRI_LINK',
  LS_NLRI_PREFIX_V4: 'LS_NLRI_PREFIX_V4',
  LS_NLRI_PREFIX_V6: 'LS_NLRI_PREFIX_V6',
} as const;

export type LsNLRIType =
  | 'LS_NLRI_UNKNOWN'
  | 0
  | 'LS_NLRI_NODE'
  | 1
  | 'LS_NLRI_LINK'
  | 2
  | 'LS_NLRI_PREFIX_V4'
  | 3
  | 'LS_NLRI_PREFIX_V6'
  | 4;

export type LsNLRIType__Output = (typeof LsNLRIType)[keyof typeof LsNLRIType];
