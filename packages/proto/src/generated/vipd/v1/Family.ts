// Original file: /work/main/proto/vipd/v1/types.proto

export const Family = {
  FAMILY_UNSPECIFIED: 'FAMILY_UNSPECIFIED',
  FAMILY_IPV4: 'FAMILY_IPV4',
  FAMILY_IPV6: 'FAMILY_IPV6',
} as const;

export type Family = 'FAMILY_UNSPECIFIED' | 0 | 'FAMILY_IPV4' | 1 | 'FAMILY_IPV6' | 2;

export type Family__Output = (typeof Family)[keyof typeof Family];
